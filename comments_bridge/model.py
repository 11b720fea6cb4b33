"""The comment as the build sees it, and the fuller record that stores keep.

`Comment` is the public edge: the only shape that leaves the bridge. It has no field
for an email address, an IP address, a website or a hash, so none can leak into a page,
a feed or a snapshot. `StoredComment` is what stores hold and what import/export move;
it never reaches the build.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from datetime import datetime
from enum import StrEnum
from operator import attrgetter
from typing import Any

RULE_ANCHOR = re.compile(r"rule-[0-9]+")


def is_rule_anchor(reason: str) -> bool:
    """A removal reason names a rule of the discussion-rules page (`rule-3`)."""
    return RULE_ANCHOR.fullmatch(reason) is not None


class CommentStatus(StrEnum):
    """Where a comment stands in moderation; each state has one meaning."""

    APPROVED = "approved"
    """A moderator let it through: published with its text."""
    PENDING = "pending"
    """Waiting for a moderator: never published."""
    REJECTED = "rejected"
    """Turned down before publication: never published, leaves no trace on the site."""
    REMOVED = "removed"
    """Taken down after publication for breaking a rule: shown as a tombstone naming the
    rule (the public moderation ledger), its text never published again."""


PUBLIC_STATUSES = frozenset({CommentStatus.APPROVED, CommentStatus.REMOVED})
"""The statuses the build receives; pending and rejected comments never leave a store."""


class BodyFormat(StrEnum):
    """What a stored body is written in, which decides how it is made safe."""

    MARKDOWN = "markdown"
    """What people type (the embedded store, Isso's database, the interchange file)."""
    HTML = "html"
    """Already rendered by a comment server (Isso's HTTP API); still sanitised here."""


@dataclass(frozen=True, slots=True)
class Comment:
    """One comment, ready to publish: sanitised HTML, no personal data.

    `author` is the display name as plain text (empty when the commenter gave none);
    the template escapes it. `person` is a people-registry key, set only on official
    replies. `reason` is the rule anchor of a removal. A removed comment's `body_html`
    is always empty.
    """

    id: str
    thread: str
    parent: str | None
    author: str
    body_html: str
    created: datetime
    status: CommentStatus
    official: bool = False
    person: str | None = None
    reason: str | None = None

    def __post_init__(self) -> None:
        if self.created.tzinfo is None:
            raise ValueError(f"comment {self.id}: created must be an aware datetime")
        if self.status is CommentStatus.REMOVED and self.body_html:
            raise ValueError(f"comment {self.id}: a removed comment's body is never published")
        if self.status not in PUBLIC_STATUSES:
            raise ValueError(f"comment {self.id}: {self.status} comments are never published")


def _state_read_at_c_speed(cls: type) -> None:
    """Give a frozen dataclass with slots the `__getstate__` dataclasses gives it (its fields'
    values, in order), read by one `attrgetter`: a build digests every comment it shows, and
    the generic one looks the fields up again for each comment."""
    read = attrgetter(*(each.name for each in fields(cls)))

    def __getstate__(self: Any) -> list[Any]:
        return list(read(self))

    cls.__getstate__ = __getstate__  # type: ignore[method-assign, assignment]


_state_read_at_c_speed(Comment)


@dataclass(frozen=True, slots=True)
class StoredComment:
    """A store's full record, personal data included. Internal to the bridge.

    `email` and `ip` are left out of `repr` so a log line can never carry them.
    """

    id: str
    thread: str
    parent: str | None
    author: str
    body: str
    created: datetime
    status: CommentStatus
    official: bool = False
    person: str | None = None
    reason: str | None = None
    email: str | None = field(default=None, repr=False)
    ip: str | None = field(default=None, repr=False)
    body_format: BodyFormat = BodyFormat.MARKDOWN


@dataclass(frozen=True, slots=True)
class Removal:
    """A moderation decision that takes a comment off the public record.

    Stores that keep a journal report these so that a build from an older snapshot
    still hides what moderators took down since (`status` is removed or rejected).
    """

    id: str
    status: CommentStatus
    reason: str | None
    at: datetime

    def __post_init__(self) -> None:
        if self.status is CommentStatus.APPROVED:
            raise ValueError("an approval is not a removal")
        if self.at.tzinfo is None:
            raise ValueError("removal time must be an aware datetime")
