"""Each part of the published search index, reused when the pages it was made from have not changed.

Pagefind is the slowest single step of a large build and cannot update an index, but a part's
index (parts.py) is a function of that part's pages and of how Pagefind is run. So the cache
keeps, for a digest of the part's page paths and bytes, the Pagefind binary and the options,
the folder the part was published in and the SHA-256 of every file of its index. A rebuild
whose part has byte for byte the same pages hard-links the published files, after checking each
still has its digest; anything else (a new comment on one of its pages, an edited title, a
hand-edited index file, a failed build that never published) runs Pagefind on that part again.
One new comment therefore costs one part's run, not the whole site's.

A file's bytes are read for its digest only when the file is not the one read last time: the
cache keeps each page's and each index file's size, modification time and inode beside its
digest, and a page kept from the published site is that very file (a hard link), so a rebuild
that keeps most pages reads only the pages it rendered.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from content_model.build_cache import CacheFile, code_version, digest
from content_model.published_files import Identity, identity, place

from . import indexer, stable
from .indexer import IndexSummary, pagefind_executable
from .parts import Part

FILE_NAME = "search.marshal"
PAGES_KEY = b"pages read"  # each page's digest, with the identity of the file it was read from


def _stamp(path: str | Path) -> Identity:
    return identity(os.stat(path))


class IndexReuse:
    def __init__(self, folder: str, published: str, bundle: str) -> None:
        version = code_version(__file__, indexer.__file__, stable.__file__, packages=("pagefind",))
        self.file = CacheFile(folder, FILE_NAME, version)
        self.published = Path(published, bundle)
        self.pages_read: dict[str, tuple[Any, ...]] = self.file.entries.get(PAGES_KEY) or {}
        self.pages_now: dict[str, tuple[Any, ...]] = {}

    def _page_digest(self, site: str, page: str, stamp: Identity) -> bytes:
        """A page's digest, from the cache if the file (`stamp`, taken by the caller) is the
        very one read last time."""
        path = os.path.join(site, page)
        known = self.pages_read.get(page)
        if known is not None and known[:3] == stamp:
            found: bytes = known[3]
        else:
            found = digest(page, Path(path).read_bytes())
        self.pages_now[page] = (*stamp, found)
        return found

    def part_digest(
        self, site: str, part: Part, options: tuple[str, ...], stamps: Mapping[str, Identity]
    ) -> bytes:
        """What a part's index is made from: the options, the binary, and each of its pages
        (whose files' `stamps` the caller took)."""
        executable = pagefind_executable()
        found = hashlib.sha256(digest(str(executable), str(executable.stat().st_size), *options))
        for page in part.pages:
            found.update(self._page_digest(site, page, stamps[page]))
        return found.digest()

    def keeps_any_part(self) -> bool:
        """Whether the cache holds the index of any part (not in a first build)."""
        return any(key != PAGES_KEY for key in self.file.entries)

    def knows(self, key: bytes) -> bool:
        """Whether a part made from these very pages was published (`reuse` still checks
        its files)."""
        return key in self.file

    def reuse(self, key: bytes, target: Path) -> IndexSummary | None:
        """Put the published index of a part made from these very pages into `target`."""
        started = time.monotonic()
        found = self.file.get(key)
        if found is None:
            return None
        folder, pages, files = found
        size = 0
        for relative, (expected, *stamp) in files.items():
            published = self.published / folder / relative
            if not self._unchanged(published, expected, tuple(stamp)):
                shutil.rmtree(target, ignore_errors=True)
                return None
            place(str(published), str(target / relative))  # a hard link: the bytes checked
            size += stamp[0]
        return IndexSummary(pages, len(files), size, time.monotonic() - started)

    @staticmethod
    def _unchanged(published: Path, expected: bytes, stamp: Identity) -> bool:
        """Whether a published index file still has its digest: the same untouched file, or
        (touched, or copied) the same bytes."""
        try:
            if _stamp(published) == stamp:
                return True
            return hashlib.sha256(published.read_bytes()).digest() == expected
        except OSError:
            return False

    def remember(self, key: bytes, target: Path, summary: IndexSummary) -> None:
        files = {
            str(path.relative_to(target)): (
                hashlib.sha256(path.read_bytes()).digest(),
                *_stamp(path),
            )
            for path in sorted(target.rglob("*"))
            if path.is_file()
        }
        self.file.put(key, (target.name, summary.pages, files))

    def save(self) -> None:
        self.file.put(PAGES_KEY, self.pages_now)
        self.file.save()
