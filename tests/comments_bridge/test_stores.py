"""Opening stores by URL, and the embedded store's schema and migrations."""

from __future__ import annotations

import re
import sqlite3
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from comments_bridge.errors import MissingDriver, StoreURLError
from comments_bridge.model import CommentStatus, StoredComment
from comments_bridge.stores import (
    IssoHttpStore,
    JsonFileStore,
    MemoryStore,
    SqliteStore,
    configured_url,
    open_store,
    schema,
)


def _comment() -> StoredComment:
    return StoredComment(
        id="1",
        thread="/posts/x/",
        parent=None,
        author="Ann",
        body="Hi",
        created=datetime(2026, 1, 1, 9, 30, 15, 250, tzinfo=UTC),
        status=CommentStatus.APPROVED,
        email="ann@mail.example",
        ip="192.0.2.1",
    )


def test_sqlite_paths_are_relative_with_three_slashes_and_absolute_with_four(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    relative = open_store("sqlite:///var/comments.db", create=True)
    assert relative.name == "sqlite:///var/comments.db"
    relative.close()
    assert (tmp_path / "var" / "comments.db").exists()
    absolute_path = tmp_path / "elsewhere" / "c.db"
    absolute = open_store(f"sqlite:///{absolute_path}", create=True)
    assert absolute.name == f"sqlite:////{str(absolute_path).lstrip('/')}"
    absolute.close()
    assert absolute_path.exists()


def test_each_scheme_opens_its_adapter(tmp_path: Path) -> None:
    export = tmp_path / "export.json"
    export.write_text('{"format": "dialogues-comments", "version": 1, "comments": []}')
    assert isinstance(open_store("memory://"), MemoryStore)
    assert isinstance(open_store("sqlite:///:memory:"), SqliteStore)
    assert isinstance(open_store(f"json:///{export}"), JsonFileStore)
    http = open_store("isso+http://127.0.0.1:8080/")
    assert isinstance(http, IssoHttpStore) and http.name == "isso+http://127.0.0.1:8080"


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://example.org/comments", "unknown comment store URL 'ftp://example.org/comments'"),
        ("comments.db", "expected one of: sqlite:///path, json:///path, isso+http://host:port"),
        ("sqlite://var/comments.db", "a file URL has three slashes"),
        ("sqlite:///", "names no file"),
        ("isso+http://", "expected isso+http://host:port"),
    ],
)
def test_a_bad_store_url_is_explained(url: str, message: str) -> None:
    with pytest.raises(StoreURLError, match=re.escape(message)):
        open_store(url)


def test_postgresql_needs_its_driver_only_when_opened(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if the extra were not installed
    url = "postgresql://moderator:hunter2@db.example/comments"
    with pytest.raises(MissingDriver, match=re.escape("pip install 'dialogues[postgresql]'")) as e:
        open_store(url)
    assert "hunter2" not in str(e.value)


def test_the_environment_overrides_the_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DIALOGUES_COMMENTS_STORE", raising=False)
    assert configured_url() == "sqlite:///var/comments.db"
    assert configured_url("json:///x.json") == "json:///x.json"
    monkeypatch.setenv("DIALOGUES_COMMENTS_STORE", "isso+http://127.0.0.1:8080")
    assert configured_url("json:///x.json") == "isso+http://127.0.0.1:8080"


def test_a_new_store_records_its_migrations(tmp_path: Path) -> None:
    path = tmp_path / "comments.db"
    SqliteStore.open(path, create=True).close()
    with sqlite3.connect(path) as connection:
        versions = [row[0] for row in connection.execute("SELECT version FROM schema_version")]
    assert versions == [m.version for m in schema.MIGRATIONS]
    reopened = SqliteStore.open(path)  # already current: nothing to apply, nothing lost
    reopened.add([_comment()])
    reopened.close()
    assert SqliteStore.open(path).get("1") == _comment()


def test_an_injected_connection_gets_the_schema() -> None:
    store = SqliteStore(sqlite3.connect(":memory:"))
    store.add([_comment()])
    assert store.read_all()[0].email == "ann@mail.example"


def test_times_are_stored_as_fixed_width_utc_text_so_text_order_is_time_order() -> None:
    connection = sqlite3.connect(":memory:")
    SqliteStore(connection).add([_comment()])
    (created,) = connection.execute("SELECT created FROM comments").fetchone()
    assert created == "2026-01-01T09:30:15.000250Z"


def test_the_schema_is_plain_sql_a_postgresql_store_can_share() -> None:
    sql = " ".join(s for m in schema.MIGRATIONS for s in m.statements).upper()
    for sqlite_only in ("AUTOINCREMENT", "PRAGMA", "WITHOUT ROWID", "BLOB", "REAL", "DATETIME"):
        assert sqlite_only not in sql
    column_types = set(re.findall(r"^\s*\w+ (\w+)", sql, flags=re.MULTILINE))
    assert column_types <= {"TEXT", "INTEGER", "TABLE", "INDEX", "KEY"}
