"""Page titles for the sitemaps, kept by file so that an untouched page is not read again.

Each sitemap entry's title is read from the written page, but in a rebuild nearly every page
is the published file hard-linked into place (publishing/page_reuse.py): reading 9,000 of
them took 0.8 s of samples over the two writing processes of a 5,000-post rebuild. A file
with the size, modification time and inode seen before is that very file, untouched
(content_model/published_files.py), so its title is taken from `sitemap-titles.marshal`;
any other file is read. The cache holds the title as the file gives it, before the site's
name is taken off, and keeps only this build's files.
"""

from __future__ import annotations

import html
import os
import re
from typing import Final

from content_model.build_cache import CacheFile, code_version
from content_model.published_files import identity
from content_model.shared_writing import collect

FILE_NAME: Final = "sitemap-titles.marshal"
TITLE = re.compile(r"<title>(.*?)</title>", re.S)
HEAD_BYTES: Final = 8192  # a page's <title> is in its head

SEEN: list[tuple[bytes, str, bool]] = collect("sitemap: titles")
"""(file key, title, whether the file was read) for every page a writing process recorded;
the copies' reach the first process, which saves the cache."""


def read_title(file: str) -> tuple[str, bytes]:
    """The text of the page's <title>, and its file's key."""
    with open(file, encoding="utf-8") as handle:
        key = _key(os.fstat(handle.fileno()))
        found = TITLE.search(handle.read(HEAD_BYTES))
    return (html.unescape(found.group(1)).strip() if found else ""), key


def _key(status: os.stat_result) -> bytes:
    return "{}:{}:{}".format(*identity(status)).encode("ascii")


class TitleCache:
    """The titles of the files the last build recorded, read from the cache folder (with no
    folder, every title is read from its file)."""

    def __init__(self, folder: str | None) -> None:
        version = code_version(__file__)
        self.file = CacheFile(folder, FILE_NAME, version) if folder else None
        SEEN.clear()

    def title(self, file: str) -> str:
        """The text of the written page's <title>, from the cache if the file is the one it
        was read from."""
        if self.file is not None:
            try:
                key = _key(os.stat(file))
            except OSError:
                key = b""
            found = self.file.entries.get(key)
            if found is not None:
                SEEN.append((key, found, False))
                return str(found)
        title, key = read_title(file)
        SEEN.append((key, title, True))
        return title

    def save(self) -> int:
        """Keep every title this build's processes recorded; how many were read from files."""
        read = 0
        for key, title, was_read in SEEN:
            read += was_read
            if self.file is not None and self.file.get(key) != title:
                self.file.put(key, title)
        SEEN.clear()
        if self.file is not None:
            self.file.save()
        return read
