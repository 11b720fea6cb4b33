"""The search index of a site: its marked pages indexed part by part, each part kept if it can be.

The parts run one after another, never together, because the point of parts is that only one
Pagefind holds an index in memory at a time. The parts that must be indexed again go first,
in a thread of their own that waits on Pagefind, while this one puts the kept parts in place:
in a rebuild after one new comment, Pagefind on its one part is the last step of the build,
and it started only once the parts before it were checked and linked in place.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
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
    parts = split(site, pages, part_size)
    keys = [reuse.part_digest(site, part, options) if reuse else b"" for part in parts]
    done: dict[int, PartIndex] = {}

    def index(places: list[int]) -> None:
        for place in places:
            part, target = parts[place], folder / parts[place].folder
            summary = index_pages(site, part.pages, str(target), ignore, keep_index_url, go_on)
            if reuse:
                reuse.remember(keys[place], target, summary)
            done[place] = PartIndex(part, summary, False)
            _log(done[place])

    known = [place for place, key in enumerate(keys) if reuse and reuse.knows(key)]
    changed = [place for place in range(len(parts)) if place not in known]
    late = []  # kept parts whose published index files were changed: indexed after all
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="search parts") as beside:
        indexing = beside.submit(index, changed)
        for place in known:
            assert reuse is not None
            summary = reuse.reuse(keys[place], folder / parts[place].folder)
            if summary is None:
                late.append(place)
                continue
            done[place] = PartIndex(parts[place], summary, True)
            _log(done[place])
        indexing.result()  # raises what indexing raised
    index(late)
    write_manifest(folder, parts)
    if reuse:
        reuse.save()
    return [done[place] for place in range(len(parts))]


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
