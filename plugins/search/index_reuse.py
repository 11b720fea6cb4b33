"""The published search index, reused when the pages it was made from have not changed.

Pagefind is the slowest single step of a large build (20 s of a 5,000-post site) and its index
is a function of the HTML files it reads and of how it is run. So the cache keeps, for a
digest of every `.html` file's path and bytes, the Pagefind build and the options, the SHA-256
of every file of the index that gave. A rebuild whose pages are byte for byte the same copies
the published index, after checking each file still has its digest; anything else (one new
comment, an edited title, a hand-edited index file, a failed build that never published) runs
Pagefind again.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import time
from pathlib import Path

from content_model.build_cache import CacheFile, code_version, digest

from . import indexer, stable
from .indexer import IndexSummary, pagefind_executable

FILE_NAME = "search.marshal"


def pages_digest(site: str, bundle: str, options: tuple[str, ...]) -> bytes:
    """What the index is made from: the options, the binary, and every page under `site`."""
    executable = pagefind_executable()
    found = hashlib.sha256(digest(str(executable), str(executable.stat().st_size), *options))
    for root, folders, files in os.walk(site):
        relative_root = os.path.relpath(root, site)
        if relative_root == bundle:
            folders[:] = []
            continue
        folders.sort()
        for name in sorted(files):
            if name.endswith(".html"):
                path = os.path.join(root, name)
                with open(path, "rb") as page:
                    found.update(digest(os.path.join(relative_root, name), page.read()))
    return found.digest()


class IndexReuse:
    def __init__(self, folder: str, published: str) -> None:
        version = code_version(__file__, indexer.__file__, stable.__file__, packages=("pagefind",))
        self.file = CacheFile(folder, FILE_NAME, version)
        self.published = published

    def reuse(self, key: bytes, site: str, bundle: str) -> IndexSummary | None:
        """Copy the published index into `site` if it was made from these very pages."""
        started = time.monotonic()
        found = self.file.get(key)
        if found is None:
            return None
        pages, files = found
        target = os.path.join(site, bundle)
        size = 0
        for relative, expected in files.items():
            try:
                data = Path(self.published, bundle, relative).read_bytes()
            except OSError:
                data = b""
            if hashlib.sha256(data).digest() != expected:
                shutil.rmtree(target, ignore_errors=True)
                return None
            Path(target, relative).parent.mkdir(parents=True, exist_ok=True)
            Path(target, relative).write_bytes(data)
            size += len(data)
        return IndexSummary(pages, len(files), size, time.monotonic() - started)

    def remember(self, key: bytes, site: str, bundle: str, summary: IndexSummary) -> None:
        folder = Path(site, bundle)
        files = {
            str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).digest()
            for path in sorted(folder.rglob("*"))
            if path.is_file()
        }
        self.file.put(key, (summary.pages, files))

    def save(self) -> None:
        self.file.save()
