"""Make the GOV.UK Frontend Jinja macros importable from every theme template.

The macros import each other as `govuk_frontend_jinja/...` and rely on Jinja's
ChainableUndefined (they test `params.a.b` where `a` may be missing).
"""

from __future__ import annotations

from typing import Any

from jinja2 import ChainableUndefined, ChoiceLoader, PackageLoader, PrefixLoader
from pelican import signals

from .template_cache import share_compiled_templates

MACRO_PREFIX = "govuk_frontend_jinja"


def add_govuk_macros(generator: Any) -> None:
    env = getattr(generator, "env", None)
    if env is None:
        return
    env.undefined = ChainableUndefined
    env.loader = ChoiceLoader(
        [env.loader, PrefixLoader({MACRO_PREFIX: PackageLoader(MACRO_PREFIX, "templates")})]
    )
    share_compiled_templates(env, generator.settings)


def register() -> None:
    signals.generator_init.connect(add_govuk_macros)
