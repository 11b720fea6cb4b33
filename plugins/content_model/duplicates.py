"""Two sources must never claim the same URL: Pelican would stop half way through writing."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from .contents import every_content
from .problems import BUILD_PROBLEMS, display_path


def report_duplicate_urls(generators: list[Any]) -> None:
    claimed: dict[str, list[str]] = defaultdict(list)
    for content in every_content(generators):
        if getattr(content, "save_as", ""):
            claimed[content.save_as].append(content.source_path)
    for save_as, sources in claimed.items():
        if len(sources) < 2:
            continue
        first, *others = sorted(sources)
        for other in others:
            BUILD_PROBLEMS.add(
                other,
                1,
                f"writes the same page ({save_as}) as {display_path(first)}: "
                "give one of them a different Slug",
            )
