"""Kept readings looked up by a forked copy of the build while the build checks whether
anything changed.

A rebuild spends its first seconds on one core: reading the comment store and digesting every
input, to learn whether the published site can be kept (publishing/unchanged.py). Then it
reads every source, and for a source whose reading was kept (read_cache.py) that still means
reading the file, digesting its text, fetching its row from `reads.sqlite` and checking its
internal links again: 1.2 s of a 5,000-post rebuild. None of it needs the store, so a copy of
the build forked before the check does it meanwhile on the other core, and sends back, for
each source whose kept reading it found and whose links still hold, the file's identity, its
key, its rendering's key in the Markdown cache and the kept bytes. The reader then only loads
the bytes (`ReadCache.ahead`).

What the copy sends can only save work, never change a reading:

- a source is taken from it only if the file still has the identity the copy saw and the
  key is in this build's table, whose version (settings, registries, code, the content
  folder's other files) is the copy's; anything else is read as before;
- a source whose links fail a check, or whose check raised, is left out: this build checks
  it again, and reports it;
- the link checks compare the build clock, which notes the moments those answers would
  change at (clock_window.py); the copy sends its notes back with its answers.

The copy only reads: it opens the table read-only, logs nothing, and ends with `os._exit`.
It dies with the build, and a build that keeps the published site stops it.
"""

from __future__ import annotations

import gc
import logging
import marshal
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .build_cache import cache_folder
from .clock_window import FLIPS
from .front_matter import remember_front_matter
from .linked_folders import walk_each_folder_once
from .markdown_cache import MARKDOWN_SUFFIXES, rendering_key
from .published_files import Identity
from .read_cache import FILE_NAME, LINK, ReadCache, forget_looked_up
from .registries import Registries
from .source_checks import link_problems
from .worker_helpers import die_with_parent, fork_with_pipe, read_then_wait, stop_child

logger = logging.getLogger(__name__)

Found = tuple[Identity, bytes, bytes, bytes]
"""A source's identity when read, its key, its rendering's key in the Markdown cache (sent
rather than its text: the build only digested the text, 0.1 s at 5,000 posts, and unpacked
25 MB more) and its kept reading's bytes."""


class _Copy:
    def __init__(self, pid: int, reading: int) -> None:
        self.pid = pid
        self.reading = reading
        self.first_taken = False


_running: _Copy | None = None


def start(
    settings: dict[str, Any],
    registries: Registries,
    content_type_for: Callable[[str, dict[str, Any]], str | None],
    version_of: Callable[[], str],
    first: Callable[[], bytes],
) -> None:
    """Fork the copy (where `fork` exists and the build keeps readings). `version_of` gives,
    in the copy, the version of the kept readings that it looks up; `first` is worked out
    by the copy before anything else, and sent at once (`first_answer`)."""
    stop()
    forget_looked_up()
    global _running
    if cache_folder(settings) is None or not hasattr(os, "fork"):
        return
    pid, pipe = fork_with_pipe()
    if pid == 0:
        _in_copy(settings, registries, content_type_for, version_of, first, pipe)
    _running = _Copy(pid, pipe)


def first_answer() -> bytes | None:
    """What `first` gave in the copy (waiting for it), or None if no copy runs or `first`
    failed there: the build then works it out itself, and meets the error itself."""
    copy = _running
    return None if copy is None else _first_of(copy)


def _first_of(copy: _Copy) -> bytes | None:
    """The first answer, read once (it comes first on the pipe)."""
    if copy.first_taken:
        return None
    copy.first_taken = True
    header = _read_exactly(copy.reading, 8)
    size = int.from_bytes(header, "big")
    answer = _read_exactly(copy.reading, size) if len(header) == 8 else b""
    return answer if len(header) == 8 and len(answer) == size else None


def _read_exactly(reading: int, size: int) -> bytes:
    """`size` bytes from the pipe, or fewer if it ended first."""
    parts = []
    while size > 0:
        part = os.read(reading, min(size, 1 << 20))
        if not part:
            break
        parts.append(part)
        size -= len(part)
    return b"".join(parts)


def take(version: str) -> dict[str, Found]:
    """What the copy found, if it was looking up readings of this `version` ({} if none
    runs, or it failed); its clock notes join this build's."""
    global _running
    copy, _running = _running, None
    if copy is None:
        return {}
    _first_of(copy)  # if the build did not ask for it
    code, data = read_then_wait(copy.pid, copy.reading)
    if code != 0:
        return {}
    try:
        sent_version, flips, found = marshal.loads(data)
    except (EOFError, ValueError, TypeError):
        return {}
    if sent_version != version:
        return {}
    FLIPS.update(flips)
    logger.debug("Read ahead: a forked copy found %d kept readings whose links hold", len(found))
    return dict(found)


def stop(*_: Any) -> None:
    """Stop a copy still running (the build kept its site, or read no kept reading)."""
    global _running
    copy, _running = _running, None
    if copy is not None:
        stop_child(copy.pid, copy.reading)


def _in_copy(
    settings: dict[str, Any],
    registries: Registries,
    content_type_for: Callable[[str, dict[str, Any]], str | None],
    version_of: Callable[[], str],
    first: Callable[[], bytes],
    writing: int,
) -> None:
    """Work out `first` and send it, look up, send, and exit; never return into the build."""
    status = 1
    try:
        die_with_parent()
        gc.disable()  # short-lived; a collection would copy the memory of the build's objects
        logging.disable(logging.CRITICAL)
        answer = first()
        os.write(writing, len(answer).to_bytes(8, "big"))
        _write_all(writing, answer)
        version = version_of()
        flips_before = set(FLIPS)
        found = _found(settings, registries, content_type_for, version)
        _write_all(writing, marshal.dumps((version, sorted(FLIPS - flips_before), found)))
        os.close(writing)
        status = 0
    finally:
        os._exit(status)


def _write_all(writing: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(writing, view) :]


def _found(
    settings: dict[str, Any],
    registries: Registries,
    content_type_for: Callable[[str, dict[str, Any]], str | None],
    version: str,
) -> dict[str, Found]:
    folder = cache_folder(settings)
    assert folder is not None
    table = Path(folder) / FILE_NAME
    if not table.is_file():
        return {}
    try:
        database = sqlite3.connect(f"{table.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return _looked_up(database, settings, registries, content_type_for, version)
        finally:
            database.close()
    except sqlite3.Error:
        return {}


def _looked_up(
    database: sqlite3.Connection,
    settings: dict[str, Any],
    registries: Registries,
    content_type_for: Callable[[str, dict[str, Any]], str | None],
    version: str,
) -> dict[str, Found]:
    if database.execute("SELECT version FROM version").fetchall() != [(version,)]:
        return {}
    readings = ReadCache.loader(settings, registries)
    kept: dict[str, tuple[str, str, Found, Any]] = {}
    for path in _sources(str(settings["PATH"])):
        kind = content_type_for(path, settings)
        if kind is None:
            continue
        stamp, key, text = ReadCache.text_and_key(path, settings)
        row = database.execute("SELECT value FROM entry WHERE key = ?", (key,)).fetchone()
        if row is None:
            continue
        data = bytes(row[0])
        loaded = readings(data)
        if loaded is None:
            continue
        front_matter = loaded[1]
        remember_front_matter(path, stamp, front_matter)  # other sources' links ask for it
        kept[path] = (kind, text, (stamp, key, rendering_key(text), data), front_matter)
    found: dict[str, Found] = {}
    for path, (kind, text, entry, front_matter) in kept.items():
        try:
            holds = not LINK.search(text) or not link_problems(
                path, text, front_matter, kind, settings, content_type_for
            )
        except Exception:  # the build checks it again, and says what is wrong
            holds = False
        if holds:
            found[path] = entry
    return found


def _sources(content_path: str) -> list[str]:
    """Every Markdown file under the content folder, through linked folders as Pelican looks."""
    found = []
    for root, _, names in walk_each_folder_once(content_path):
        found += [
            os.path.normpath(os.path.join(root, name))
            for name in names
            if name.endswith(MARKDOWN_SUFFIXES)
        ]
    return found
