"""The embedded store's schema, as numbered migrations of plain, portable SQL.

The same statements are meant for the PostgreSQL store, so they keep to what both
databases read alike: TEXT, INTEGER flags of 0 or 1, times as ISO-8601 UTC text of
fixed width (text order is time order), no AUTOINCREMENT/SERIAL, `ON CONFLICT DO
NOTHING` for imports. Applied migrations are rows of `schema_version`, not a
SQLite-only PRAGMA. Never edit a migration that has shipped: add the next one.
"""

from __future__ import annotations

from typing import Final, NamedTuple


class Migration(NamedTuple):
    version: int
    summary: str
    statements: tuple[str, ...]


VERSION_TABLE: Final = """
CREATE TABLE IF NOT EXISTS schema_version (
    version INTEGER PRIMARY KEY,
    applied TEXT NOT NULL
)"""

MIGRATIONS: Final = (
    Migration(
        1,
        "comments and the moderation journal",
        (
            """
            CREATE TABLE comments (
                id TEXT PRIMARY KEY,
                thread TEXT NOT NULL,
                parent TEXT,
                author TEXT NOT NULL,
                email TEXT,
                ip TEXT,
                body TEXT NOT NULL,
                body_format TEXT NOT NULL DEFAULT 'markdown'
                    CHECK (body_format IN ('markdown', 'html')),
                created TEXT NOT NULL,
                status TEXT NOT NULL
                    CHECK (status IN ('approved', 'pending', 'rejected', 'removed')),
                official INTEGER NOT NULL DEFAULT 0 CHECK (official IN (0, 1)),
                person TEXT,
                reason TEXT
            )""",
            "CREATE INDEX comments_by_thread ON comments (thread, created, id)",
            "CREATE INDEX comments_by_status ON comments (status)",
            """
            CREATE TABLE moderation_events (
                comment_id TEXT NOT NULL,
                at TEXT NOT NULL,
                status TEXT NOT NULL
                    CHECK (status IN ('approved', 'pending', 'rejected', 'removed')),
                reason TEXT,
                PRIMARY KEY (comment_id, at)
            )""",
            "CREATE INDEX moderation_events_by_time ON moderation_events (at)",
        ),
    ),
)

LATEST: Final = MIGRATIONS[-1].version
