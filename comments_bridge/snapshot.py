"""The last good read, kept on disk so a build can go on through a store outage.

A snapshot holds exactly what the build was given (public fields, sanitised HTML,
removed bodies empty) and the time it was taken; it never holds an email or IP address.
`pull` writes one; `load_comments(..., snapshot=...)` reads it when the store is down.

Removals: the embedded store journals every moderation decision with its time, so a
build from a snapshot asks the store for `removals_since(snapshot time)` and applies
them: a removal becomes a tombstone, a rejection disappears. Isso and interchange files
keep no journal. If the store is down altogether, it cannot be asked, and only the
snapshot is available: the result says so (`removals_checked=False`) and a warning is
logged.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Final

from comments_bridge import timestamps
from comments_bridge.comment_set import CommentSet
from comments_bridge.errors import StaleSnapshot, StoreDataError, StoreUnavailable
from comments_bridge.files import read_json, write_json
from comments_bridge.model import Comment, CommentStatus, Removal, is_rule_anchor
from comments_bridge.sanitise import Sanitiser

log = logging.getLogger(__name__)

FORMAT: Final = "dialogues-comments-snapshot"
VERSION: Final = 1


def save_snapshot(comments: CommentSet, path: str | Path) -> None:
    """Write the public comments and the time they were read."""
    write_json(
        Path(path),
        {
            "format": FORMAT,
            "version": VERSION,
            "taken": timestamps.to_text(comments.as_of),
            "comments": [_to_dict(c) for c in comments],
        },
    )
    log.info("snapshot of %d comments written to %s", len(comments), path)


def load_snapshot(
    path: str | Path, max_age: timedelta | None = None, *, now: datetime | None = None
) -> CommentSet:
    """Read a snapshot; `StaleSnapshot` if it is missing or older than `max_age`.

    Bodies are sanitised again on the way in: the file may have been edited by hand.
    """
    path = Path(path)
    try:
        document = read_json(path)
    except StoreUnavailable:
        raise StaleSnapshot(
            f"there is no snapshot at {path} (make one with "
            f"`python -m comments_bridge pull --snapshot {path}`)"
        ) from None
    taken, items = _header(document, path)
    if max_age is not None:
        age = (now or timestamps.now_utc()) - taken
        if age > max_age:
            raise StaleSnapshot(
                f"the snapshot at {path} was taken {timestamps.to_text(taken)}, "
                f"{_duration(age)} ago, older than the {_duration(max_age)} allowed"
            )
    sanitiser = Sanitiser()
    comments = tuple(_from_dict(item, index, path, sanitiser) for index, item in enumerate(items))
    return CommentSet(comments, as_of=taken, from_snapshot=True)


def apply_removals(comments: CommentSet, removals: Iterable[Removal]) -> CommentSet:
    """Hide what moderators took down after the snapshot was taken."""
    decided = {removal.id: removal for removal in removals}
    kept: list[Comment] = []
    for comment in comments:
        removal = decided.get(comment.id)
        if removal is None:
            kept.append(comment)
        elif removal.status is CommentStatus.REMOVED:
            kept.append(
                dataclasses.replace(
                    comment, body_html="", status=CommentStatus.REMOVED, reason=removal.reason
                )
            )
    changed = sum(1 for c in comments if c.id in decided)
    if changed:
        log.info("%d removal(s) recorded since the snapshot applied", changed)
    return CommentSet(
        tuple(kept),
        as_of=comments.as_of,
        from_snapshot=comments.from_snapshot,
        removals_checked=True,
    )


def _to_dict(comment: Comment) -> dict[str, Any]:
    return {
        "id": comment.id,
        "thread": comment.thread,
        "parent": comment.parent,
        "author": comment.author,
        "body_html": comment.body_html,
        "created": timestamps.to_text(comment.created),
        "status": comment.status.value,
        "official": comment.official,
        "person": comment.person,
        "reason": comment.reason,
    }


def _header(document: Any, path: Path) -> tuple[datetime, list[Any]]:
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise StoreDataError(f"{path}: not a comment snapshot (format {FORMAT!r})")
    if document.get("version") != VERSION:
        raise StoreDataError(f"{path}: snapshot version {document.get('version')!r} not supported")
    try:
        taken = timestamps.parse(document["taken"])
    except (KeyError, ValueError) as error:
        raise StoreDataError(f"{path}: bad 'taken' time: {error}") from None
    items = document.get("comments")
    if not isinstance(items, list):
        raise StoreDataError(f"{path}: 'comments' must be a list")
    return taken, items


def _from_dict(item: Any, index: int, path: Path, sanitiser: Sanitiser) -> Comment:
    where = f"{path}: comment {index}"
    if not isinstance(item, dict):
        raise StoreDataError(f"{where}: expected a JSON object")
    where = f"{where} (id {item.get('id')!r})"
    try:
        status = CommentStatus(item["status"])
        body = item["body_html"]
        if not isinstance(body, str):
            raise ValueError("body_html must be a string")
        official = item.get("official") is True
        person, reason = item.get("person"), item.get("reason")
        if not (person is None or isinstance(person, str)) or (person and not official):
            raise ValueError("'person' must be a people-registry key, on official comments only")
        if reason is not None and not (isinstance(reason, str) and is_rule_anchor(reason)):
            raise ValueError(f"'reason' must be a rule anchor like 'rule-3', got {reason!r}")
        return Comment(
            id=str(item["id"]),
            thread=str(item["thread"]),
            parent=None if item.get("parent") is None else str(item["parent"]),
            author=str(item["author"]),
            body_html="" if status is CommentStatus.REMOVED else sanitiser.clean_html(body),
            created=timestamps.parse(item["created"]),
            status=status,
            official=official,
            person=person,
            reason=reason if status is CommentStatus.REMOVED else None,
        )
    except KeyError as missing:
        raise StoreDataError(f"{where}: missing field {missing}") from None
    except ValueError as error:
        raise StoreDataError(f"{where}: {error}") from None


def _duration(delta: timedelta) -> str:
    seconds = int(delta.total_seconds())
    if seconds >= 2 * 86400:
        return f"{seconds // 86400} days"
    if seconds >= 2 * 3600:
        return f"{seconds // 3600} hours"
    if seconds >= 120:
        return f"{seconds // 60} minutes"
    return f"{seconds} seconds"
