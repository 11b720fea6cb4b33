"""Templates compiled once, not once per generator and build.

Every Pelican generator has a Jinja environment of its own, so each compiled the theme and the
GOV.UK macros again (5.9 s of a 1,000-post build), and by default each checked every
template's file date whenever a page imported a macro. With the build cache on, compiled
templates are kept in `<cache>/templates/` (Jinja's bytecode cache checks each against its
source, so an edited template is compiled afresh); and a build does not look for templates
changing under it.
"""

from __future__ import annotations

import os
from collections import ChainMap
from collections.abc import MutableMapping
from typing import Any

from content_model.build_cache import cache_folder
from jinja2 import FileSystemBytecodeCache

FOLDER = "templates"


class TemplateGlobals(ChainMap[str, Any]):
    """A template's globals (Jinja makes a ChainMap over the environment's) whose keys are a
    set. Each macro import subtracts them from the importer's: with a ChainMap's keys view
    that is a lookup through every map for each name (5 % of a build's time)."""

    def keys(self) -> set[str]:  # type: ignore[override]
        return set().union(*self.maps)


def share_compiled_templates(env: Any, settings: dict[str, Any]) -> None:
    env.auto_reload = False

    def make_globals(extra: MutableMapping[str, Any] | None) -> TemplateGlobals:
        return TemplateGlobals({} if extra is None else extra, env.globals)

    env.make_globals = make_globals
    folder = cache_folder(settings)
    if folder is None:
        return
    path = os.path.join(folder, FOLDER)
    os.makedirs(path, exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(path)
