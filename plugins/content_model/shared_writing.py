"""Pages written on every core: the writing phase shared between forked processes.

Pelican renders every page in one process, so a build used one core of two for the half of
its time that Jinja and feedgen take. When writing starts (Pelican's `get_writer` signal),
the build forks `WRITING_PROCESSES - 1` copies of itself (default: one per core). Each copy
holds the whole site as read, so each can render any page; each renders only the pages whose
output path falls to it (a CRC-32 of the path, modulo the number of processes), and the others
skip them without rendering. So every page is rendered exactly once, from the same state, and
the output does not depend on how many processes wrote it (tested byte for byte).

What templates record while rendering (the pages marked for the search index) is sent back
to the first process: such a set is registered with `gather` (and what a plugin works out
for each page written, such as the sitemap's entries, with `collect`). Only generators that write
nothing but pages through the writer, or that ask `owns(path)` before writing a file of their
own, take part (`shares_writing = True`, plus Pelican's article
and page generators). Every other generator runs in the first process alone, after the copies
have finished if it comes after the last one that shares, so the sitemap, the published-URL
check and the search index see the whole site. A copy that fails makes the build fail, with its
messages on standard error, before anything is published.
"""

from __future__ import annotations

import gc
import logging
import os
import pickle
import signal
import sys
import traceback
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from pelican import writers as pelican_writers
from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.writers import Writer

from . import full_collections
from .problems import stop_build
from .worker_helpers import read_then_wait, release_free_heap, stop_idle_resource_tracker

logger = logging.getLogger(__name__)

SETTING = "WRITING_PROCESSES"
PELICAN_GENERATORS_THAT_SHARE = (ArticlesGenerator, PagesGenerator)


@dataclass(frozen=True)
class Share:
    """Process `index` of `count`, which writes the paths that fall to it."""

    index: int
    count: int

    def owns(self, path: str) -> bool:
        key = os.path.normpath(path).encode("utf-8")
        return zlib.crc32(key) % self.count == self.index


_generators: list[Any] = []
_current: Share | None = None
"""The share of the generator writing now; None while a generator writes everything."""
_in_copy = False
"""Whether this process is one of the forked copies (which exit when their part is done)."""
_process = Share(0, 1)
"""This process's share of the writing, whichever generator is writing."""
_to_first: int | None = None
"""In a copy: the pipe on which it sends what it gathered to the first process."""
_effects: dict[str, list[str]] | None = None
"""What the page being rendered adds to the gathered sets; None when no page is watched."""


class _Gathered(set[str]):
    """A gathered set, which tells what the page being rendered adds to it."""

    name = ""

    def add(self, value: str) -> None:
        if _effects is not None:
            _effects.setdefault(self.name, []).append(value)
        super().add(value)

    def update(self, *others: Any) -> None:
        if _effects is None:  # no page watched: as fast as a set (the clock's flips are many)
            super().update(*others)
            return
        for other in others:
            for value in other:
                self.add(value)


_gathered: dict[str, _Gathered] = {}
_collected: dict[str, list[Any]] = {}


class PageRenderer(Protocol):
    """Renders the pages of this process (page_reuse.py keeps those that have not changed)."""

    def render(self, template: Any, context: dict[str, Any]) -> str: ...

    def is_kept(self, filename: str, output_path: str) -> bool: ...

    def place(self, filename: str) -> None: ...

    def feed(self, feed: Any, output_path: str, make: Callable[[], None]) -> None: ...

    def save_part(self, output_path: str) -> None: ...


_renderer: PageRenderer | None = None
_after_pages: dict[str, Callable[[], None]] = {}
"""What starts once the generators that share the writing are done (when_pages_written)."""


def gather(name: str, values: set[str]) -> set[str]:
    """Register a set that templates add to while rendering; the copies' additions are added
    to the first process's set before any generator after the shared ones runs."""
    gathered = _Gathered(values)
    gathered.name = name
    _gathered[name] = gathered
    return gathered


def when_pages_written(name: str, start: Callable[[], None]) -> None:
    """Call `start()` in the first process once the generators that share the writing have
    written their pages (every copy has ended and sent what it gathered), before the next
    generator writes: the search index is made from then on, beside the feeds. A later
    call under the same name replaces it (each build registers again). Not called when no
    generator shares the writing."""
    _after_pages[name] = start


def collect(name: str) -> list[Any]:
    """A list each writing process appends what it found to (picklable values); at the join
    the copies' items are appended to the first process's list. The caller empties it when a
    build starts. Unlike `gather`, nothing is recorded for the page being rendered: this is
    for what every build works out afresh for every page, kept or not (the sitemap's
    entries, found from `content_written`)."""
    return _collected.setdefault(name, [])


def add_gathered(name: str, values: Iterable[str]) -> None:
    """What a page kept from the last build added when it was rendered."""
    _gathered[name].update(values)


def start_effects() -> None:
    global _effects
    _effects = {}


def stop_effects() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """What was added to each gathered set since start_effects, in a form marshal keeps."""
    global _effects
    found, _effects = _effects or {}, None
    return tuple((name, tuple(dict.fromkeys(values))) for name, values in sorted(found.items()))


def use_renderer(renderer: PageRenderer | None) -> None:
    global _renderer
    _renderer = renderer


_FEEDS: list[Any] = []


def will_write_feeds(feeds: list[Any]) -> None:
    """The feeds this build will write, known once they are catalogued: the renderer
    digests them with the pages' objects, before the writing processes fork, in two."""
    _FEEDS[:] = feeds


def take_feeds_to_write() -> list[Any]:
    """The feeds given to `will_write_feeds` (once: a later build gives its own)."""
    found = list(_FEEDS)
    _FEEDS.clear()
    return found


def write_feed(feed: Any, output_path: str, make: Callable[[], None]) -> None:
    """Write a feed's files with `make()`, unless the renderer keeps the published ones."""
    if _renderer is None:
        make()
    else:
        _renderer.feed(feed, output_path, make)


def process_name(name: str) -> str:
    """`name` made distinct per writing process (a record each process keeps)."""
    stem, dot, extension = name.rpartition(".")
    return f"{stem}.{_process.index + 1}-of-{_process.count}{dot}{extension}"


def in_copy() -> bool:
    """Whether this process is a forked copy, which writes its share of the pages and exits
    (so what only the first process uses, such as the sitemap's entries, is not kept)."""
    return _in_copy


def owns(path: str) -> bool:
    """Whether this process writes `path` (relative to the output folder)."""
    return _current is None or _current.owns(path)


def share_name(name: str) -> str:
    """`name` made distinct per share of the work (a cache file each process keeps)."""
    if _current is None:
        return name
    stem, dot, extension = name.rpartition(".")
    return f"{stem}.{_current.index + 1}-of-{_current.count}{dot}{extension}"


def shares_writing(generator: Any) -> bool:
    return isinstance(generator, PELICAN_GENERATORS_THAT_SHARE) or bool(
        getattr(generator, "shares_writing", False)
    )


def writing_processes(settings: dict[str, Any]) -> int:
    configured = settings.get(SETTING)
    if configured is None:
        if not hasattr(os, "fork"):
            return 1  # a system without fork writes in one process
        if hasattr(os, "sched_getaffinity"):
            return len(os.sched_getaffinity(0))  # the cores this build may use
        return os.cpu_count() or 1
    if isinstance(configured, bool) or not isinstance(configured, int) or configured < 1:
        raise stop_build(
            f"settings: {SETTING} must be a whole number of processes, 1 or more "
            f"(got {configured!r}); leave it out to use one per core",
            2,
        )
    return configured


def check_setting(pelican: Any) -> None:
    """Refuse a bad WRITING_PROCESSES before any source is read."""
    writing_processes(pelican.settings)


class _RenderedIfOwned:
    """A template that renders only pages of this process's share: Pelican's writer still
    does its bookkeeping and sends `content_written` for the others, without the work."""

    def __init__(self, template: Any) -> None:
        self.template = template

    def render(self, context: dict[str, Any]) -> str:
        if not owns(str(context.get("output_file") or "")):
            return ""
        if _renderer is not None:
            return _renderer.render(self.template, context)
        return str(self.template.render(context))


class _NotWritten:
    """Where Pelican writes a page another process writes: nothing is opened or kept."""

    def __enter__(self) -> _NotWritten:
        return self

    def __exit__(self, *_: object) -> None:
        return None

    def write(self, text: str) -> int:
        return len(text)


_NOT_WRITTEN = _NotWritten()


class _FoldersMadeWhenOpened:
    """`os` as Pelican's `write_file` sees it, but for `makedirs`, which does nothing there:
    `SharedWriter._open_w` makes a page's folder only when this process writes the page.
    Otherwise every process made (or failed to make) the folder of every page, one of
    7,000 at 5,000 posts: 2 s of a rebuild's samples."""

    def __getattr__(self, name: str) -> Any:
        return getattr(os, name)

    @staticmethod
    def makedirs(*_: Any, **__: Any) -> None:
        return None


_FOLDERS_MADE_WHEN_OPENED = _FoldersMadeWhenOpened()


class SharedWriter(Writer):  # type: ignore[misc]
    """Pelican's writer, writing only the pages of this process's share, and putting the
    published file in place of a page the renderer kept."""

    def write_file(self, name: Any, template: Any, context: Any, *args: Any, **kw: Any) -> Any:
        pelican_writers.os = _FOLDERS_MADE_WHEN_OPENED  # type: ignore[attr-defined]
        try:
            return super().write_file(name, _RenderedIfOwned(template), context, *args, **kw)
        finally:
            pelican_writers.os = os  # type: ignore[attr-defined]

    def _open_w(self, filename: str, encoding: str, override: bool = False) -> Any:
        if not owns(os.path.relpath(filename, self.output_path)):
            return _NOT_WRITTEN
        if _renderer is None or not _renderer.is_kept(filename, self.output_path):
            os.makedirs(os.path.dirname(filename), exist_ok=True)
            return super()._open_w(filename, encoding, override)
        # A kept page: Pelican's bookkeeping (no path written twice) without creating the
        # file, which the published one then takes the place of (its folder made then).
        opened: list[str] = []

        def not_created(path: str, *args: Any, **kwargs: Any) -> Any:
            opened.append(path)
            return _NOT_WRITTEN

        pelican_writers.open = not_created  # type: ignore[attr-defined]
        try:
            handle = super()._open_w(filename, encoding, override)
        finally:
            del pelican_writers.open  # type: ignore[attr-defined]
        if opened == [filename]:  # not a page Pelican skips for an earlier one
            _renderer.place(filename)
        return handle


def thaw(_: Any) -> None:
    """A new run (autoreload) may collect what the last one froze (see start_writing)."""
    gc.unfreeze()


def remember_generators(generators: list[Any]) -> None:
    _generators[:] = generators


def generators() -> list[Any]:
    """This build's generators, once every one has finished its context."""
    return list(_generators)


def start_writing(pelican: Any) -> type[Writer]:
    """Fork the writing processes, and give each generator its part in this one."""
    global _current, _in_copy, _to_first, _process
    _current = None
    _in_copy = False
    _process = Share(0, 1)
    count = writing_processes(pelican.settings)
    stop_idle_resource_tracker()  # reading's worker pools have closed
    release_free_heap()  # what reading freed, which the copies would otherwise share
    # What was read lives until the build ends: the collector need not scan it again and again
    # while pages are written, and in the forked copies scanning it would copy its memory.
    gc.freeze()
    full_collections.release()  # they now scan only what writing makes
    sharing = [generator for generator in _generators if shares_writing(generator)]
    if count < 2 or not sharing or not hasattr(os, "fork"):
        if sharing:
            last = sharing[-1]
            last.generate_output = _then_join(last.generate_output, [])
        return SharedWriter
    for stream in (sys.stdout, sys.stderr):
        stream.flush()
    children: list[tuple[int, int]] = []
    index = 0
    for number in range(1, count):
        reading, writing = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(reading)
            for _, other in children:
                os.close(other)
            index, children, _in_copy, _to_first = number, [], True, writing
            break
        os.close(writing)
        children.append((pid, reading))
    share = _process = Share(index, count)
    last = sharing[-1]
    copies_running = True
    for generator in _generators:
        if not hasattr(generator, "generate_output"):
            continue  # Pelican writes nothing for it
        if index > 0 and not shares_writing(generator):
            generator.generate_output = _skipped
        elif copies_running:  # a failure here stops the copies before it is raised
            mine = share if shares_writing(generator) else None
            generator.generate_output = _sharing(generator.generate_output, mine, children)
        if generator is last:
            generator.generate_output = _then_join(generator.generate_output, children)
            copies_running = False
    return SharedWriter


def _sharing(
    write: Callable[[Any], None], share: Share | None, children: list[tuple[int, int]]
) -> Any:
    """`write` with `share` as this process's part (None: all of it), stopping the copies if
    it fails in the first process, and exiting if it fails in a copy."""

    def generate_output(writer: Any) -> None:
        global _current
        _current = share
        try:
            write(writer)
        except BaseException:
            if _in_copy:
                _exit_child(1)
            _stop(children)
            raise
        finally:
            _current = None

    return generate_output


def _then_join(write: Callable[[Any], None], children: list[tuple[int, int]]) -> Any:
    """After the last sharing generator: a copy exits; the first process waits for them."""

    def generate_output(writer: Any) -> None:
        write(writer)
        if _in_copy:
            if _renderer is not None:
                _renderer.save_part(writer.output_path)
            _send_gathered()
            _exit_child(0)
        failed = [status for status in (_join(child) for child in children) if status != 0]
        if failed:
            raise RuntimeError(
                f"{len(failed)} of the build's writing processes failed (exit status "
                f"{', '.join(map(str, failed))}); their messages are above. Nothing was published."
            )
        for start in list(_after_pages.values()):
            start()

    return generate_output


def _skipped(writer: Any) -> None:
    """A generator that does not share: the first process writes all of it."""


def _send_gathered() -> None:
    assert _to_first is not None
    data = pickle.dumps(
        (
            {name: sorted(values) for name, values in _gathered.items()},
            {name: items for name, items in _collected.items() if items},
        )
    )
    with os.fdopen(_to_first, "wb") as pipe:
        pipe.write(data)


def _join(child: tuple[int, int]) -> int:
    """Read what a copy gathered (to its end, so it never blocks on a full pipe), then wait."""
    code, data = read_then_wait(*child)
    if code == 0:
        gathered, collected = pickle.loads(data)
        for name, values in gathered.items():
            _gathered[name].update(values)
        for name, items in collected.items():
            _collected[name].extend(items)
    return code


def _stop(children: list[tuple[int, int]]) -> None:
    for pid, reading in children:
        os.close(reading)
        try:
            os.kill(pid, signal.SIGTERM)
            os.waitpid(pid, 0)
        except OSError:
            pass


def _exit_child(status: int) -> None:
    if status:
        traceback.print_exc()
    for handler in logging.getLogger().handlers:
        handler.flush()
    for stream in (sys.stdout, sys.stderr):
        stream.flush()
    os._exit(status)
