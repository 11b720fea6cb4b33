"""ISO-8601 UTC text, the one way times are written by the bridge.

Stores keep times as text so that the SQL schema is portable (SQLite and PostgreSQL);
a fixed width with microseconds keeps text order equal to time order.
"""

from __future__ import annotations

from datetime import UTC, datetime


def now_utc() -> datetime:
    return datetime.now(UTC)


def to_storage(moment: datetime) -> str:
    """Fixed-width text (`2026-11-27T10:00:00.000000Z`) whose sort order is time order."""
    return require_aware(moment).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def to_text(moment: datetime) -> str:
    """Short form for files people read: microseconds only when there are some."""
    moment = require_aware(moment).astimezone(UTC)
    if moment.microsecond:
        return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def parse(text: str) -> datetime:
    """Read an ISO-8601 time that names its zone; raise ValueError otherwise."""
    if not isinstance(text, str):
        raise ValueError(f"expected an ISO-8601 date as text, got {text!r}")
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError(f"{text!r} has no time zone (write it in UTC, e.g. 2026-11-27T10:00:00Z)")
    return moment.astimezone(UTC)


def from_epoch(seconds: float) -> datetime:
    return datetime.fromtimestamp(seconds, UTC)


def require_aware(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{moment!r} is a naive datetime; comment times must be aware")
    return moment
