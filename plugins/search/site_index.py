"""The search index of a site: its marked pages indexed part by part, each part kept if it can be.

The parts run one after another, never together, because the point of parts is that only one
Pagefind holds an index in memory at a time. The parts that must be indexed again go first,
in a thread of their own that waits on Pagefind, while this one puts the kept parts in place:
in a rebuild after one new comment, Pagefind on its one part is the last step of the build,
and it started only once the parts before it were checked and linked in place.

A build plans the index (`plan_index`: the parts, their keys, which are kept) in its own
thread and only then hands the making to the background (background.py). Planned in the
background, beside the feeds' Python, the plan took 1.0-1.2 s of a 5,000-post rebuild for
0.15 s of work, and Pagefind on the changed part started that much later.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from content_model.published_files import Identity, identity

from .index_reuse import IndexReuse
from .indexer import IndexSummary, PagefindRun, finish_bundle, link_pages, run_on_pages
from .parts import Part, split, write_manifest

logger = logging.getLogger(__name__)
MB = 1_000_000
MIB = 1024 * 1024


@dataclass(frozen=True)
class PartIndex:
    part: Part
    summary: IndexSummary
    kept: bool  # the published index of the part was copied; Pagefind did not run


@dataclass(frozen=True)
class IndexPlan:
    """What an index will be made of, worked out before Pagefind runs: the parts, each part's
    key in the reuse cache, and which parts have a published index made from the same pages."""

    site: str
    parts: list[Part]
    keys: list[bytes | None]  # None: not worked out yet (`key`)
    known: list[int]
    ignore: tuple[str, ...]
    keep_index_url: bool
    reuse: IndexReuse | None
    stamps: Mapping[str, Identity]
    linked: dict[int, str] = field(default_factory=dict)  # see link_first_changed_part

    @property
    def changed(self) -> list[int]:
        return [place for place in range(len(self.parts)) if place not in self.known]

    def key(self, place: int) -> bytes:
        """A part's key, worked out when first asked for."""
        found = self.keys[place]
        if found is None:
            assert self.reuse is not None
            options = _options(self.ignore, self.keep_index_url)
            found = self.reuse.part_digest(self.site, self.parts[place], options, self.stamps)
            self.keys[place] = found
        return found


def _options(ignore: tuple[str, ...], keep_index_url: bool) -> tuple[str, ...]:
    return (repr(ignore), str(keep_index_url))


def link_first_changed_part(plan: IndexPlan, folder: Path) -> None:
    """Link the pages of the first part Pagefind will index into a folder under `folder`,
    where the index is then made, in the build's own thread: beside the feeds, 600 pages took
    0.8 s instead of 0.1 s, each of their system calls waiting for the interpreter, and
    Pagefind started that much later. (Each later part is linked while Pagefind runs on the
    one before: linking them all here cost a clean build of 5,000 posts 0.7 s.)"""
    for place in plan.changed[:1]:
        plan.linked[place] = link_pages(plan.site, plan.parts[place].pages, str(folder))


def plan_index(
    site: str,
    pages: Mapping[str, Identity],
    *,
    ignore: tuple[str, ...],
    keep_index_url: bool,
    part_size: int,
    reuse: IndexReuse | None = None,
) -> IndexPlan:
    """The parts of `pages` (paths relative to `site`, with their files' stamps) and which of
    them can be kept. A build works this out in its own thread, before the index is made
    beside the feeds: there, it waited for the feeds' share of the interpreter, and a
    rebuild's one Pagefind run started a second later.

    When the cache keeps no part at all (a first build), no part can be kept and the keys,
    which read every page not read before (0.5 s at 5,000 posts), are left to the thread
    that finishes each bundle."""
    parts = split({page: stamp[0] for page, stamp in pages.items()}, part_size)
    keys: list[bytes | None] = [b"" if reuse is None else None for _part in parts]
    plan = IndexPlan(site, parts, keys, [], ignore, keep_index_url, reuse, pages)
    if reuse is not None and reuse.keeps_any_part():
        plan.known.extend(place for place in range(len(parts)) if reuse.knows(plan.key(place)))
    return plan


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
    stamped = {page: identity(os.stat(os.path.join(site, page))) for page in pages}
    plan = plan_index(
        site,
        stamped,
        ignore=ignore,
        keep_index_url=keep_index_url,
        part_size=part_size,
        reuse=reuse,
    )
    return make_index(plan, into or Path(site, bundle), go_on)


def make_index(
    plan: IndexPlan, folder: Path, go_on: Callable[[], bool] = lambda: True
) -> list[PartIndex]:
    """Make the planned index into `folder`: Pagefind on the changed parts first, in a thread
    of its own, while the kept parts are put in place."""
    parts, reuse = plan.parts, plan.reuse
    done: dict[int, PartIndex] = {}

    def index(places: list[int]) -> None:
        """Pagefind on each part in turn. In a thread of their own, while Pagefind runs on a
        part, the next part's pages are linked and the last part's bundle is finished, so
        that Pagefind never waits on Python."""
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="search beside") as after:
            finishing = []
            linking: Future[str] | None = None  # the links of the part after this one
            for number, place in enumerate(places):
                part = parts[place]
                linked = plan.linked.pop(place, None)
                if linked is None and linking is not None:
                    linked = linking.result()
                following = places[number + 1] if number + 1 < len(places) else None
                linking = None
                if following is not None and following not in plan.linked:
                    pages = parts[following].pages
                    linking = after.submit(link_pages, plan.site, pages, str(folder))
                ran = run_on_pages(
                    plan.site,
                    part.pages,
                    str(folder / part.folder),
                    plan.ignore,
                    plan.keep_index_url,
                    go_on,
                    linked,
                )
                finishing.append(after.submit(finish, place, ran))
            for each in finishing:
                each.result()  # raises what finishing raised

    def finish(place: int, ran: PagefindRun) -> None:
        summary = finish_bundle(ran)
        if reuse:
            reuse.remember(plan.key(place), Path(ran.output), summary)
        done[place] = PartIndex(parts[place], summary, False)
        _log(done[place])

    late = []  # kept parts whose published index files were changed: indexed after all
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="search parts") as beside:
        indexing = beside.submit(index, plan.changed)
        for place in plan.known:
            assert reuse is not None
            summary = reuse.reuse(plan.key(place), folder / parts[place].folder)
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
