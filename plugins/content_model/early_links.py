"""A published page must not link to one that is still embargoed.

Pelican resolves `{filename}` links before the embargo drops a source, so such a link would
point at a page that does not exist yet, and give its address (often the news itself) away
before its time. A link is fine when the linking source is published no earlier than its
target. Preview builds (PREVIEW = True) show embargoed pages, so there it is no problem.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from .anchors import resolve
from .front_matter import FrontMatter, source_front_matter
from .links import INTERNAL_LINK
from .timing import published_at

KindOf = Callable[[str], str | None]  # a source's content type from its path


def _target_time(path: str, kind_of: KindOf, zone: str) -> datetime | None:
    kind = kind_of(path)
    if kind is None:
        return None
    return published_at(kind, source_front_matter(path), zone)


def _local(moment: datetime, zone: str) -> str:
    return f"{moment.astimezone(ZoneInfo(zone)):%Y-%m-%d %H:%M} {zone}"


def early_links(
    source_path: str,
    text: str,
    front_matter: FrontMatter,
    kind: str,
    settings: dict[str, Any],
    kind_of: KindOf,
) -> list[tuple[int, str]]:
    """(line, message) for every `{filename}` link to a source published after this one."""
    clock = settings.get("BUILD_TIME")
    if settings.get("PREVIEW") or not isinstance(clock, datetime):
        return []
    zone = settings["TIMEZONE"]
    own = published_at(kind, front_matter, zone)
    shown_from = max(clock, own) if own else clock
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        if "{" not in line:
            continue  # no link (a quick test: most lines have none)
        for match in INTERNAL_LINK.finditer(line):
            path = resolve(source_path, match["target"], settings["PATH"])
            if match["what"] != "filename" or not path.endswith(".md") or not os.path.isfile(path):
                continue
            target_time = _target_time(path, kind_of, zone)
            if target_time and target_time > shown_from:
                problems.append(
                    (
                        number,
                        f"link {{filename}}{match['target']} points at a source embargoed "
                        f"until {_local(target_time, zone)}: until then the link is broken "
                        "and gives the address away. Remove the link, or publish this no "
                        "earlier than its target",
                    )
                )
    return problems
