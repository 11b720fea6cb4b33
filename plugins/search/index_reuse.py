"""Each part of the published search index, reused when the pages it was made from have not changed.

Pagefind is the slowest single step of a large build and cannot update an index, but a part's
index (parts.py) is a function of that part's pages and of how Pagefind is run. So the cache
keeps, for a digest of the part's page paths and bytes, the Pagefind binary and the options,
the folder the part was published in and the SHA-256 of every file of its index. A rebuild
whose part has byte for byte the same pages hard-links the published files, after checking each
still has its digest; anything else (a new comment on one of its pages, an edited title, a
hand-edited index file, a failed build that never published) runs Pagefind on that part again.
One new comment therefore costs one part's run, not the whole site's.
"""

from __future__ import annotations

import hashlib
import shutil
import time
from pathlib import Path

from content_model.build_cache import CacheFile, code_version, digest
from content_model.published_files import place

from . import indexer, stable
from .indexer import IndexSummary, pagefind_executable
from .parts import Part

FILE_NAME = "search.marshal"


def part_digest(site: str, part: Part, options: tuple[str, ...]) -> bytes:
    """What a part's index is made from: the options, the binary, and each of its pages."""
    executable = pagefind_executable()
    found = hashlib.sha256(digest(str(executable), str(executable.stat().st_size), *options))
    for page in part.pages:
        found.update(digest(page, Path(site, page).read_bytes()))
    return found.digest()


class IndexReuse:
    def __init__(self, folder: str, published: str, bundle: str) -> None:
        version = code_version(__file__, indexer.__file__, stable.__file__, packages=("pagefind",))
        self.file = CacheFile(folder, FILE_NAME, version)
        self.published = Path(published, bundle)

    def reuse(self, key: bytes, target: Path) -> IndexSummary | None:
        """Put the published index of a part made from these very pages into `target`."""
        started = time.monotonic()
        found = self.file.get(key)
        if found is None:
            return None
        folder, pages, files = found
        size = 0
        for relative, expected in files.items():
            published = self.published / folder / relative
            try:
                data = published.read_bytes()
            except OSError:
                data = b""
            if hashlib.sha256(data).digest() != expected:
                shutil.rmtree(target, ignore_errors=True)
                return None
            place(str(published), str(target / relative))  # a hard link: the bytes checked
            size += len(data)
        return IndexSummary(pages, len(files), size, time.monotonic() - started)

    def remember(self, key: bytes, target: Path, summary: IndexSummary) -> None:
        files = {
            str(path.relative_to(target)): hashlib.sha256(path.read_bytes()).digest()
            for path in sorted(target.rglob("*"))
            if path.is_file()
        }
        self.file.put(key, (target.name, summary.pages, files))

    def save(self) -> None:
        self.file.save()
