"""Feeds written by an earlier build, reused when nothing in them changed.

A feed's bytes are a function of its `FeedDocument` alone (render.py takes nothing from the
clock or the environment), so the cache key is a digest of the document's full `repr`, every
field and every entry, and the file's version is a digest of the code that writes it and of
feedgen's and lxml's versions. A comment, title or date that changed changes the document, so
that feed is written afresh; the others are copied from the cache instead of going through
feedgen again.
"""

from __future__ import annotations

from typing import Any, Final

from content_model.build_cache import CacheFile, cache_folder, code_version, digest

from . import render
from .render import FeedDocument, atom_bytes, rss_bytes

FILE_NAME: Final = "feeds.marshal"


def open_cache(settings: dict[str, Any]) -> CacheFile | None:
    folder = cache_folder(settings)
    if folder is None:
        return None
    version = code_version(__file__, str(render.__file__), packages=("feedgen", "lxml"))
    return CacheFile(folder, FILE_NAME, version)


def feed_bytes(document: FeedDocument, cache: CacheFile | None) -> tuple[bytes, bytes]:
    """(Atom, RSS) for the document, from the cache when an identical one was written."""
    if cache is None:
        return atom_bytes(document), rss_bytes(document)
    key = digest(repr(document))
    found = cache.get(key)
    if found is None:
        found = (atom_bytes(document), rss_bytes(document))
        cache.put(key, found)
    return found[0], found[1]
