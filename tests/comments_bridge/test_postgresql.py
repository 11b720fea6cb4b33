"""The PostgreSQL store on a real server: schema, URL forms, snapshots, errors in one line.

The adapter contract suite (`test_contract.py`) runs against this store too; these tests
cover what only a shared server has: many openers, a build reading while moderators
write, credentials from the environment, a server that is down or refuses the login.
"""

from __future__ import annotations

import dataclasses
import re
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from comments_bridge.errors import (
    BridgeError,
    MissingDriver,
    StoreDataError,
    StoreUnavailable,
    StoreURLError,
)
from comments_bridge.model import PUBLIC_STATUSES, CommentStatus, StoredComment
from comments_bridge.read import load_comments
from comments_bridge.snapshot import save_snapshot
from comments_bridge.stores import PostgresqlStore, SqliteStore, open_store, postgresql, schema
from tests.comments_bridge.conftest import scenario_records, scenario_threads
from tests.comments_bridge.isso_server import REPO, free_port
from tests.comments_bridge.postgresql_server import (
    MODERATOR,
    MODERATOR_PASSWORD,
    PostgresqlServer,
    start_server,
)
from tests.comments_bridge.test_contract import Ticking

SECRET = MODERATOR_PASSWORD


@pytest.fixture
def database(postgresql_server: PostgresqlServer) -> str:
    """A fresh, empty database owned by the moderator role."""
    return postgresql_server.create_database()


@pytest.fixture
def url(postgresql_server: PostgresqlServer, database: str) -> str:
    return postgresql_server.moderator_url(database)


@pytest.fixture
def store(url: str) -> Iterator[PostgresqlStore]:
    """The scenario's comments in a new store, opened as a moderator would."""
    opened = PostgresqlStore.open(url, create=True)
    opened.add(scenario_records(scenario_threads()))
    yield opened
    opened.close()


def comment(comment_id: str, thread: str = "/posts/2025/x/", minute: int = 0) -> StoredComment:
    return StoredComment(
        id=comment_id,
        thread=thread,
        parent=None,
        author="Someone",
        body="Text",
        created=datetime(2025, 12, 1, 9, minute, tzinfo=UTC),
        status=CommentStatus.APPROVED,
    )


# --- schema and migrations -----------------------------------------------------------------


def test_a_new_database_gets_the_embedded_stores_schema_and_records_its_migrations(
    postgresql_server: PostgresqlServer, database: str, url: str, tmp_path: Path
) -> None:
    PostgresqlStore.open(url, create=True).close()
    PostgresqlStore.open(url, create=True).close()  # already current: nothing applied twice
    with postgresql_server.connect(database) as connection:
        versions = [r[0] for r in connection.execute("SELECT version FROM schema_version")]
        columns = connection.execute(
            "SELECT table_name, column_name, data_type FROM information_schema.columns "
            "WHERE table_schema = 'public' ORDER BY table_name, ordinal_position"
        ).fetchall()
    assert versions == [m.version for m in schema.MIGRATIONS]
    embedded = sqlite3.connect(tmp_path / "comments.db")
    SqliteStore(embedded)
    expected = [
        (table, column, kind.lower())
        for (table,) in embedded.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        for _, column, kind, *_ in embedded.execute(f"PRAGMA table_info({table})")
    ]
    assert sorted(columns) == sorted(expected)


def test_two_first_openers_at_once_apply_each_migration_once(
    postgresql_server: PostgresqlServer, database: str, url: str
) -> None:
    start = threading.Barrier(4)
    failures: list[BaseException] = []

    def open_and_add(n: int) -> None:
        try:
            start.wait()
            opened = PostgresqlStore.open(url, create=True)
            opened.add([comment(f"from-{n}")])
            opened.close()
        except BaseException as error:
            failures.append(error)

    workers = [threading.Thread(target=open_and_add, args=(n,)) for n in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    assert failures == []
    with postgresql_server.connect(database) as connection:
        assert connection.execute("SELECT count(*) FROM schema_version").fetchone() == (
            len(schema.MIGRATIONS),
        )
        assert connection.execute("SELECT count(*) FROM comments").fetchone() == (4,)


def test_a_build_never_creates_a_store_in_an_empty_database(
    postgresql_server: PostgresqlServer, database: str, url: str
) -> None:
    with pytest.raises(StoreDataError, match="empty database, not a comment store yet"):
        open_store(url)
    with postgresql_server.connect(database) as connection:
        assert connection.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
        ).fetchone() == (0,)


def test_a_database_used_for_something_else_is_refused(
    postgresql_server: PostgresqlServer, database: str, url: str
) -> None:
    with postgresql_server.connect(database) as connection:
        connection.execute("CREATE TABLE invoices (id INTEGER)")
    with pytest.raises(StoreDataError, match="not a Dialogues comment store: it holds tables"):
        open_store(url, create=True)


def test_a_schema_newer_than_this_dialogues_is_refused(
    postgresql_server: PostgresqlServer, database: str, url: str
) -> None:
    PostgresqlStore.open(url, create=True).close()
    with postgresql_server.connect(database) as connection:
        connection.execute("INSERT INTO schema_version VALUES (99, '2030-01-01T00:00:00Z')")
    with pytest.raises(StoreDataError, match=r"schema version 99 is newer .* upgrade Dialogues"):
        open_store(url)


def test_comments_come_in_the_embedded_stores_order_whatever_the_database_locale(
    postgresql_server: PostgresqlServer, database: str, url: str
) -> None:
    threads = ["/b/", "/B/", "/a/", "/a-c/", "/ab/", "/Z/", "/_x/", "/é/"]
    records = [comment(f"c{n}", thread, minute=n) for n, thread in enumerate(threads)]
    embedded = SqliteStore.open(":memory:")
    embedded.add(records)
    store = PostgresqlStore.open(url, create=True)
    store.add(records)
    assert [r.thread for r in store.read_all()] == [r.thread for r in embedded.read_all()]
    store.close()
    # The control: this database sorts by en-GB rules, where the order would differ.
    with postgresql_server.connect(database) as connection:
        by_locale = [r[0] for r in connection.execute("SELECT thread FROM comments ORDER BY 1")]
    assert by_locale != [r.thread for r in embedded.read_all()]


def test_the_journal_reports_the_last_decision_on_each_comment(url: str) -> None:
    clock = Ticking(datetime(2026, 1, 1, 12, 0, tzinfo=UTC))
    store = PostgresqlStore.open(url, create=True, clock=clock)
    store.add([comment("x"), comment("y"), comment("z")])
    store.set_status("x", CommentStatus.REMOVED, "rule-1")  # before the snapshot
    snapshot_time = clock()
    store.set_status("y", CommentStatus.REMOVED, "rule-2")
    store.set_status("z", CommentStatus.REJECTED)
    store.set_status("x", CommentStatus.APPROVED)  # reinstated: not a removal
    removals = store.removals_since(snapshot_time)
    store.close()
    assert removals is not None
    assert [(r.id, r.status, r.reason) for r in removals] == [
        ("y", CommentStatus.REMOVED, "rule-2"),
        ("z", CommentStatus.REJECTED, None),
    ]


def test_a_nul_character_is_refused_naming_the_comment(url: str) -> None:
    store = PostgresqlStore.open(url, create=True)
    bad = dataclasses.replace(comment("n1"), body="before\x00after")
    with pytest.raises(StoreDataError, match=r"comment 'n1': its body contains a NUL character"):
        store.add([comment("ok"), bad])
    assert store.read_all() == []  # all or nothing
    store.close()


# --- a build reads one moment, while moderators write -------------------------------------


def moderate(url: str, *arguments: str) -> subprocess.CompletedProcess[str]:
    """A moderator's `python -m comments_bridge ...`, another process on its own connection."""
    return subprocess.run(
        [sys.executable, "-m", "comments_bridge", *arguments, "--store", url],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
    )


def test_a_removal_committed_during_a_build_is_seen_wholly_after_it_never_half(
    store: PostgresqlStore, url: str
) -> None:
    before = datetime.now(UTC) - timedelta(seconds=1)
    published = [r for r in store.read_all(PUBLIC_STATUSES) if r.status is CommentStatus.APPROVED]
    target = published[0]
    with store.reading():
        first = load_comments(store)
        removal = moderate(url, "remove", target.id, "--reason", "rule-5")
        assert removal.returncode == 0, removal.stderr
        second = load_comments(store)
        journal = store.removals_since(before)
    assert second.comments == first.comments  # the build's whole read is one moment
    assert journal == []
    during = first.get(target.id)
    assert during is not None and during.status is CommentStatus.APPROVED and during.body_html
    after = load_comments(store).get(target.id)
    assert after is not None and after.status is CommentStatus.REMOVED and after.body_html == ""
    assert [r.id for r in store.removals_since(before) or []] == [target.id]


def test_reads_streamed_while_moderators_commit_always_see_a_prefix_of_their_work(
    url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(postgresql, "FETCH_ROWS", 50)  # many round trips per read
    records = [comment(f"{n:04d}", f"/posts/t{n % 40}/", minute=n % 60) for n in range(2000)]
    setup = PostgresqlStore.open(url, create=True)
    setup.add(records)
    setup.close()
    order = [f"{n:04d}" for n in range(0, 2000, 97)]
    done = threading.Event()

    def moderator() -> None:
        own = PostgresqlStore.open(url)
        try:
            for comment_id in order:
                own.set_status(comment_id, CommentStatus.REMOVED, "rule-1")
                time.sleep(0.01)
        finally:
            own.close()
            done.set()

    build = PostgresqlStore.open(url)
    worker = threading.Thread(target=moderator)
    worker.start()
    seen: list[int] = []
    while not done.is_set() or not seen:
        removed = {r.id for r in build.read_all() if r.status is CommentStatus.REMOVED}
        count = len(removed)
        assert removed == set(order[:count]), "a build saw half a moderation sequence"
        seen.append(count)
    worker.join(timeout=60)
    build.close()
    assert any(0 < count < len(order) for count in seen), "no read overlapped the moderation"


# --- URL forms and credentials --------------------------------------------------------------


def test_a_url_with_credentials_is_named_without_them(
    postgresql_server: PostgresqlServer, database: str, url: str
) -> None:
    assert "%20pass%2Fword%401" in url  # the password needs escaping in a URL
    store = open_store(url, create=True)
    assert store.name == postgresql_server.public_url(database)
    assert SECRET not in store.name and MODERATOR not in store.name
    store.close()


def test_a_socket_folder_and_credentials_from_the_environment(
    postgresql_server: PostgresqlServer, database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PGUSER", MODERATOR)
    monkeypatch.setenv("PGPASSWORD", MODERATOR_PASSWORD)
    monkeypatch.setenv("PGPORT", str(postgresql_server.port))
    socket_url = f"postgresql:///{database}?host={postgresql_server.socket_folder}"
    store = open_store(socket_url, create=True)
    store.add([comment("via-socket")])
    assert store.name == (
        f"postgresql:///{database}?host={postgresql_server.socket_folder}"
        f"&port={postgresql_server.port}"
    )
    store.close()
    monkeypatch.setenv("PGHOST", "127.0.0.1")
    monkeypatch.setenv("PGDATABASE", database)
    for bare in ("postgresql://", "postgres://"):
        from_environment = open_store(bare)
        assert [r.id for r in from_environment.read_all()] == ["via-socket"]
        assert (
            from_environment.name == f"postgresql://127.0.0.1:{postgresql_server.port}/{database}"
        )
        from_environment.close()


# --- what goes wrong, in one line -----------------------------------------------------------


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("postgresql://mod:{secret}@[::1/comments", "not a valid PostgreSQL URL"),
        ("postgresql://mod:{secret}@db.internal:port/comments", "the port must be a number"),
        ("postgresql://db.internal/comments?colour=blue&password={secret}", "not a valid"),
    ],
)
def test_a_bad_url_is_a_usage_error_that_hides_the_password(bad: str, message: str) -> None:
    with pytest.raises(StoreURLError, match=message) as raised:
        open_store(bad.format(secret="hunter2secret"))
    assert "hunter2secret" not in str(raised.value)
    assert "\n" not in str(raised.value)


def test_a_wrong_password_is_refused_login(
    postgresql_server: PostgresqlServer, database: str
) -> None:
    wrong = postgresql_server.url(database, user=MODERATOR, password="not-the-password")
    with pytest.raises(StoreUnavailable) as raised:
        open_store(wrong)
    assert str(raised.value) == (
        f"{postgresql_server.public_url(database)}: the server refused the login: password "
        f'authentication failed for user "{MODERATOR}"; check the user and password (in the URL, '
        "PGUSER and PGPASSWORD, or ~/.pgpass)"
    )


def test_a_missing_database_says_how_to_create_it(postgresql_server: PostgresqlServer) -> None:
    with pytest.raises(StoreUnavailable, match=r'database "nowhere" does not exist; create it'):
        open_store(postgresql_server.moderator_url("nowhere"))


def test_a_server_that_is_down_is_an_outage(postgresql_server: PostgresqlServer) -> None:
    down = postgresql_server.url("comments", port=free_port())
    with pytest.raises(StoreUnavailable) as raised:
        open_store(down)
    assert re.fullmatch(
        r"postgresql://127\.0\.0\.1:\d+/comments: cannot connect: Connection refused; "
        r"is the server running and accepting connections there\?",
        str(raised.value),
    )


def test_a_server_stopping_under_a_build_falls_back_on_the_snapshot(tmp_path: Path) -> None:
    server = start_server()
    try:
        database = server.create_database()
        url = server.moderator_url(database)
        store = PostgresqlStore.open(url, create=True)
        store.add([comment("kept")])
        snapshot = tmp_path / "snapshot.json"
        save_snapshot(load_comments(store), snapshot)
        server.stop()
        with pytest.raises(StoreUnavailable) as raised:
            store.read_all()
        assert "\n" not in str(raised.value) and SECRET not in str(raised.value)
        store.close()
        with pytest.raises(StoreUnavailable, match="cannot connect"):
            load_comments(url)
        fallback = load_comments(url, snapshot=snapshot, max_age=timedelta(hours=1))
        assert [c.id for c in fallback] == ["kept"]
    finally:
        server.stop()


def test_a_build_role_with_select_only_reads_but_cannot_moderate(
    postgresql_server: PostgresqlServer, database: str, url: str
) -> None:
    PostgresqlStore.open(url, create=True).close()
    with postgresql_server.connect(database) as connection:
        connection.execute("CREATE ROLE builder LOGIN PASSWORD 'builder-pass'")
        connection.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO builder")
    reader = PostgresqlStore.open(
        postgresql_server.url(database, user="builder", password="builder-pass")
    )
    assert reader.read_all() == []
    with pytest.raises(BridgeError, match=r"permission denied .*docs/postgresql\.md"):
        reader.add([comment("nope")])
    reader.close()


def test_without_psycopg_the_message_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)  # import psycopg now fails
    with pytest.raises(MissingDriver) as raised:
        open_store("postgresql://moderator:hunter2secret@db.internal/comments")
    assert str(raised.value) == (
        "postgresql://db.internal/comments: the PostgreSQL store needs the psycopg driver: "
        "pip install 'dialogues[postgresql]'"
    )


def test_the_driver_is_not_imported_until_the_store_is_opened() -> None:
    check = (
        "import sys, comments_bridge, comments_bridge.stores, comments_bridge.cli; "
        "assert 'psycopg' not in sys.modules, 'psycopg imported by the bridge itself'"
    )
    result = subprocess.run(
        [sys.executable, "-c", check], capture_output=True, text=True, cwd=REPO, timeout=60
    )
    assert result.returncode == 0, result.stderr
