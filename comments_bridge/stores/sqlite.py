"""The embedded store (`sqlite:///path`): one file, schema owned by the bridge.

Reading for a build opens an existing file and never creates one; only import and
moderation commands open with `create=True`. Pending migrations are applied on open,
in one transaction each. Tests inject a connection (`sqlite3.connect(":memory:")`).
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Collection, Iterable
from datetime import datetime
from pathlib import Path
from typing import Any, Final

from comments_bridge import timestamps
from comments_bridge.errors import NotFound, StoreDataError
from comments_bridge.model import BodyFormat, CommentStatus, Removal, StoredComment
from comments_bridge.store import Decision, check_decision, removals_from
from comments_bridge.stores import schema
from comments_bridge.stores.sqlite_files import connect, transaction, translated

log = logging.getLogger(__name__)

COLUMNS: Final = (
    "id, thread, parent, author, email, ip, body, body_format, created, status, official, "
    "person, reason"
)
_STATUS: Final = {status.value: status for status in CommentStatus}
_FORMAT: Final = {body_format.value: body_format for body_format in BodyFormat}

Row = tuple[Any, ...]


class SqliteStore:
    """Comments and the moderation journal in one SQLite database."""

    def __init__(
        self,
        connection: sqlite3.Connection,
        *,
        name: str = "sqlite (injected connection)",
        clock: Callable[[], datetime] = timestamps.now_utc,
        create: bool = True,
    ) -> None:
        self._connection = connection
        self._connection.isolation_level = None
        self._name = name
        self._clock = clock
        with translated(name):
            self._migrate(create=create)

    @classmethod
    def open(
        cls,
        path: str | Path,
        *,
        create: bool = False,
        clock: Callable[[], datetime] = timestamps.now_utc,
    ) -> SqliteStore:
        if str(path) == ":memory:":
            return cls(sqlite3.connect(":memory:"), name="sqlite:///:memory:", clock=clock)
        path = Path(path)
        connection = connect(
            path,
            "rwc" if create else "rw",
            missing_hint=(
                "create the store with `python -m comments_bridge import FILE "
                f"--store sqlite:///{path}`"
            ),
        )
        try:
            return cls(connection, name=f"sqlite:///{path}", clock=clock, create=create)
        except BaseException:
            connection.close()
            raise

    @property
    def name(self) -> str:
        return self._name

    def _migrate(self, *, create: bool) -> None:
        tables = {
            row[0]
            for row in self._connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'"
            )
        }
        if "schema_version" not in tables:
            if tables:
                listed = ", ".join(sorted(tables))
                hint = (
                    " (an Isso database is read with isso+sqlite:///)"
                    if "threads" in tables
                    else ""
                )
                raise StoreDataError(
                    f"{self._name}: not a Dialogues comment store: it holds tables {listed}{hint}"
                )
            if not create:
                raise StoreDataError(
                    f"{self._name}: empty database, not a comment store yet; create it with "
                    "`python -m comments_bridge import FILE`"
                )
            self._connection.execute(schema.VERSION_TABLE)
        current = (
            self._connection.execute("SELECT MAX(version) FROM schema_version").fetchone()[0] or 0
        )
        if current > schema.LATEST:
            raise StoreDataError(
                f"{self._name}: schema version {current} is newer than this Dialogues knows "
                f"({schema.LATEST}); upgrade Dialogues"
            )
        for migration in schema.MIGRATIONS:
            if migration.version <= current:
                continue
            with transaction(self._connection) as connection:
                for statement in migration.statements:
                    connection.execute(statement)
                connection.execute(
                    "INSERT INTO schema_version (version, applied) VALUES (?, ?)",
                    (migration.version, timestamps.to_storage(self._clock())),
                )
            log.info(
                "%s: applied migration %d (%s)", self._name, migration.version, migration.summary
            )

    def read_all(self, statuses: Collection[CommentStatus] | None = None) -> list[StoredComment]:
        sql = f"SELECT {COLUMNS} FROM comments"
        parameters: list[str] = []
        if statuses is not None:
            parameters = [CommentStatus(s).value for s in statuses]
            sql += f" WHERE status IN ({', '.join('?' * len(parameters))})"
        sql += " ORDER BY thread, created, id"
        with translated(self._name):
            rows = self._connection.execute(sql, parameters).fetchall()
        return [self._record(row) for row in rows]

    def get(self, comment_id: str) -> StoredComment:
        with translated(self._name):
            row = self._connection.execute(
                f"SELECT {COLUMNS} FROM comments WHERE id = ?", (comment_id,)
            ).fetchone()
        if row is None:
            raise NotFound(f"{self._name}: no comment with id {comment_id!r}")
        return self._record(row)

    def add(self, records: Iterable[StoredComment]) -> int:
        rows = (
            (
                r.id,
                r.thread,
                r.parent,
                r.author,
                r.email,
                r.ip,
                r.body,
                r.body_format.value,
                timestamps.to_storage(r.created),
                r.status.value,
                int(r.official),
                r.person,
                r.reason,
            )
            for r in records
        )
        with translated(self._name), transaction(self._connection) as connection:
            before = connection.total_changes
            connection.executemany(
                f"INSERT INTO comments ({COLUMNS}) VALUES ({', '.join('?' * 13)}) "
                "ON CONFLICT (id) DO NOTHING",
                rows,
            )
            return connection.total_changes - before

    def set_status(
        self, comment_id: str, status: CommentStatus, reason: str | None = None
    ) -> StoredComment:
        check_decision(status, reason)
        at = timestamps.to_storage(self._clock())
        with translated(self._name), transaction(self._connection) as connection:
            changed = connection.execute(
                "UPDATE comments SET status = ?, reason = ? WHERE id = ?",
                (status.value, reason, comment_id),
            ).rowcount
            if not changed:
                raise NotFound(f"{self._name}: no comment with id {comment_id!r}")
            connection.execute(
                "INSERT INTO moderation_events (comment_id, at, status, reason) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (comment_id, at) DO UPDATE "
                "SET status = excluded.status, reason = excluded.reason",
                (comment_id, at, status.value, reason),
            )
        return self.get(comment_id)

    def removals_since(self, since: datetime) -> list[Removal] | None:
        with translated(self._name):
            rows = self._connection.execute(
                "SELECT comment_id, status, reason, at FROM moderation_events WHERE at >= ?",
                (timestamps.to_storage(since),),
            ).fetchall()
        return removals_from(
            Decision(row[0], _STATUS[row[1]], row[2], timestamps.parse(row[3])) for row in rows
        )

    def close(self) -> None:
        self._connection.close()

    def _record(self, row: Row) -> StoredComment:
        try:
            return StoredComment(
                id=row[0],
                thread=row[1],
                parent=row[2],
                author=row[3],
                email=row[4],
                ip=row[5],
                body=row[6],
                body_format=_FORMAT[row[7]],
                created=timestamps.parse(row[8]),
                status=_STATUS[row[9]],
                official=bool(row[10]),
                person=row[11],
                reason=row[12],
            )
        except (KeyError, ValueError, TypeError) as error:
            raise StoreDataError(f"{self._name}: comment {row[0]!r}: {error}") from None
