"""Described: a canonical link, schema.org JSON-LD and Dublin Core on every page.

Adds the `page_metadata(title)` function to every generator's templates; the theme's
partials/head_metadata.html turns its answer into tags in the page head.
"""

from __future__ import annotations

from typing import Any

from jinja2 import pass_context
from pelican import signals

from .describe import PageMetadata, page_metadata


def add_template_function(generator: Any) -> None:
    env = getattr(generator, "env", None)
    if env is None:
        return
    settings = generator.settings

    @pass_context
    def metadata_for_template(context: Any, document_title: str = "") -> PageMetadata:
        return page_metadata(context, settings, document_title)

    env.globals["page_metadata"] = metadata_for_template


def register() -> None:
    signals.generator_init.connect(add_template_function)
