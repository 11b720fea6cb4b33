"""The checks of one source that need more than its own front matter: the site's time zone,
the build clock and the files it links to. The build and `make check` both run them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .anchors import broken_fragments
from .early_links import early_links
from .front_matter import FrontMatter
from .links import broken_links
from .schema import CONTENT_TYPES
from .timing import order_problems, publication_key, zone_problems


def further_problems(
    source_path: str,
    text: str,
    front_matter: FrontMatter,
    kind: str,
    settings: dict[str, Any],
    content_type_for: Callable[[str, dict[str, Any]], str | None],
) -> list[tuple[int, str]]:
    """(line, message) for each problem; `content_type_for` tells a linked file's type."""
    zone = settings["TIMEZONE"]
    found = zone_problems(front_matter, CONTENT_TYPES[kind], zone)
    found += order_problems(front_matter, publication_key(kind, front_matter), zone)
    return found + link_problems(source_path, text, front_matter, kind, settings, content_type_for)


def link_problems(
    source_path: str,
    text: str,
    front_matter: FrontMatter,
    kind: str,
    settings: dict[str, Any],
    content_type_for: Callable[[str, dict[str, Any]], str | None],
) -> list[tuple[int, str]]:
    """The problems of a source's internal links, which depend on the files they name (and
    on the build clock): a kept reading is checked again with these (read_cache.py)."""

    def kind_of(path: str) -> str | None:
        return content_type_for(path, settings)

    preview = bool(settings.get("PREVIEW"))
    found = broken_links(source_path, text, settings["PATH"], preview)
    found += broken_fragments(source_path, text, settings)
    found += early_links(source_path, text, front_matter, kind, settings, kind_of)
    return found
