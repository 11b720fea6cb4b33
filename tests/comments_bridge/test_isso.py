"""Isso as it really runs: comments posted as a browser does, approved as a moderator does."""

from __future__ import annotations

import dataclasses
import hashlib
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import requests

from comments_bridge.cli import main
from comments_bridge.errors import StoreUnavailable
from comments_bridge.read import load_comments
from comments_bridge.stores import IssoHttpStore, open_store
from tests.comments_bridge.isso_server import REQUEST_SECONDS, IssoServer

pytestmark = pytest.mark.isso


def _thread() -> str:
    return f"/posts/2025/{uuid.uuid4().hex[:8]}/"


class CountingSession(requests.Session):
    def __init__(self) -> None:
        super().__init__()
        self.paths: list[str] = []

    def request(self, method: str | bytes, url: str | bytes, *args: Any, **kwargs: Any) -> Any:
        self.paths.append(urlsplit(str(url)).path)
        return super().request(method, url, *args, **kwargs)


def test_exactly_the_comments_a_moderator_activated_are_published(
    isso_server: IssoServer,
) -> None:
    thread = _thread()
    ids = [
        isso_server.post(thread, f"Comment {n}", author=f"Reader {n}", email=f"r{n}@mail.example")
        for n in range(4)
    ]
    isso_server.activate(ids[1])
    isso_server.activate(ids[3])
    for url in (isso_server.store_url, f"isso+sqlite:///{isso_server.database}"):
        published = load_comments(url).thread(thread)
        assert [c.id for c in published] == [str(ids[1]), str(ids[3])], url
        assert [c.body_html for c in published] == ["<p>Comment 1</p>", "<p>Comment 3</p>"]


def test_nothing_isso_keeps_about_a_commenter_leaves_the_bridge(isso_server: IssoServer) -> None:
    thread = _thread()
    email = "secret.person@mail.example"
    website = "https://secret-person.example/"
    comment_id = isso_server.post(thread, "Hello there", author="Sam", email=email, website=website)
    isso_server.activate(comment_id)
    shown = requests.get(f"{isso_server.url}/", params={"uri": thread}, timeout=REQUEST_SECONDS)
    isso_hash = shown.json()["replies"][0]["hash"]
    for url in (isso_server.store_url, f"isso+sqlite:///{isso_server.database}"):
        (comment,) = load_comments(url).thread(thread)
        public = repr(dataclasses.asdict(comment)) + repr(comment)
        for secret in (email, website, "secret-person", isso_hash, "127.0.0.0"):
            assert secret not in public, (url, secret)
    # Over HTTP the website and hash are not even kept in the bridge's internal records.
    store = open_store(isso_server.store_url)
    records = [r for r in store.read_all() if r.thread == thread]
    assert "secret-person" not in repr([dataclasses.asdict(r) for r in records])
    assert isso_hash not in repr([dataclasses.asdict(r) for r in records])


def test_isso_comments_are_never_official(isso_server: IssoServer) -> None:
    thread = _thread()
    isso_server.activate(isso_server.post(thread, "I am the minister", author="The Minister"))
    (comment,) = load_comments(isso_server.store_url).thread(thread)
    assert comment.official is False and comment.person is None


def test_all_threads_are_read_in_one_request(
    start_isso: Callable[..., IssoServer],
) -> None:
    server = start_isso()
    threads = [_thread() for _ in range(3)]
    for thread in threads:
        server.activate(server.post(thread, "One", author="A"))
        server.activate(server.post(thread, "Two", author="B"))
    session = CountingSession()
    comments = load_comments(IssoHttpStore(server.url, session=session))
    assert [len(comments.thread(t)) for t in threads] == [2, 2, 2]
    assert session.paths == ["/latest"]

    # A deleted comment that a reply answers costs one more request, for its thread only.
    parent = server.post(threads[0], "To be deleted", author="C")
    server.activate(parent)
    server.activate(server.post(threads[0], "Reply", author="D", parent=parent))
    server.delete(parent)
    session.paths.clear()
    comments = load_comments(IssoHttpStore(server.url, session=session))
    assert session.paths == ["/latest", "/"]
    tombstone = comments.get(str(parent))
    assert tombstone is not None and tombstone.body_html == "" and tombstone.reason is None


def test_a_server_without_the_latest_endpoint_is_reported_with_the_fix(
    start_isso: Callable[..., IssoServer],
) -> None:
    server = start_isso(latest_enabled=False)
    with pytest.raises(StoreUnavailable, match="latest-enabled = true"):
        load_comments(server.store_url)


def test_isso_database_is_opened_read_only(isso_server: IssoServer) -> None:
    before = hashlib.sha256(isso_server.database.read_bytes()).hexdigest()
    load_comments(f"isso+sqlite:///{isso_server.database}")
    assert hashlib.sha256(isso_server.database.read_bytes()).hexdigest() == before


def test_a_missing_isso_database_is_an_outage_and_is_not_created(tmp_path: Path) -> None:
    missing = tmp_path / "isso.db"
    with pytest.raises(StoreUnavailable, match="dbpath"):
        load_comments(f"isso+sqlite:///{missing}")
    assert not missing.exists()


def test_an_isso_site_moves_to_the_embedded_store_by_export_and_import(
    isso_server: IssoServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    thread = _thread()
    kept = isso_server.post(thread, "Moving *house*", author="Mover", email="m@mail.example")
    isso_server.activate(kept)
    isso_server.post(thread, "Still waiting", author="Waiter")
    export = tmp_path / "isso-export.json"
    database = tmp_path / "comments.db"
    assert (
        main(["export", "--store", f"isso+sqlite:///{isso_server.database}", "--out", str(export)])
        == 0
    )
    assert "m@mail.example" in export.read_text()  # the full export keeps personal data
    assert main(["import", str(export), "--store", f"sqlite:///{database}"]) == 0
    moved = load_comments(f"sqlite:///{database}").thread(thread)
    assert [(c.author, c.body_html) for c in moved] == [("Mover", "<p>Moving <em>house</em></p>")]
    capsys.readouterr()
