"""Feeds the published site already has, reused when nothing in them changed.

A feed's bytes are a function of its `FeedDocument` alone (render.py takes nothing from the
clock or the environment). The cache maps a digest of the document's full `repr` (every field
and every entry) to the SHA-256 of the Atom and RSS bytes it gave; its version is a digest of
the code that writes feeds and of feedgen's and lxml's versions. When this build's document
has a digest seen before, and the published site's files still have exactly those SHA-256s,
they are copied instead of going through feedgen again. Anything else (a new comment, an
edited title, a failed build that never published, a file changed by hand) is written afresh.
"""

from __future__ import annotations

import hashlib
import os
from typing import Any, Final

from content_model.build_cache import CacheFile, cache_folder, code_version, digest
from content_model.shared_writing import share_name

from . import render
from .render import FeedDocument, atom_bytes, rss_bytes

FILE_NAME: Final = "feeds.marshal"


class FeedCache:
    def __init__(self, folder: str, published: str) -> None:
        version = code_version(__file__, str(render.__file__), packages=("feedgen", "lxml"))
        self.file = CacheFile(folder, share_name(FILE_NAME), version)
        self.published = published

    def feed_bytes(
        self, document: FeedDocument, atom_url: str, rss_url: str
    ) -> tuple[bytes, bytes]:
        """(Atom, RSS) for the document: the published files if they are what it gives."""
        key = digest(repr(document))
        expected = self.file.get(key)
        if expected is not None:
            atom = self._published(atom_url, expected[0])
            rss = self._published(rss_url, expected[1])
            if atom is not None and rss is not None:
                return atom, rss
        atom, rss = atom_bytes(document), rss_bytes(document)
        self.file.put(key, (_sha256(atom), _sha256(rss)))
        return atom, rss

    def save(self) -> None:
        self.file.save()

    def _published(self, url: str, expected: bytes) -> bytes | None:
        try:
            with open(os.path.join(self.published, url), "rb") as file:
                data = file.read()
        except OSError:
            return None
        return data if _sha256(data) == expected else None


def open_cache(settings: dict[str, Any]) -> FeedCache | None:
    folder = cache_folder(settings)
    if folder is None:
        return None
    return FeedCache(folder, str(settings["OUTPUT_PATH"]))


def feed_bytes(
    document: FeedDocument, atom_url: str, rss_url: str, cache: FeedCache | None
) -> tuple[bytes, bytes]:
    if cache is None:
        return atom_bytes(document), rss_bytes(document)
    return cache.feed_bytes(document, atom_url, rss_url)


def _sha256(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()
