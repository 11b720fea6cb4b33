"""Opening SQLite files without creating them by accident, and naming what went wrong.

Shared by the embedded store and the Isso database reader. A build only ever reads,
so a missing file must be an outage, never a fresh empty store.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Literal

from comments_bridge.errors import BridgeError, StoreDataError, StoreUnavailable

Mode = Literal["ro", "rw", "rwc"]

_OUTAGE_HINTS = ("unable to open", "locked", "disk i/o", "readonly database", "busy")


def connect(path: Path, mode: Mode, *, missing_hint: str) -> sqlite3.Connection:
    """Open `path` with SQLite's own URI modes: `ro`, `rw` (must exist), `rwc` (may create)."""
    if mode != "rwc" and not path.exists():
        raise StoreUnavailable(f"{path}: file not found; {missing_hint}")
    if mode == "rwc":
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        connection = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode={mode}", uri=True, isolation_level=None
        )
    except sqlite3.Error as error:
        raise StoreUnavailable(f"{path}: cannot open ({error})") from None
    return connection


def translate(error: sqlite3.Error, where: str) -> BridgeError:
    """A driver error as the bridge's outage/bad-data distinction."""
    text = str(error)
    if isinstance(error, sqlite3.OperationalError) and any(
        hint in text.lower() for hint in _OUTAGE_HINTS
    ):
        return StoreUnavailable(f"{where}: {text}")
    return StoreDataError(f"{where}: {text}")


@contextmanager
def translated(where: str) -> Iterator[None]:
    try:
        yield
    except sqlite3.Error as error:
        raise translate(error, where) from None


@contextmanager
def transaction(connection: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """All or nothing, DDL included (the connection runs in autocommit mode)."""
    connection.execute("BEGIN")
    try:
        yield connection
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")
