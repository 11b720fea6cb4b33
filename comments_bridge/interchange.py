"""The interchange file (`dialogues-comments`, version 1): import, export, `json:` store.

    {"format": "dialogues-comments", "version": 1,
     "comments": [{"id": "123", "thread": "/consultations/waste-strategy/", "parent": null,
       "author": "Jane Doe", "email": "jane@example.org", "ip": "192.0.2.7",
       "body": "Markdown text", "created": "2026-11-27T10:00:00Z",
       "status": "approved", "official": false, "person": null, "reason": null}]}

Required in each comment: id, thread, author, body, created, status. Optional: parent,
email, ip, official, person, reason, and `body_format` (`markdown`, the default, or
`html` for text a comment server already rendered; both are sanitised on the way out).
Unknown keys are refused so that a misspelt field is not silently lost. Every problem
names the file and the comment (its position and id).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Final

from comments_bridge import timestamps
from comments_bridge.errors import StoreDataError
from comments_bridge.files import read_json, write_json
from comments_bridge.model import BodyFormat, CommentStatus, StoredComment, is_rule_anchor

FORMAT: Final = "dialogues-comments"
VERSION: Final = 1
REQUIRED: Final = ("id", "thread", "author", "body", "created", "status")
OPTIONAL: Final = ("parent", "email", "ip", "official", "person", "reason", "body_format")
PERSONAL: Final = ("email", "ip")


def read(path: Path) -> list[StoredComment]:
    """Read and validate a whole interchange file."""
    return parse(read_json(path), source=str(path))


def parse(document: Any, source: str) -> list[StoredComment]:
    if not isinstance(document, dict):
        raise StoreDataError(
            f"{source}: expected a JSON object with 'format', 'version', 'comments'"
        )
    if document.get("format") != FORMAT:
        raise StoreDataError(f"{source}: format is {document.get('format')!r}, expected {FORMAT!r}")
    if document.get("version") != VERSION:
        raise StoreDataError(
            f"{source}: version {document.get('version')!r} is not supported (this bridge reads "
            f"version {VERSION})"
        )
    items = document.get("comments")
    if not isinstance(items, list):
        raise StoreDataError(f"{source}: 'comments' must be a list")
    records: list[StoredComment] = []
    seen: set[str] = set()
    for index, item in enumerate(items):
        record = _record(item, index, source)
        if record.id in seen:
            raise StoreDataError(f"{source}: comment {index} (id {record.id!r}): duplicate id")
        seen.add(record.id)
        records.append(record)
    return records


def _record(item: Any, index: int, source: str) -> StoredComment:
    where = f"{source}: comment {index}"
    if not isinstance(item, dict):
        raise StoreDataError(f"{where}: expected a JSON object")
    raw_id = item.get("id")
    if isinstance(raw_id, str | int) and not isinstance(raw_id, bool) and str(raw_id):
        where = f"{where} (id {str(raw_id)!r})"

    def fail(problem: str) -> StoreDataError:
        return StoreDataError(f"{where}: {problem}")

    for key in REQUIRED:
        if key not in item:
            raise fail(f"missing field {key!r}")
    unknown = sorted(set(item) - set(REQUIRED) - set(OPTIONAL))
    if unknown:
        raise fail(f"unknown field(s) {', '.join(map(repr, unknown))}")

    comment_id = _identifier(item["id"])
    if comment_id is None:
        raise fail("'id' must be a non-empty string")
    parent = item.get("parent")
    if parent is not None:
        parent = _identifier(parent)
        if parent is None:
            raise fail("'parent' must be a comment id or null")
    thread = item["thread"]
    if not isinstance(thread, str) or not thread.startswith("/"):
        raise fail(f"'thread' must be a URL path starting with '/', got {thread!r}")
    author = item["author"]
    if author is None:
        author = ""
    if not isinstance(author, str):
        raise fail("'author' must be a string")
    body = item["body"]
    if not isinstance(body, str):
        raise fail("'body' must be a string")
    try:
        created = timestamps.parse(item["created"])
    except ValueError as error:
        raise fail(f"bad 'created' date: {error}") from None
    try:
        status = CommentStatus(item["status"])
    except ValueError:
        allowed = ", ".join(s.value for s in CommentStatus)
        raise fail(f"unknown status {item['status']!r} (expected one of {allowed})") from None
    official = item.get("official", False)
    if not isinstance(official, bool):
        raise fail("'official' must be true or false")
    person = item.get("person")
    if official and not (isinstance(person, str) and person):
        raise fail("an official comment must name its 'person' (a people-registry key)")
    if not official and person is not None:
        raise fail("'person' is only for official comments")
    reason = item.get("reason")
    if reason is not None:
        if not isinstance(reason, str) or not is_rule_anchor(reason):
            raise fail(f"'reason' must be a rule anchor like 'rule-3', got {reason!r}")
        if status is not CommentStatus.REMOVED:
            raise fail("'reason' is only for removed comments")
    try:
        body_format = BodyFormat(item.get("body_format", BodyFormat.MARKDOWN))
    except ValueError:
        raise fail(f"unknown body_format {item.get('body_format')!r}") from None
    personal = {key: item.get(key) for key in PERSONAL}
    for key, value in personal.items():
        if value is not None and not isinstance(value, str):
            raise fail(f"{key!r} must be a string or null")
    return StoredComment(
        id=comment_id,
        thread=thread,
        parent=parent,
        author=author,
        body=body,
        created=created,
        status=status,
        official=official,
        person=person,
        reason=reason,
        email=personal["email"],
        ip=personal["ip"],
        body_format=body_format,
    )


def _identifier(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, str | int):
        return None
    text = str(value)
    return text or None


def to_dict(record: StoredComment, *, personal: bool) -> dict[str, Any]:
    """One comment as interchange JSON; `personal=False` leaves out email and IP."""
    item: dict[str, Any] = {
        "id": record.id,
        "thread": record.thread,
        "parent": record.parent,
        "author": record.author,
    }
    if personal:
        item["email"] = record.email
        item["ip"] = record.ip
    item.update(
        body=record.body,
        created=timestamps.to_text(record.created),
        status=record.status.value,
        official=record.official,
        person=record.person,
        reason=record.reason,
    )
    if record.body_format is not BodyFormat.MARKDOWN:
        item["body_format"] = record.body_format.value
    return item


def document(records: Iterable[StoredComment], *, personal: bool) -> dict[str, Any]:
    ordered = sorted(records, key=lambda r: (r.created, r.id))
    return {
        "format": FORMAT,
        "version": VERSION,
        "comments": [to_dict(record, personal=personal) for record in ordered],
    }


def write(path: Path, records: Iterable[StoredComment], *, personal: bool) -> None:
    write_json(path, document(records, personal=personal))


def summary(records: Iterable[StoredComment]) -> Mapping[CommentStatus, int]:
    counts = dict.fromkeys(CommentStatus, 0)
    for record in records:
        counts[record.status] += 1
    return counts
