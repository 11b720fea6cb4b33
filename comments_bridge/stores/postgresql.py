"""The shared moderation database (`postgresql://...`): the embedded store's schema on a server.

Departments that share a moderation team outgrow one file; this store keeps the same
tables, migrations (`schema.py`) and behaviour as `sqlite.py`, for many builds and
moderators at once:

- a moderation decision (status, reason and its journal line) is one transaction;
- a build's read is one REPEATABLE READ, READ ONLY transaction, so it sees the store as
  it was at one moment, whatever moderators commit meanwhile; `reading()` holds such a
  snapshot open across several reads (the comments and the removals journal);
- migrations are applied by the first opener, under an advisory lock, one transaction
  each; a build (`create=False`) never creates the schema, and needs only SELECT
  rights when nothing is pending;
- comments come in SQLite's order (thread, created, id, compared byte-wise) whatever the
  database's locale: the rows are sorted here, by code point, which is UTF-8 byte order;
  a server sort could not use the locale-collated index and spilled to disk at 100,000.

Tests inject a connection; `open` takes a URL (see `postgresql_connection.py`).
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Collection, Iterable, Iterator
from datetime import datetime
from operator import itemgetter
from typing import TYPE_CHECKING, Any, Final

from comments_bridge import timestamps
from comments_bridge.errors import NotFound, StoreDataError
from comments_bridge.model import BodyFormat, CommentStatus, Removal, StoredComment
from comments_bridge.store import Decision, check_decision, removals_from
from comments_bridge.stores import schema
from comments_bridge.stores.postgresql_connection import (
    Target,
    connect,
    public_name,
    target,
    translated,
)
from comments_bridge.stores.sqlite import COLUMNS

if TYPE_CHECKING:
    import psycopg

log = logging.getLogger(__name__)

READ: Final = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
WRITE: Final = "BEGIN ISOLATION LEVEL READ COMMITTED READ WRITE"
MIGRATION_LOCK: Final = 0x4469616C6F677565
"""`pg_advisory_xact_lock` key ("Dialogue"): openers of a new database take turns."""
FETCH_ROWS: Final = 10_000
"""Rows per round trip when a build streams the comments through a server-side cursor."""
IN_ORDER: Final = itemgetter(1, 8, 0)
"""thread, created (fixed-width UTC text), id: the embedded store's ORDER BY."""
TEXT_FIELDS: Final = ("id", "thread", "parent", "author", "email", "ip", "body", "person", "reason")
_STATUS: Final = {status.value: status for status in CommentStatus}
_FORMAT: Final = {body_format.value: body_format for body_format in BodyFormat}


class PostgresqlStore:
    """Comments and the moderation journal in one PostgreSQL database (its search_path)."""

    def __init__(
        self,
        connection: psycopg.Connection[Any],
        *,
        name: str | None = None,
        clock: Callable[[], datetime] = timestamps.now_utc,
        create: bool = True,
    ) -> None:
        self._connection = connection
        self._connection.autocommit = True  # transactions are opened explicitly below
        info = connection.info
        self._target = Target(
            url="",
            name=name or public_name("postgresql", info.host, str(info.port), info.dbname),
            options={},
            secrets=(info.password,) if info.password else (),
        )
        self._clock = clock
        self._open_transaction: str | None = None
        self._migrate(create=create)

    @classmethod
    def open(
        cls,
        url: str,
        *,
        create: bool = False,
        clock: Callable[[], datetime] = timestamps.now_utc,
    ) -> PostgresqlStore:
        """Connect to the database a URL names; only `create=True` may set up its schema."""
        where = target(url)
        connection = connect(where)
        try:
            return cls(connection, clock=clock, create=create)
        except BaseException:
            connection.close()
            raise

    @property
    def name(self) -> str:
        return self._target.name

    @contextlib.contextmanager
    def reading(self) -> Iterator[None]:
        """One consistent snapshot for every read inside: a build's view of the store."""
        with self._transaction(READ):
            yield

    @contextlib.contextmanager
    def _transaction(self, begin: str) -> Iterator[psycopg.Connection[Any]]:
        """All or nothing; a read inside `reading()` joins its snapshot."""
        if self._open_transaction is not None:
            if begin == WRITE and self._open_transaction == READ:
                raise RuntimeError(f"{self.name}: cannot moderate inside a read-only snapshot")
            yield self._connection
            return
        with translated(self._target):
            self._connection.execute(begin)
        self._open_transaction = begin
        try:
            yield self._connection
        except BaseException:
            self._open_transaction = None
            with contextlib.suppress(Exception):
                self._connection.execute("ROLLBACK")
            raise
        self._open_transaction = None
        with translated(self._target):
            self._connection.execute("COMMIT")

    def _migrate(self, *, create: bool) -> None:
        with translated(self._target), self._transaction(READ) as connection:
            tables = {
                row[0]
                for row in connection.execute(
                    "SELECT c.relname FROM pg_catalog.pg_class c "
                    "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                    "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'f')"
                )
            }
            current = 0
            if "schema_version" in tables:
                row = connection.execute("SELECT MAX(version) FROM schema_version").fetchone()
                current = (row[0] if row else None) or 0
        if "schema_version" not in tables:
            if tables:
                raise StoreDataError(
                    f"{self.name}: not a Dialogues comment store: it holds tables "
                    f"{', '.join(sorted(tables))}; give Dialogues a database (or schema) "
                    "of its own"
                )
            if not create:
                raise StoreDataError(
                    f"{self.name}: empty database, not a comment store yet; create it with "
                    "`python -m comments_bridge import FILE --store URL`"
                )
        if current > schema.LATEST:
            raise StoreDataError(
                f"{self.name}: schema version {current} is newer than this Dialogues knows "
                f"({schema.LATEST}); upgrade Dialogues"
            )
        for migration in schema.MIGRATIONS:
            if migration.version > current:
                self._apply(migration)

    def _apply(self, migration: schema.Migration) -> None:
        """One migration, unless another opener applied it while we waited for the lock."""
        with translated(self._target), self._transaction(WRITE) as connection:
            connection.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
            connection.execute(schema.VERSION_TABLE)
            done = connection.execute(
                "SELECT 1 FROM schema_version WHERE version = %s", (migration.version,)
            ).fetchone()
            if done:
                return
            for statement in migration.statements:
                connection.execute(statement)
            connection.execute(
                "INSERT INTO schema_version (version, applied) VALUES (%s, %s)",
                (migration.version, timestamps.to_storage(self._clock())),
            )
        log.info("%s: applied migration %d (%s)", self.name, migration.version, migration.summary)

    def read_all(self, statuses: Collection[CommentStatus] | None = None) -> list[StoredComment]:
        sql = f"SELECT {COLUMNS} FROM comments"
        parameters: list[list[str]] = []
        if statuses is not None:
            parameters = [[CommentStatus(s).value for s in statuses]]
            sql += " WHERE status = ANY(%s)"
        with (
            translated(self._target),
            self._transaction(READ) as connection,
            connection.cursor(name="dialogues_read_all") as cursor,
        ):
            cursor.itersize = FETCH_ROWS
            cursor.execute(sql, parameters)
            rows = list(cursor)
        rows.sort(key=IN_ORDER)
        return [self._record(row) for row in rows]

    def get(self, comment_id: str) -> StoredComment:
        with translated(self._target):
            row = self._connection.execute(
                f"SELECT {COLUMNS} FROM comments WHERE id = %s", (comment_id,)
            ).fetchone()
        if row is None:
            raise NotFound(f"{self.name}: no comment with id {comment_id!r}")
        return self._record(row)

    def add(self, records: Iterable[StoredComment]) -> int:
        """New comments in one transaction, through COPY; the first of a repeated id wins."""
        records = list(records)
        for record in records:
            self._check_storable(record)
        with translated(self._target), self._transaction(WRITE) as connection:
            connection.execute(
                "CREATE TEMPORARY TABLE incoming "
                "(LIKE comments INCLUDING DEFAULTS, position BIGINT) ON COMMIT DROP"
            )
            with connection.cursor() as cursor:
                with cursor.copy(f"COPY incoming ({COLUMNS}, position) FROM STDIN") as copy:
                    for position, r in enumerate(records):
                        copy.write_row(
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
                                position,
                            )
                        )
                cursor.execute(
                    f"INSERT INTO comments ({COLUMNS}) "
                    f"SELECT DISTINCT ON (id) {COLUMNS} FROM incoming ORDER BY id, position "
                    "ON CONFLICT (id) DO NOTHING"
                )
                return max(cursor.rowcount, 0)

    def _check_storable(self, record: StoredComment) -> None:
        """PostgreSQL text cannot hold NUL: say which comment, rather than fail the import."""
        for field in TEXT_FIELDS:
            value = getattr(record, field)
            if isinstance(value, str) and "\x00" in value:
                raise StoreDataError(
                    f"{self.name}: comment {record.id!r}: its {field} contains a NUL "
                    "character, which PostgreSQL cannot store; remove it and import again"
                )

    def set_status(
        self, comment_id: str, status: CommentStatus, reason: str | None = None
    ) -> StoredComment:
        check_decision(status, reason)
        at = timestamps.to_storage(self._clock())
        with translated(self._target), self._transaction(WRITE) as connection:
            row = connection.execute(
                f"UPDATE comments SET status = %s, reason = %s WHERE id = %s RETURNING {COLUMNS}",
                (status.value, reason, comment_id),
            ).fetchone()
            if row is None:
                raise NotFound(f"{self.name}: no comment with id {comment_id!r}")
            connection.execute(
                "INSERT INTO moderation_events (comment_id, at, status, reason) "
                "VALUES (%s, %s, %s, %s) ON CONFLICT (comment_id, at) DO UPDATE "
                "SET status = excluded.status, reason = excluded.reason",
                (comment_id, at, status.value, reason),
            )
        return self._record(row)

    def removals_since(self, since: datetime) -> list[Removal] | None:
        with translated(self._target), self._transaction(READ) as connection:
            rows = connection.execute(
                "SELECT comment_id, status, reason, at FROM moderation_events "
                'WHERE at COLLATE "C" >= %s',
                (timestamps.to_storage(since),),
            ).fetchall()
        try:
            decisions = [
                Decision(row[0], _STATUS[row[1]], row[2], timestamps.parse(row[3])) for row in rows
            ]
        except (KeyError, ValueError) as error:
            raise StoreDataError(f"{self.name}: moderation journal: {error}") from None
        return removals_from(decisions)

    def close(self) -> None:
        self._connection.close()

    def _record(self, row: tuple[Any, ...]) -> StoredComment:
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
            raise StoreDataError(f"{self.name}: comment {row[0]!r}: {error}") from None


def open_postgresql(url: str, *, create: bool = False) -> PostgresqlStore:
    return PostgresqlStore.open(url, create=create)
