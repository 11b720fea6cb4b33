"""The store's comments, read once at the start of a build and used by the whole build.

The check for an unchanged build (publishing/unchanged.py) needs the comments before anything
else is read; the comments plugin then uses that very read instead of asking the store again,
so both see the same comments even if a moderator acts in between.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import datetime

from comments_bridge.errors import BridgeError, NotFound
from comments_bridge.model import PUBLIC_STATUSES, CommentStatus, Removal, StoredComment
from comments_bridge.stores import open_store

_READ: dict[str, tuple[str, list[StoredComment]]] = {}


class RecordsRead:
    """A store already read: the records, in the order the store gave them."""

    def __init__(self, name: str, records: list[StoredComment]) -> None:
        self._name = name
        self._records = records

    @property
    def name(self) -> str:
        return self._name

    def read_all(self, statuses: Collection[CommentStatus] | None = None) -> list[StoredComment]:
        return [r for r in self._records if statuses is None or r.status in statuses]

    def get(self, comment_id: str) -> StoredComment:
        for record in self._records:
            if record.id == comment_id:
                return record
        raise NotFound(f"no comment {comment_id!r} in {self._name}")

    def add(self, records: Iterable[StoredComment]) -> int:
        raise BridgeError(f"{self._name} was read for a build; moderate in the store itself")

    def set_status(
        self, comment_id: str, status: CommentStatus, reason: str | None = None
    ) -> StoredComment:
        raise BridgeError(f"{self._name} was read for a build; moderate in the store itself")

    def removals_since(self, since: datetime) -> list[Removal] | None:
        return None

    def close(self) -> None:
        pass


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


def take(url: str) -> RecordsRead | None:
    """The read made for this build, once; None if there was none."""
    found = _READ.pop(url, None)
    return None if found is None else RecordsRead(*found)
