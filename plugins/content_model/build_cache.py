"""Where the build keeps what it can reuse next time: rendered Markdown and comment bodies.

`BUILD_CACHE_PATH` (default `var/cache`, relative to the folder the build runs in; None turns
caching off) is the folder; the environment variable `DIALOGUES_CACHE_PATH` overrides it for
one build. Every cache in it is keyed by a digest of what was rendered and of the code that
rendered it, so deleting the folder only costs time.
"""

from __future__ import annotations

import hashlib
import logging
import marshal
import os
import tempfile
from importlib.metadata import version
from pathlib import Path
from typing import Any, Final

logger = logging.getLogger(__name__)

DEFAULT_CACHE_PATH: Final = os.path.join("var", "cache")
CACHE_VARIABLE: Final = "DIALOGUES_CACHE_PATH"


def cache_folder(settings: dict[str, Any]) -> str | None:
    from_environment = os.environ.get(CACHE_VARIABLE, "").strip()
    if from_environment:
        return from_environment
    folder = settings.get("BUILD_CACHE_PATH", DEFAULT_CACHE_PATH)
    return str(folder) if folder else None


class CacheFile:
    """One file of the cache folder: {digest: value} for one `version` of what made the values.

    Values are what `marshal` can write (strings, bytes, lists, dicts). A file of another
    version, or one that cannot be read, counts as empty. `save` keeps only the entries this
    build asked for or added, so what a build no longer needs (a deleted source, the text of
    a removed comment) leaves the cache, and the file never grows past one build's worth.
    """

    def __init__(self, folder: str | os.PathLike[str], name: str, version: str) -> None:
        self.path = Path(folder) / name
        self.version = version
        self.entries: dict[bytes, Any] = {}
        self.used: set[bytes] = set()
        self.changed = False
        try:
            # Read whole, then unpacked: `marshal.load` on a file reads object by object,
            # 2-4 times as slow (0.19 against 0.05 s for a 6 MB page record).
            saved_version, entries = marshal.loads(self.path.read_bytes())
            if saved_version == version and isinstance(entries, dict):
                self.entries = entries
        except (OSError, EOFError, ValueError, TypeError):
            pass  # no cache yet, or one this version cannot read: start empty

    def __contains__(self, key: bytes) -> bool:
        return key in self.entries

    def get(self, key: bytes) -> Any:
        """The value, or None; asking counts as using it."""
        self.used.add(key)
        return self.entries.get(key)

    def put(self, key: bytes, value: Any) -> None:
        self.used.add(key)
        self.entries[key] = value
        self.changed = True

    def save(self) -> None:
        if not self.changed and self.used == self.entries.keys():
            return
        kept = {key: self.entries[key] for key in self.used if key in self.entries}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".cache-")
            with os.fdopen(handle, "wb") as file:
                marshal.dump((self.version, kept), file)
            os.replace(temporary, self.path)
        except OSError as error:  # a cache that cannot be written only costs time
            logger.warning("cannot save the build cache %s: %s", self.path, error)


def digest(*parts: str | bytes) -> bytes:
    """A key for the cache: the parts, each length-prefixed so no two lists collide."""
    found = hashlib.blake2b(digest_size=20)
    for part in parts:
        data = part if isinstance(part, bytes) else part.encode("utf-8", "surrogatepass")
        found.update(len(data).to_bytes(8, "big"))
        found.update(data)
    return found.digest()


def code_version(*files: str, packages: tuple[str, ...] = ()) -> str:
    """A digest of source files and installed package versions: what a cache's values came
    from. Change either and every entry made by the old code is ignored."""
    found = hashlib.blake2b(digest_size=16)
    for file in files:
        found.update(Path(file).read_bytes())
    for package in packages:
        found.update(f"{package}={version(package)}".encode())
    return found.hexdigest()
