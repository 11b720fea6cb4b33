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
from typing import Any

from content_model.build_cache import cache_folder
from jinja2 import FileSystemBytecodeCache

FOLDER = "templates"


def share_compiled_templates(env: Any, settings: dict[str, Any]) -> None:
    env.auto_reload = False
    folder = cache_folder(settings)
    if folder is None:
        return
    path = os.path.join(folder, FOLDER)
    os.makedirs(path, exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(path)
