"""The port every comment store fits: a few methods, checked by mypy, not inherited.

Adapters live in `comments_bridge.stores` and are opened by URL with `open_store`. Stores
the bridge only reads (Isso, the interchange file) raise `ReadOnlyStore` from `add` and
`set_status`: their comments are moderated where they live.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from comments_bridge.model import CommentStatus, Removal, StoredComment, is_rule_anchor


class CommentStore(Protocol):
    """A source of comments, and for the embedded stores a place to moderate them."""

    @property
    def name(self) -> str:
        """How messages name this store: its URL without credentials."""
        ...

    def read_all(self, statuses: Collection[CommentStatus] | None = None) -> list[StoredComment]:
        """Every comment (or those with the given statuses) in one batched read."""
        ...

    def get(self, comment_id: str) -> StoredComment:
        """One comment; `NotFound` if there is none with that id."""
        ...

    def add(self, records: Iterable[StoredComment]) -> int:
        """Store new comments in one transaction, keep existing ids as they are; count added."""
        ...

    def set_status(
        self, comment_id: str, status: CommentStatus, reason: str | None = None
    ) -> StoredComment:
        """Record a moderator's decision (journalled with its time) and return the result."""
        ...

    def removals_since(self, since: datetime) -> list[Removal] | None:
        """Decisions since `since` that take comments off the public record.

        None means this store keeps no journal (Isso, the interchange file).
        """
        ...

    def close(self) -> None: ...


def check_decision(status: CommentStatus, reason: str | None) -> None:
    """A removal names the rule it enforces; nothing else carries a reason."""
    if status is CommentStatus.REMOVED:
        if reason is None or not is_rule_anchor(reason):
            raise ValueError(
                f"a removal must name the rule it enforces, like 'rule-3' (got {reason!r})"
            )
    elif reason is not None:
        raise ValueError(f"only a removal takes a reason, not {status}")


@dataclass(frozen=True, slots=True)
class Decision:
    """One line of a moderation journal: every status change, approvals included."""

    id: str
    status: CommentStatus
    reason: str | None
    at: datetime


def removals_from(decisions: Iterable[Decision]) -> list[Removal]:
    """The last decision on each comment, kept when it took the comment down.

    A comment removed and then approved again since the snapshot is not a removal.
    """
    latest: dict[str, Decision] = {}
    for decision in sorted(decisions, key=lambda d: d.at):
        latest[decision.id] = decision
    return [
        Removal(id=d.id, status=d.status, reason=d.reason, at=d.at)
        for d in sorted(latest.values(), key=lambda d: (d.at, d.id))
        if d.status is not CommentStatus.APPROVED
    ]
