"""Bad store data stops the build with a message naming the file and the comment."""

from __future__ import annotations

import copy
import json
import sqlite3
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from comments_bridge.cli import main
from comments_bridge.errors import StoreDataError
from comments_bridge.read import load_comments
from comments_bridge.snapshot import load_snapshot
from comments_bridge.stores import SqliteStore

VALID: dict[str, Any] = {
    "format": "dialogues-comments",
    "version": 1,
    "comments": [
        {
            "id": "a",
            "thread": "/consultations/x/",
            "parent": None,
            "author": "Ann",
            "body": "First",
            "created": "2026-01-01T10:00:00Z",
            "status": "approved",
        },
        {
            "id": "b",
            "thread": "/consultations/x/",
            "parent": "a",
            "author": "Ben",
            "email": "ben@mail.example",
            "ip": "192.0.2.1",
            "body": "Second",
            "created": "2026-01-01T11:00:00+01:00",
            "status": "approved",
            "official": False,
            "person": None,
            "reason": None,
        },
    ],
}


DocumentChange = Callable[[dict[str, Any]], None]
CommentChange = Callable[[dict[str, Any]], None]

BROKEN_DOCUMENTS: dict[str, tuple[DocumentChange, str]] = {
    "wrong format name": (
        lambda d: d.update(format="disqus-export"),
        "format is 'disqus-export', expected 'dialogues-comments'",
    ),
    "wrong version": (lambda d: d.update(version=2), "version 2 is not supported"),
    "comments not a list": (lambda d: d.update(comments={}), "'comments' must be a list"),
}

BROKEN_COMMENTS: dict[str, tuple[CommentChange, str]] = {
    "missing field": (lambda c: c.pop("created"), "missing field 'created'"),
    "bad date": (lambda c: c.update(created="last Tuesday"), "bad 'created' date"),
    "date without zone": (lambda c: c.update(created="2026-01-01T10:00:00"), "no time zone"),
    "unknown status": (lambda c: c.update(status="spam"), "unknown status 'spam'"),
    "unknown field": (lambda c: c.update(emial="x"), "unknown field(s) 'emial'"),
    "thread not a path": (
        lambda c: c.update(thread="consultations/x"),
        "'thread' must be a URL path",
    ),
    "official without person": (lambda c: c.update(official=True), "must name its 'person'"),
    "reason not a rule": (
        lambda c: c.update(status="removed", reason="rude"),
        "'reason' must be a rule anchor",
    ),
    "duplicate id": (lambda c: c.update(id="a"), "duplicate id"),
}


def _write(path: Path, document: dict[str, Any]) -> Path:
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_the_valid_document_reads_and_times_become_utc(tmp_path: Path) -> None:
    comments = load_comments(f"json:///{_write(tmp_path / 'ok.json', VALID)}")
    assert [c.created.isoformat() for c in comments] == [
        "2026-01-01T10:00:00+00:00",
        "2026-01-01T10:00:00+00:00",
    ]


@pytest.mark.parametrize("case", list(BROKEN_DOCUMENTS))
def test_a_broken_interchange_file_is_named(case: str, tmp_path: Path) -> None:
    change, message = BROKEN_DOCUMENTS[case]
    document = copy.deepcopy(VALID)
    change(document)
    path = _write(tmp_path / "broken.json", document)
    with pytest.raises(StoreDataError) as raised:
        load_comments(f"json:///{path}")
    assert str(raised.value) == f"{path}: {message}" or str(raised.value).startswith(
        f"{path}: {message}"
    )


@pytest.mark.parametrize("case", list(BROKEN_COMMENTS))
def test_a_broken_comment_is_named_by_file_position_and_id(case: str, tmp_path: Path) -> None:
    change, message = BROKEN_COMMENTS[case]
    document = copy.deepcopy(VALID)
    change(document["comments"][1])
    path = _write(tmp_path / "broken.json", document)
    with pytest.raises(StoreDataError) as raised:
        load_comments(f"json:///{path}")
    comment_id = document["comments"][1]["id"]
    assert str(raised.value).startswith(f"{path}: comment 1 (id {comment_id!r}): ")
    assert message in str(raised.value)


def test_invalid_json_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"format": "dialogues-comments",\n "version": 1,\n "comments": [}', "utf-8")
    with pytest.raises(StoreDataError, match=r"broken\.json: not valid JSON: .* line 3"):
        load_comments(f"json:///{path}")


def test_importing_bad_data_exits_4_and_stores_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = copy.deepcopy(VALID)
    document["comments"][1]["status"] = "spam"
    path = _write(tmp_path / "broken.json", document)
    database = tmp_path / "comments.db"
    assert main(["import", str(path), "--store", f"sqlite:///{database}"]) == 4
    error = capsys.readouterr().err
    assert error.startswith(f"error: {path}: comment 1 (id 'b'): unknown status 'spam'")
    assert not database.exists()


def test_a_file_that_is_not_a_database_is_bad_data(tmp_path: Path) -> None:
    path = tmp_path / "comments.db"
    path.write_bytes(b"this is a text file, not SQLite" * 100)
    with pytest.raises(StoreDataError, match=r"comments\.db: file is not a database"):
        load_comments(f"sqlite:///{path}")


def test_an_isso_database_named_as_the_embedded_store_says_which_scheme_to_use(
    tmp_path: Path,
) -> None:
    path = _isso_shaped_database(tmp_path / "isso.db", mode=1)
    with pytest.raises(StoreDataError, match=r"not a Dialogues comment store.*isso\+sqlite:///"):
        load_comments(f"sqlite:///{path}")


def test_a_store_from_a_newer_dialogues_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "comments.db"
    SqliteStore.open(path, create=True).close()
    with sqlite3.connect(path) as connection:
        connection.execute("INSERT INTO schema_version VALUES (99, '2030-01-01T00:00:00Z')")
    with pytest.raises(StoreDataError, match=r"schema version 99 is newer.*upgrade Dialogues"):
        load_comments(f"sqlite:///{path}")


def test_a_bad_row_in_the_embedded_store_names_the_comment(tmp_path: Path) -> None:
    path = tmp_path / "comments.db"
    SqliteStore.open(path, create=True).close()
    with sqlite3.connect(path) as connection:
        connection.execute(
            "INSERT INTO comments (id, thread, author, body, created, status) "
            "VALUES ('c7', '/posts/x/', 'Ann', 'Hi', 'not a date', 'approved')"
        )
    with pytest.raises(StoreDataError, match=r"comments\.db: comment 'c7': .*not a date"):
        load_comments(f"sqlite:///{path}")


def test_an_unknown_isso_mode_is_never_published_and_check_names_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _isso_shaped_database(tmp_path / "isso.db", mode=3)
    assert len(load_comments(f"isso+sqlite:///{path}")) == 0  # the build asks for modes 1 and 4
    assert main(["check", "--store", f"isso+sqlite:///{path}"]) == 4
    error = capsys.readouterr().err
    assert (
        error
        == f"error: isso+sqlite:///{path}: comment 1: unknown Isso mode 3 (expected 1, 2 or 4)\n"
    )


def test_a_damaged_snapshot_is_bad_data_naming_the_comment(tmp_path: Path) -> None:
    path = tmp_path / "snapshot.json"
    path.write_text(
        json.dumps(
            {
                "format": "dialogues-comments-snapshot",
                "version": 1,
                "taken": "2026-01-01T00:00:00Z",
                "comments": [{"id": "9", "thread": "/x/", "status": "approved"}],
            }
        ),
        encoding="utf-8",
    )
    with pytest.raises(StoreDataError, match=r"snapshot\.json: comment 0 \(id '9'\): missing"):
        load_snapshot(path)


class _Answers(BaseHTTPRequestHandler):
    body = b""

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet."""


@pytest.fixture
def fake_isso() -> Iterator[Callable[[bytes], str]]:
    """A server on 127.0.0.1 answering every request with the given bytes."""
    servers: list[ThreadingHTTPServer] = []

    def serve(body: bytes) -> str:
        handler = type("Handler", (_Answers,), {"body": body})
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"isso+http://127.0.0.1:{server.server_address[1]}"

    yield serve
    for server in servers:
        server.shutdown()
        server.server_close()


def test_an_isso_answer_that_is_not_json_is_bad_data(fake_isso: Callable[[bytes], str]) -> None:
    url = fake_isso(b"<html>maintenance</html>")
    with pytest.raises(StoreDataError, match=r"/latest: answer is not JSON"):
        load_comments(url)


def test_an_isso_comment_with_a_bad_field_is_named(fake_isso: Callable[[bytes], str]) -> None:
    item = {"id": 5, "uri": "/x/", "parent": None, "created": "soon", "mode": 1, "text": "t"}
    url = fake_isso(json.dumps([item]).encode())
    with pytest.raises(StoreDataError, match=r"comment 0 \(id 5\): created 'soon'"):
        load_comments(url)


def _isso_shaped_database(path: Path, *, mode: int) -> Path:
    """Isso's two tables, as `isso/db` creates them, with one comment."""
    with sqlite3.connect(path) as connection:
        connection.execute(
            "CREATE TABLE threads (id INTEGER PRIMARY KEY, uri VARCHAR, title VARCHAR)"
        )
        connection.execute(
            "CREATE TABLE comments (tid REFERENCES threads(id), id INTEGER PRIMARY KEY, "
            "parent INTEGER, created FLOAT NOT NULL, modified FLOAT, mode INTEGER, "
            "remote_addr VARCHAR, text VARCHAR NOT NULL, author VARCHAR, email VARCHAR, "
            "website VARCHAR, likes INTEGER, dislikes INTEGER, voters BLOB, notification INTEGER)"
        )
        connection.execute("INSERT INTO threads VALUES (1, '/posts/x/', 'X')")
        connection.execute(
            "INSERT INTO comments (tid, id, created, mode, text) VALUES (1, 1, ?, ?, 'Hi')",
            (1767225600, mode),
        )
    connection.close()
    return path
