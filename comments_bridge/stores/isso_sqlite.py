"""Isso's own database file (`isso+sqlite:///path`), opened read-only.

Useful where the build runs next to the Isso server, and to move an Isso site's
comments into the embedded store (`export` then `import`). The file is opened with
SQLite's `mode=ro`, so the bridge can never change or create it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection, Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from comments_bridge.errors import NotFound, ReadOnlyStore, StoreDataError
from comments_bridge.model import BodyFormat, CommentStatus, Removal, StoredComment
from comments_bridge.stores import isso_records
from comments_bridge.stores.sqlite_files import connect, translated

_SELECT = """
SELECT c.id, t.uri, c.parent, c.created, c.mode, c.text, c.author, c.email, c.remote_addr
FROM comments AS c JOIN threads AS t ON t.id = c.tid
"""


class IssoSqliteStore:
    """Reads comments straight from the tables Isso writes."""

    def __init__(self, connection: sqlite3.Connection, *, name: str) -> None:
        self._connection = connection
        self._name = name
        with translated(name):
            tables = {
                row[0]
                for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
        if not {"comments", "threads"} <= tables:
            raise StoreDataError(f"{name}: not an Isso database (no comments and threads tables)")

    @classmethod
    def open(cls, path: str | Path) -> IssoSqliteStore:
        path = Path(path)
        connection = connect(
            path, "ro", missing_hint="check [general] dbpath in the Isso configuration"
        )
        try:
            return cls(connection, name=f"isso+sqlite:///{path}")
        except BaseException:
            connection.close()
            raise

    @property
    def name(self) -> str:
        return self._name

    def read_all(self, statuses: Collection[CommentStatus] | None = None) -> list[StoredComment]:
        sql = _SELECT
        modes: list[int] = []
        if statuses is not None:
            modes = [isso_records.MODE_OF[s] for s in statuses if s in isso_records.MODE_OF]
            if not modes:
                return []
            sql += f" WHERE c.mode IN ({', '.join('?' * len(modes))})"
        sql += " ORDER BY t.uri, c.created, c.id"
        with translated(self._name):
            rows = self._connection.execute(sql, modes).fetchall()
        return [self._record(row) for row in rows]

    def get(self, comment_id: str) -> StoredComment:
        if not comment_id.isdigit():
            raise NotFound(f"{self._name}: no comment with id {comment_id!r}")
        with translated(self._name):
            row = self._connection.execute(
                _SELECT + " WHERE c.id = ?", (int(comment_id),)
            ).fetchone()
        if row is None:
            raise NotFound(f"{self._name}: no comment with id {comment_id!r}")
        return self._record(row)

    def add(self, records: Iterable[StoredComment]) -> int:
        raise ReadOnlyStore(
            f"{self._name}: Isso's database is only read here; comments come through Isso"
        )

    def set_status(
        self, comment_id: str, status: CommentStatus, reason: str | None = None
    ) -> StoredComment:
        raise ReadOnlyStore(f"{self._name}: moderate Isso comments in Isso's own admin interface")

    def removals_since(self, since: datetime) -> list[Removal] | None:
        return None

    def close(self) -> None:
        self._connection.close()

    def _record(self, row: tuple[Any, ...]) -> StoredComment:
        comment_id, uri, parent, created, mode, text, author, email, ip = row
        try:
            return isso_records.record(
                comment_id=comment_id,
                thread=uri,
                parent=parent,
                created=created,
                mode=mode,
                text=text,
                author=author,
                body_format=BodyFormat.MARKDOWN,
                email=email,
                ip=ip,
            )
        except ValueError as error:
            raise StoreDataError(f"{self._name}: comment {comment_id!r}: {error}") from None
