"""A store held in a dict: a first-class adapter that tests and trials use."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Collection, Iterable
from datetime import datetime

from comments_bridge.errors import NotFound
from comments_bridge.model import CommentStatus, Removal, StoredComment
from comments_bridge.store import Decision, check_decision, removals_from
from comments_bridge.timestamps import now_utc


class MemoryStore:
    """Comments in memory, with the same moderation journal as the SQL stores."""

    def __init__(
        self,
        records: Iterable[StoredComment] = (),
        *,
        clock: Callable[[], datetime] = now_utc,
        name: str = "memory://",
    ) -> None:
        self._records: dict[str, StoredComment] = {}
        self._journal: list[Decision] = []
        self._clock = clock
        self._name = name
        self.add(records)

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
        added = 0
        for record in records:
            if record.id not in self._records:
                self._records[record.id] = record
                added += 1
        return added

    def set_status(
        self, comment_id: str, status: CommentStatus, reason: str | None = None
    ) -> StoredComment:
        check_decision(status, reason)
        record = dataclasses.replace(self.get(comment_id), status=status, reason=reason)
        self._records[comment_id] = record
        self._journal.append(Decision(comment_id, status, reason, self._clock()))
        return record

    def removals_since(self, since: datetime) -> list[Removal] | None:
        return removals_from(d for d in self._journal if d.at >= since)

    def close(self) -> None:
        """Nothing to release; the comments stay until the object goes."""
