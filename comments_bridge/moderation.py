"""Moderators' actions: decisions that keep the public record whole, official replies and
imports."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from comments_bridge import timestamps
from comments_bridge.errors import BridgeError
from comments_bridge.model import CommentStatus, StoredComment
from comments_bridge.store import CommentStore

log = logging.getLogger(__name__)

ID_ATTEMPTS = 20
"""How many fresh ids a reply tries before giving up: each miss means another moderator
stored a comment between our choosing an id and writing it."""


@dataclass(frozen=True, slots=True)
class ImportResult:
    read: int
    added: int

    @property
    def kept(self) -> int:
        """Comments already in the store, left as they were (local moderation wins)."""
        return self.read - self.added


def import_comments(store: CommentStore, records: Sequence[StoredComment]) -> ImportResult:
    """Add comments; ids the store already has are not touched."""
    added = store.add(records)
    log.info("%s: %d of %d comments added", store.name, added, len(records))
    return ImportResult(read=len(records), added=added)


def decide(
    store: CommentStore, comment_id: str, status: CommentStatus, reason: str | None = None
) -> StoredComment:
    """Record a moderator's decision, if it keeps the public record whole.

    A published comment is taken down by removal, which leaves a tombstone citing the rule:
    rejecting it would make it vanish without one, and lift its replies out of context. A
    comment never published is turned down by rejection: removing it would put up a
    tombstone for something the public never saw. A removal may cite another rule, and any
    comment may be approved (a second look, an appeal upheld)."""
    record = store.get(comment_id)
    current = record.status
    if status is CommentStatus.REJECTED and current is CommentStatus.APPROVED:
        raise BridgeError(
            f"comment {comment_id} is published: take it down with "
            f"`remove {comment_id} --reason rule-N`, which leaves a tombstone citing the "
            "rule it broke"
        )
    if status is CommentStatus.REJECTED and current is CommentStatus.REMOVED:
        raise BridgeError(
            f"comment {comment_id} was published and removed under {record.reason}: its "
            "tombstone stays (to cite another rule, remove it again with that rule)"
        )
    if status is CommentStatus.REMOVED and current in (
        CommentStatus.PENDING,
        CommentStatus.REJECTED,
    ):
        raise BridgeError(
            f"comment {comment_id} was never published (it is {current}): turn it down with "
            f"`reject {comment_id}`, which leaves no trace on the site"
        )
    return store.set_status(comment_id, status, reason)


def next_id(store: CommentStore) -> str:
    """The next free numeric id: short enough for a moderator to type."""
    numbers = [int(r.id) for r in store.read_all() if r.id.isdigit()]
    return str(max(numbers, default=0) + 1)


def official_reply(
    store: CommentStore,
    parent_id: str,
    *,
    person: str,
    body: str,
    author: str | None = None,
    now: datetime | None = None,
) -> StoredComment:
    """Record a reply by a person from the registry, verified by whoever runs this.

    `author` is the display name; by default the person key, which the build replaces
    with the registry's name.
    """
    if not person:
        raise BridgeError("an official reply must name a person from the people registry")
    if not body.strip():
        raise BridgeError("an official reply needs a body")
    parent = store.get(parent_id)
    if parent.status is not CommentStatus.APPROVED:
        raise BridgeError(
            f"comment {parent_id} is {parent.status}; only a published comment can be answered"
        )
    created = now or timestamps.now_utc()
    # Choosing the next id and writing the reply are two steps, and another moderator may
    # take the same id in between; the store keeps the first comment with an id and says
    # so by counting nothing added. Then choose again: a reply is never lost or merged.
    for _attempt in range(ID_ATTEMPTS):
        reply = StoredComment(
            id=next_id(store),
            thread=parent.thread,
            parent=parent.id,
            author=author or person,
            body=body,
            created=created,
            status=CommentStatus.APPROVED,
            official=True,
            person=person,
        )
        if store.add([reply]) == 1:
            return reply
        log.info("%s: id %s was taken meanwhile; choosing another", store.name, reply.id)
    raise BridgeError(
        f"{store.name}: could not record the reply: another moderator took each of "
        f"{ID_ATTEMPTS} ids first; try again"
    )
