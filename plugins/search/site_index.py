"""The search index of a site: its marked pages indexed part by part, each part kept if it can be.

The parts run one after another, never together, because the point of parts is that only one
Pagefind holds an index in memory at a time.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .index_reuse import IndexReuse
from .indexer import IndexSummary, index_pages
from .parts import Part, split, write_manifest

logger = logging.getLogger(__name__)
MB = 1_000_000
MIB = 1024 * 1024


@dataclass(frozen=True)
class PartIndex:
    part: Part
    summary: IndexSummary
    kept: bool  # the published index of the part was copied; Pagefind did not run


def index_site(
    site: str,
    bundle: str,
    pages: set[str],
    *,
    ignore: tuple[str, ...],
    keep_index_url: bool,
    part_size: int,
    reuse: IndexReuse | None = None,
    into: Path | None = None,
    go_on: Callable[[], bool] = lambda: True,
) -> list[PartIndex]:
    """Index `pages` (paths relative to `site`) into `site/bundle` (or `into`, to be moved
    there), one bundle per part, and write the list of parts the search page reads. Pagefind
    is stopped when `go_on()` turns false."""
    folder = into or Path(site, bundle)
    options = (repr(ignore), str(keep_index_url))
    done = []
    for part in split(site, pages, part_size):
        target = folder / part.folder
        key = reuse.part_digest(site, part, options) if reuse else b""
        summary = reuse.reuse(key, target) if reuse else None
        kept = summary is not None
        if summary is None:
            summary = index_pages(site, part.pages, str(target), ignore, keep_index_url, go_on)
            if reuse:
                reuse.remember(key, target, summary)
        done.append(PartIndex(part, summary, kept))
        _log(done[-1])
    write_manifest(folder, [found.part for found in done])
    if reuse:
        reuse.save()
    return done


def _log(found: PartIndex) -> None:
    part, summary = found.part, found.summary
    if found.kept:
        logger.info(
            "Search: %s: kept its published index of %d pages (none changed)",
            part.name,
            summary.pages,
        )
    else:
        logger.info(
            "Search: %s: indexed %d pages (%.1f MB of HTML) in %.2f s; Pagefind's peak "
            "memory %.0f MiB",
            part.name,
            summary.pages,
            part.size / MB,
            summary.seconds,
            summary.peak / MIB,
        )
