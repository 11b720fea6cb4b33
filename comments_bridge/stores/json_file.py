"""The interchange file as a store (`json:///path`): read-only.

A file is a record, not a database: it is written whole by `export` and `freeze`, and
a frozen consultation's file lives in git, where a change is reviewed. So the bridge
never edits one in place; moderation raises `ReadOnlyStore` (moderate in the embedded
store, then `export`). The file is read once, when the store is opened.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import datetime
from pathlib import Path

from comments_bridge import interchange
from comments_bridge.errors import NotFound, ReadOnlyStore
from comments_bridge.model import CommentStatus, Removal, StoredComment


class JsonFileStore:
    """Comments from one interchange file."""

    def __init__(self, records: Iterable[StoredComment], *, name: str) -> None:
        self._records = {record.id: record for record in records}
        self._name = name

    @classmethod
    def open(cls, path: str | Path) -> JsonFileStore:
        path = Path(path)
        return cls(interchange.read(path), name=f"json:///{path}")

    @property
    def name(self) -> str:
        return self._name

    def read_all(self, statuses: Collection[CommentStatus] | None = None) -> list[StoredComment]:
        records: Iterable[StoredComment] = self._records.values()
        if statuses is not None:
            records = [r for r in records if r.status in statuses]
        return sorted(records, key=lambda r: (r.thread, r.created, r.id))

    def get(self, comment_id: str) -> StoredComment:
        try:
            return self._records[comment_id]
        except KeyError:
            raise NotFound(f"{self._name}: no comment with id {comment_id!r}") from None

    def add(self, records: Iterable[StoredComment]) -> int:
        raise ReadOnlyStore(
            f"{self._name}: an interchange file is read-only here; import it into the "
            "embedded store (sqlite:///) instead"
        )

    def set_status(
        self, comment_id: str, status: CommentStatus, reason: str | None = None
    ) -> StoredComment:
        raise ReadOnlyStore(
            f"{self._name}: an interchange file is read-only here; moderate in the embedded "
            "store and export again"
        )

    def removals_since(self, since: datetime) -> list[Removal] | None:
        return None

    def close(self) -> None:
        """The file was read whole on opening; nothing is held."""
