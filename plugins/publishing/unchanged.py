"""Keep the published site when nothing it was made from has changed.

Embargoes lift on scheduled rebuilds, so a site may be rebuilt every few minutes with nothing
new. A build is a function of its inputs: the sources under PATH, the settings, the theme, the
plugins' and the bridge's code, the installed packages, the environment variables the build
reads, the comments in the store, and the build clock. After a build is published, its record
keeps a digest of all but the clock, the clock's window (clock_window.py: the clocks that take
every decision the same way) and a fingerprint of the published files. A later build with the
same digest, a clock inside the window and the published files untouched would write the same
bytes, so it keeps the published site and ends.

Anything else builds as usual: a changed byte in any input, a clock past an embargo or a
closing date, a published file edited by hand, a store that cannot be read, a record of
another version of this code. `KEEP_UNCHANGED_BUILD = False` turns it off.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import marshal
import os
import pickle
import sys
from collections.abc import Collection, Iterable
from datetime import UTC, datetime
from functools import cache
from importlib.metadata import distributions
from pathlib import Path
from typing import Any

from content_model import clock_window
from content_model.build_cache import CacheFile, cache_folder, code_version, digest
from content_model.linked_folders import walk_each_folder_once
from content_model.published_files import identity
from content_model.settings_text import settings_text

logger = logging.getLogger(__name__)

RECORD_FILE = "unchanged.marshal"
# Environment variables a build, its store or its tools read.
ENVIRONMENT_PREFIXES = ("DIALOGUES_", "PG", "PAGEFIND", "LC_")
ENVIRONMENT_NAMES = ("TZ", "LANG", "SOURCE_DATE_EPOCH")
CLOCK_VARIABLE = "DIALOGUES_BUILD_TIME"


def keep_unchanged(settings: dict[str, Any]) -> bool:
    return bool(settings.get("KEEP_UNCHANGED_BUILD", True)) and cache_folder(settings) is not None


def environment_text(environ: dict[str, str] | os._Environ[str]) -> str:
    kept = sorted(
        f"{name}={value}"
        for name, value in environ.items()
        if (name.startswith(ENVIRONMENT_PREFIXES) or name in ENVIRONMENT_NAMES)
        and name != CLOCK_VARIABLE
    )
    return "\n".join(kept)


@cache  # the installed packages of a running build do not change; two digests ask
def packages_text() -> str:
    installed = sorted(f"{d.metadata['Name']}=={d.version}" for d in distributions())
    return "\n".join([sys.version, *installed])


def tree_digest(folder: str, found: Any, leave_out: Collection[str] = ()) -> None:
    """Every file under `folder` (byte for byte, with its path), in a fixed order, but those
    in `leave_out` (absolute paths). Linked folders are followed, as Pelican follows them when
    it looks for sources (each real folder once, so a link back up cannot loop)."""
    found.update(digest("tree", os.path.abspath(folder)))
    for root, folders, files in walk_each_folder_once(folder):
        folders[:] = sorted(f for f in folders if f != "__pycache__")
        for name in sorted(files):
            path = os.path.join(root, name)
            if leave_out and os.path.abspath(path) in leave_out:
                continue
            try:
                data = Path(path).read_bytes()
            except OSError:
                data = b"<unreadable>"
            found.update(digest(os.path.relpath(path, folder), data))


def code_folders(settings: dict[str, Any]) -> list[str]:
    import comments_bridge

    folders = [str(Path(comments_bridge.__file__).parent)]
    folders += [str(folder) for folder in settings.get("PLUGIN_PATHS") or []]
    return folders


def inputs_digest(
    settings: dict[str, Any], comments: Iterable[Any] | None, files: bytes | None = None
) -> bytes:
    """Everything a build reads except the clock (see the module's docstring); `files` is
    `files_digest(settings)` if it was worked out already."""
    found = hashlib.blake2b(files or files_digest(settings), digest_size=32)
    if comments is not None:
        shown_fields_into(found, list(comments))
    return found.digest()


def files_digest(settings: dict[str, Any]) -> bytes:
    """The inputs but the comments: the settings, the environment, the installed packages,
    and every file of the content folder, the theme and the code."""
    found = hashlib.blake2b(digest_size=32)
    found.update(digest(settings_text(settings), environment_text(os.environ), packages_text()))
    for folder in (str(settings["PATH"]), str(settings.get("THEME") or "")):
        tree_digest(folder, found)
    for folder in code_folders(settings):
        tree_digest(folder, found)
    return found.digest()


def shown_fields_into(found: Any, records: list[Any]) -> None:
    """The records' fields but those their repr leaves out (a comment's email and IP), a
    field at a time: 100,000 comments in 0.3 s. (All fields pickled at once took 0.75 s:
    pickle notes every string it writes; a repr each took half a second.)

    A field's values go through `marshal` (version 2, which writes equal values as equal
    bytes whatever objects they are); times as their ISO 8601 text, with the offset (pickled,
    100,000 comments' times took 0.2 s, two thirds of the digest); anything else marshal
    cannot write (enumerations, subclasses of str) through pickle."""
    kind = type(records[0]).__qualname__ if records else ""
    names = [each.name for each in dataclasses.fields(records[0]) if each.repr] if records else []
    found.update(digest("comments", kind, *names, str(len(records))))
    for name in names:
        data = _column_bytes([getattr(record, name) for record in records])
        found.update(len(data).to_bytes(8, "big"))
        found.update(data)


def _column_bytes(values: list[Any]) -> bytes:
    try:
        return b"m" + marshal.dumps(values, 2)
    except ValueError:
        pass
    if all(type(value) is datetime for value in values):
        return b"t" + marshal.dumps([value.isoformat() for value in values], 2)
    return b"p" + pickle.dumps(values, 5)


def published_fingerprint(folder: str) -> bytes:
    """The published files as the file system sees them: paths, sizes, times, inodes.

    Read with `os.scandir`, a folder at a time, into one hash: every build ends with it and
    every unchanged-build check starts with it, over 24,000 files at 5,000 posts, and walking
    with `os.walk`, `os.path.relpath` and a digest per file took twice as long."""
    found = hashlib.blake2b(digest_size=32)
    _fingerprint_into(found, folder, "")
    return found.digest()


def _fingerprint_into(found: Any, root: str, prefix: str) -> None:
    """A folder's files (by name), then its folders (by name, links to folders not followed)."""
    with os.scandir(root) as listing:
        entries = sorted(listing, key=lambda entry: entry.name)
    folders = []
    for entry in entries:
        if entry.is_dir():
            folders.append(entry)
            continue
        size, modified, inode = identity(entry.stat(follow_symlinks=False))
        line = f"{prefix}{entry.name}\0{size}:{modified}:{inode}\0"
        found.update(line.encode("utf-8", "surrogateescape"))
    for entry in folders:
        if not entry.is_symlink():
            _fingerprint_into(found, entry.path, f"{prefix}{entry.name}/")


NO_END = -1  # a window no clock ends


class BuildRecord:
    """What the published site was made from, kept in the build cache."""

    def __init__(self, settings: dict[str, Any], published: str) -> None:
        folder = cache_folder(settings)
        assert folder is not None
        version = code_version(__file__, clock_window.__file__)
        self.file = CacheFile(folder, RECORD_FILE, version)
        self.published = os.path.abspath(published)
        self.key = digest("published", self.published)

    def keeps(self, inputs: bytes, clock: datetime) -> str | None:
        """Why the published site is what this build would make, or None if it may not be."""
        found = self.file.entries.get(self.key)
        if not found or found[0] != inputs or not os.path.isdir(self.published):
            return None
        start, end = clock_window.moment_at(found[1]), found[2]
        if clock < start or (end != NO_END and clock >= clock_window.moment_at(end)):
            return None
        if published_fingerprint(self.published) != found[3]:
            return None
        until = (
            "no clock will change it"
            if end == NO_END
            else f"until {clock_window.moment_at(end).isoformat()}"
        )
        return f"the same inputs and a clock in the same window ({until})"

    def remember(self, inputs: bytes, clock: datetime) -> None:
        start, end = clock_window.window(clock)
        start_micros = max(clock_window.micros(start), 0)
        end_micros = NO_END if end is None else clock_window.micros(end)
        fingerprint = published_fingerprint(self.published)
        self.file.used.update(self.file.entries)  # other output folders keep their records
        self.file.put(self.key, (inputs, start_micros, end_micros, fingerprint))
        self.file.save()


def plain_clock(clock: datetime) -> datetime:
    plain = getattr(clock, "plain", clock)
    assert isinstance(plain, datetime)
    return plain.astimezone(UTC) if plain.tzinfo else plain.replace(tzinfo=UTC)
