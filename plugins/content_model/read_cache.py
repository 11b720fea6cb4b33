"""What reading a source gave, kept between builds, so that an unchanged source is not checked,
rendered and parsed again.

Reading a source means checking its front matter against its type and the registries,
rendering its Markdown (markdown_cache.py keeps that part) and turning the front matter into
Pelican's metadata: at 5,000 posts, 3-4 s of every rebuild, nearly all of it for sources that
did not change. Here the reader's result, the body's HTML and the metadata, is kept under a
digest of the source's path and text, in a file whose version digests everything else a
reading depends on: the settings but the clock, the registries' files, the plugins' code, the
Python and the packages that render, and the other files of the content folder with their
sizes (front matter names documents and images, which must exist and not be too big). A
change to any of them is a new version, and every source is read again.

Only a source read without a problem is kept, so a bad file is reported by every build.

The one thing a reading depends on beyond those is the files its internal links name: do
they exist, are they drafts, do they have the anchor linked to, are they published after it
(which also asks the build clock). The reader checks a kept source's links again on every
build (`LINK`), and reads it afresh if any check fails.

The metadata holds the build's settings and the registries' people and departments, which
must be this build's very objects (a person's page lists the posts attached to that object):
they are written as references, and looked up in this build's settings and registries. So is
a date's local time zone (dateutil's `tzlocal`, for a date whose offset is the machine's):
every fresh one holds the very same tuple of zone names, and page digests (page_reuse.py,
which pickles objects and writes an object held twice once) must see a kept reading as they
see a fresh one; `as_kept` does the same for the metadata's names and text values.
"""

from __future__ import annotations

import io
import logging
import os
import pickle
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

from dateutil.tz import tzlocal
from pelican.urlwrappers import URLWrapper
from pelican.utils import pelican_open

from .build_cache import cache_folder, code_version, digest
from .cache_table import CacheTable
from .front_matter import FrontMatter
from .links import INTERNAL_LINK
from .markdown_cache import MARKDOWN_SUFFIXES
from .published_files import Identity, identity
from .registries import Department, Person, Registries
from .settings_text import settings_text

logger = logging.getLogger(__name__)

FILE_NAME: Final = "reads.sqlite"
PLUGINS_FOLDER: Final = Path(__file__).resolve().parent.parent
RENDERED_HERE: Final = 50
"""New or changed sources rendered one by one in a build whose other readings are kept."""
LINK: Final = INTERNAL_LINK
"""A text with a match has links to check again whenever its kept reading is used."""

Reading = tuple[str, dict[str, Any]]
"""What a reader's `read` returns: the body's HTML and the metadata."""
Kept = tuple[Reading, FrontMatter]
"""A kept reading, with the source's front matter."""


def _plugins_code() -> list[str]:
    return sorted(str(path) for path in PLUGINS_FOLDER.rglob("*.py"))


def _other_files(content_path: str) -> str:
    """The content folder's files but its Markdown sources, each with its size: front matter
    names documents and sharing images, and checking them asks whether they exist and how
    big they are."""
    found = []
    for root, folders, names in os.walk(content_path, followlinks=True):
        folders.sort()
        for name in sorted(names):
            if not name.endswith(MARKDOWN_SUFFIXES):
                path = os.path.join(root, name)
                try:
                    size = os.stat(path).st_size
                except OSError:
                    size = -1
                found.append(f"{os.path.relpath(path, content_path)}\x00{size}")
    return "\n".join(found)


def _key(source_path: str, text: str, settings: dict[str, Any]) -> bytes:
    """A reading's key: the source's path under the content folder, and its text."""
    return digest(os.path.relpath(source_path, settings["PATH"]), text)


def reading_version(settings: dict[str, Any], registry_files: list[str]) -> str:
    """A digest of everything a reading depends on but the source's own text and links."""
    registries = []
    for path in registry_files:
        try:
            registries.append(Path(path).read_bytes())
        except OSError:
            registries.append(b"<missing>")
    packages = ("markdown", "pygments", "pelican", "python-dateutil")
    code = code_version(*_plugins_code(), packages=packages)
    others = _other_files(str(settings["PATH"]))
    return digest(code, sys.version, settings_text(settings), others, *registries).hex()


def as_kept(reading: Reading) -> Reading:
    """A reading whose metadata names and text values are interned, read or kept alike.

    page_reuse.py digests content objects with pickle, which writes a string held twice
    once: the second time it refers to the first. An object's attribute names are interned
    (setattr does that), and the reader's own names (`person`, `withdrawn`...) and values
    (`comments_mode` "off") are interned literals, so in a fresh reading those were the very
    strings held elsewhere, and in a loaded one they are copies. Without this the first build with
    kept readings digested every object differently, and rendered every page again."""
    content, metadata = reading
    _with_slugs(metadata)
    return content, {sys.intern(name): _interned(value) for name, value in metadata.items()}


def _interned(value: Any) -> Any:
    return sys.intern(value) if type(value) is str else value


def _with_slugs(metadata: dict[str, Any]) -> None:
    """Work out the slug of each tag, category and author in every reading, so that a kept
    one holds it: Pelican slugifies a name when it is first hashed, 0.21 s of samples for the
    tags and authors of 5,333 kept readings. The settings a slug follows are in the file's
    version."""
    for value in metadata.values():
        for item in value if isinstance(value, list | tuple) else (value,):
            if isinstance(item, URLWrapper):
                item.slug  # noqa: B018 (Pelican keeps it in `_slug`)


class _Writer(pickle.Pickler):
    def __init__(self, file: io.BytesIO, settings: dict[str, Any]) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.settings = settings

    def persistent_id(self, obj: Any) -> Any:
        if obj is self.settings:
            return "settings"
        if type(obj) is tzlocal:  # the machine's zone: every fresh one shares its names
            return "local time zone"
        if isinstance(obj, Person):
            return ("person", obj.key)
        if isinstance(obj, Department):
            return ("department", obj.key)
        return None


class _Reader(pickle.Unpickler):
    def __init__(self, data: bytes, settings: dict[str, Any], registries: Registries) -> None:
        super().__init__(io.BytesIO(data))
        self.settings = settings
        self.registries = registries

    def persistent_load(self, pid: Any) -> Any:
        if pid == "settings":
            return self.settings
        if pid == "local time zone":
            return tzlocal()
        kind, key = pid
        if kind == "person":
            return self.registries.people[key]
        return self.registries.departments[key]


class ReadCache:
    """The cache folder's `reads.sqlite`: {digest of path and text: pickled reading}."""

    def __init__(
        self, folder: str | Path, settings: dict[str, Any], registry_files: list[str]
    ) -> None:
        self.settings = settings
        self.file = CacheTable(folder, FILE_NAME, reading_version(settings, registry_files))
        self.warm = bool(self.file.keys)
        self.rendered_here = 0
        self.ahead: dict[str, Any] | None = None
        """What the read-ahead copy found (read_ahead.py), once taken."""

    def renders_here(self) -> bool:
        """Whether to render a source that must be read right here, rather than load every
        source's rendering from the Markdown cache (tens of MiB) and scan every source for
        others to render ahead. So when the readings were kept and few sources changed
        (`RENDERED_HERE`); past that many, the Markdown cache takes over, with its workers."""
        if self.warm and self.rendered_here < RENDERED_HERE:
            self.rendered_here += 1
            return True
        return False

    def key_of(self, source_path: str, text: str) -> bytes:
        return _key(source_path, text, self.settings)

    def text_of(self, source_path: str) -> tuple[bytes, str, Identity]:
        """The source's key, its text read as Pelican's reader reads it, and the file's
        identity just before (a change after it shows as another identity)."""
        stamp, key, text = self.text_and_key(source_path, self.settings)
        return key, text, stamp

    @staticmethod
    def text_and_key(source_path: str, settings: dict[str, Any]) -> tuple[Identity, bytes, str]:
        stamp = identity(os.stat(source_path))
        with pelican_open(source_path) as text:
            return stamp, _key(source_path, text, settings), str(text)

    def looked_up_ahead(
        self, source_path: str, registries: Registries
    ) -> tuple[bytes, Identity, Kept] | None:
        """The rendering's key, identity and kept reading of a source that the read-ahead
        copy found with its links holding (read_ahead.py), if the file is still the one it
        read."""
        found = self.ahead.pop(os.path.normpath(source_path), None) if self.ahead else None
        if found is None:
            return None
        stamp, key, rendering, data = found
        if identity(os.stat(source_path)) != tuple(stamp) or key not in self.file:
            return None
        self.file.used.add(key)
        entry = self._loaded(data, registries)
        return None if entry is None else (rendering, stamp, entry)

    def needs_reading(self, source_path: str, text: str) -> bool:
        """Whether the source must be read (rendered) afresh: its reading is not kept."""
        return self.key_of(source_path, text) not in self.file

    def get(self, key: bytes, registries: Registries) -> Kept | None:
        data = self.file.get(key)
        if data is None:
            return None
        return self._loaded(data, registries)

    def put(self, key: bytes, reading: Reading, front_matter: FrontMatter) -> None:
        """Keep a reading (given `as_kept`), with the source's front matter (which other
        checks ask for, and would read the file again for)."""
        buffer = io.BytesIO()
        try:
            _Writer(buffer, self.settings).dump((reading, front_matter))
        except (pickle.PicklingError, TypeError, AttributeError) as error:
            logger.debug("a reading cannot be kept (%s): it is read again next build", error)
            return
        self.file.put(key, buffer.getvalue())

    def _loaded(self, data: bytes, registries: Registries) -> Kept | None:
        return self.loader(self.settings, registries)(data)

    @staticmethod
    def loader(settings: dict[str, Any], registries: Registries) -> Callable[[bytes], Kept | None]:
        """Loads kept readings for this build's settings and registries (None for one that
        cannot be loaded: the source is read)."""

        def load(data: bytes) -> Kept | None:
            try:
                (content, metadata), front_matter = _Reader(data, settings, registries).load()
            except (
                pickle.UnpicklingError,
                KeyError,
                AttributeError,
                EOFError,
                ValueError,
            ) as error:
                logger.debug("a kept reading could not be loaded (%s): reading the source", error)
                return None
            return as_kept((content, metadata)), front_matter

        return load

    def save(self) -> None:
        self.file.save()


_current: ReadCache | None = None
"""The kept readings of the build that is reading now; saved and dropped once it is done."""


def reads_for_build(settings: dict[str, Any], registry_files: list[str]) -> ReadCache | None:
    """This build's kept readings (None when BUILD_CACHE_PATH is off), opened on first use."""
    global _current
    folder = cache_folder(settings)
    if folder is None:
        return None
    if _current is None:
        _current = ReadCache(folder, settings, registry_files)
    return _current


def save_reads(*_: Any) -> None:
    """Once every source is read (`all_generators_finalized`)."""
    global _current
    if _current is not None:
        _current.save()
        _current = None


def forget_looked_up() -> None:
    """A run's kept readings are looked up by its own read-ahead copy: what an earlier run's
    copy sent (a run that failed before its readings were saved, under `pelican
    --autoreload`) is dropped, as its link checks may no longer hold."""
    if _current is not None:
        _current.ahead = None


def forget_reads(*_: Any) -> None:
    """A new build (`initialized`) opens the file again: a build that failed while reading
    left its cache, made for its own settings."""
    global _current
    if _current is not None:
        _current.file.close()  # unsaved: what that build wrote is rolled back
    _current = None
