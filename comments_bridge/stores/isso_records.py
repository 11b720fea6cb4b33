"""What an Isso comment means to the bridge, for both ways of reading Isso.

Isso's modes: 1 published, 2 waiting for moderation, 4 deleted but kept because replies
point to it (its text and author are already blanked by Isso). Isso keeps no reason for
a deletion, so such a tombstone names no rule. Isso verifies nobody, so none of its
comments is official. Isso stores author names HTML-escaped; they are unescaped here
because the bridge hands the build plain text. Isso's website, hash and gravatar fields
are never read into a record.
"""

from __future__ import annotations

import html
from typing import Final

from comments_bridge import timestamps
from comments_bridge.model import BodyFormat, CommentStatus, StoredComment

MODES: Final = {1: CommentStatus.APPROVED, 2: CommentStatus.PENDING, 4: CommentStatus.REMOVED}
MODE_OF: Final = {status: mode for mode, status in MODES.items()}


def status_of(mode: object) -> CommentStatus:
    if not isinstance(mode, int) or mode not in MODES:
        raise ValueError(f"unknown Isso mode {mode!r} (expected 1, 2 or 4)")
    return MODES[mode]


def record(
    *,
    comment_id: object,
    thread: object,
    parent: object,
    created: object,
    mode: object,
    text: object,
    author: object,
    body_format: BodyFormat,
    email: str | None = None,
    ip: str | None = None,
) -> StoredComment:
    """Check one Isso comment's fields and turn it into a record; ValueError if malformed."""
    if isinstance(comment_id, bool) or not isinstance(comment_id, int):
        raise ValueError(f"id {comment_id!r} is not a number")
    if parent is not None and (isinstance(parent, bool) or not isinstance(parent, int)):
        raise ValueError(f"parent {parent!r} is not a number")
    if not isinstance(thread, str) or not thread:
        raise ValueError(f"thread URI {thread!r} is not text")
    if isinstance(created, bool) or not isinstance(created, int | float):
        raise ValueError(f"created {created!r} is not a UNIX time")
    if text is None:
        text = ""
    if not isinstance(text, str):
        raise ValueError("text is not a string")
    if author is not None and not isinstance(author, str):
        raise ValueError("author is not a string")
    status = status_of(mode)
    return StoredComment(
        id=str(comment_id),
        thread=thread,
        parent=None if parent is None else str(parent),
        author=html.unescape(author or ""),
        body="" if status is CommentStatus.REMOVED else text,
        body_format=body_format,
        created=timestamps.from_epoch(float(created)),
        status=status,
        email=None if email is None else html.unescape(email),
        ip=ip,
    )
