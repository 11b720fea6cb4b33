"""Feeds the published site already has, reused when nothing in them changed.

A feed's bytes are a function of its `FeedDocument` alone (render.py takes nothing from the
clock or the environment). The cache maps a digest of the document (every field and every
entry) to the SHA-256 of the Atom and RSS bytes it gave; its version is a digest of
the code that writes feeds and of feedgen's and lxml's versions. When this build's document
has a digest seen before, and the published site's files still have exactly those SHA-256s,
they are hard-linked into the new site instead of going through feedgen again. Anything else
(a new comment, an edited title, a failed build that never published, a file changed by hand)
is written afresh.
"""

from __future__ import annotations

import hashlib
import marshal
import os
from dataclasses import fields
from datetime import datetime
from typing import Any, Final

from content_model.build_cache import CacheFile, cache_folder, code_version, digest
from content_model.published_files import place
from content_model.shared_writing import gather, share_name

from . import render
from .model import Entry
from .render import FeedDocument, atom_bytes, rss_bytes

FILE_NAME: Final = "feeds.marshal"
DOCUMENT_FIELDS: Final = tuple(f.name for f in fields(FeedDocument) if f.name != "entries")
ENTRY_FIELDS: Final = tuple(f.name for f in fields(Entry))
DOCUMENTS: set[str] = gather("feeds: the documents of this build's feeds", set())
"""The cache keys of this build's feeds, those kept whole from the published site too (their
key comes back with what they added while they were made: publishing/page_reuse.py), so
that the cache keeps their entries for a build that makes them again."""


class FeedCache:
    def __init__(self, folder: str, published: str) -> None:
        version = code_version(__file__, str(render.__file__), packages=("feedgen", "lxml"))
        self.file = CacheFile(folder, share_name(FILE_NAME), version)
        self.published = published
        DOCUMENTS.clear()

    def keep(self, key: bytes, urls: tuple[str, str], output_path: str) -> bool:
        """Put the published Atom and RSS files into `output_path` if they are what the
        document of `key` gives (content_model/published_files.py)."""
        DOCUMENTS.add(key.hex())
        expected = self.file.get(key)
        if expected is None:
            return False
        published = [os.path.join(self.published, url) for url in urls]
        if not all(_has_digest(path, sha) for path, sha in zip(published, expected, strict=True)):
            return False
        for path, url in zip(published, urls, strict=True):
            place(path, os.path.join(output_path, url))
        return True

    def rendered(self, document: FeedDocument, key: bytes) -> tuple[bytes, bytes]:
        """The document's Atom and RSS, remembered under its `key`."""
        atom, rss = atom_bytes(document), rss_bytes(document)
        self.file.put(key, (_sha256(atom), _sha256(rss)))
        return atom, rss

    def save(self) -> None:
        self.file.used.update(bytes.fromhex(key) for key in DOCUMENTS)
        self.file.save()


def open_cache(settings: dict[str, Any]) -> FeedCache | None:
    folder = cache_folder(settings)
    if folder is None:
        return None
    return FeedCache(folder, str(settings["OUTPUT_PATH"]))


def document_key(document: FeedDocument) -> bytes:
    """The cache's key for a document: a digest of every field of it and of its entries,
    written by `marshal` (their `repr` took 1.2 s over the 70,000 entries of a 5,000-post
    site's feeds)."""
    head = [_plain(getattr(document, name)) for name in DOCUMENT_FIELDS]
    entries = [
        [_plain(getattr(entry, name)) for name in ENTRY_FIELDS] for entry in document.entries
    ]
    return digest(marshal.dumps((head, entries)))


def _plain(value: Any) -> Any:
    """A field as `marshal` writes it: a moment by its ISO text (offset included)."""
    kind = type(value)
    if kind is str or value is None or kind is int or kind is bool:
        return value
    if isinstance(value, datetime):
        return ("moment", value.isoformat())
    if isinstance(value, str):
        return str(value)
    if isinstance(value, tuple | list):
        return tuple(_plain(item) for item in value)
    return ("repr", repr(value))  # no such field today; a repr can only miss the cache


def _has_digest(path: str, expected: bytes) -> bool:
    try:
        with open(path, "rb") as file:
            return _sha256(file.read()) == expected
    except OSError:
        return False


def _sha256(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()
