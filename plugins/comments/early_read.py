"""The store's comments, read once at the start of a build and used by the whole build.

The check for an unchanged build (publishing/unchanged.py) needs the comments before anything
else is read; the comments plugin then uses that very read instead of asking the store again,
so both see the same comments even if a moderator acts in between.
"""

from __future__ import annotations

from comments_bridge.model import PUBLIC_STATUSES, StoredComment
from comments_bridge.stores import MemoryStore, open_store

_READ: dict[str, tuple[str, list[StoredComment]]] = {}


def read_public(url: str) -> list[StoredComment]:
    """One batched read of the public comments; kept for `take`. Raises what the store
    raises (StoreUnavailable, BridgeError)."""
    store = open_store(url)
    try:
        records = store.read_all(PUBLIC_STATUSES)
        name = store.name
    finally:
        store.close()
    _READ.clear()
    _READ[url] = (name, records)
    return records


def take(url: str) -> MemoryStore | None:
    """The read made for this build, once, as a store to read again; None if there was none.
    (The order of the records does not matter: the bridge sorts them into threads.)"""
    found = _READ.pop(url, None)
    if found is None:
        return None
    name, records = found
    return MemoryStore(records, name=name)
