"""When the store is down: fail clearly, or stand on a young snapshot, never a silent gap."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Collection
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from comments_bridge.comment_set import CommentSet
from comments_bridge.errors import StaleSnapshot, StoreUnavailable
from comments_bridge.model import CommentStatus, StoredComment
from comments_bridge.read import load_comments
from comments_bridge.snapshot import apply_removals, load_snapshot, save_snapshot
from comments_bridge.stores import SqliteStore
from tests.comments_bridge.isso_server import IssoServer

BUILD_TIME = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)


def _record(comment_id: str, status: CommentStatus = CommentStatus.APPROVED) -> StoredComment:
    return StoredComment(
        id=comment_id,
        thread="/consultations/energy/",
        parent=None,
        author=f"Author {comment_id}",
        body=f"Body of {comment_id}",
        created=datetime(2026, 4, 1, tzinfo=UTC) + timedelta(hours=int(comment_id)),
        status=status,
    )


def read_at(store: SqliteStore, moment: datetime) -> CommentSet:
    """What a read made at `moment` would have returned (a read is stamped in real time)."""
    return dataclasses.replace(load_comments(store), as_of=moment)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


class ReadFails:
    """A store whose big read times out while its small journal query still answers."""

    def __init__(self, store: SqliteStore) -> None:
        self._store = store
        self.name = store.name
        self.get = store.get
        self.add = store.add
        self.set_status = store.set_status
        self.removals_since = store.removals_since
        self.close = store.close

    def read_all(self, statuses: Collection[CommentStatus] | None = None) -> list[StoredComment]:
        raise StoreUnavailable(f"{self.name}: read timed out")


def test_a_missing_store_file_is_an_outage_and_no_empty_store_is_created(tmp_path: Path) -> None:
    path = tmp_path / "var" / "comments.db"
    with pytest.raises(StoreUnavailable, match=r"comments\.db: file not found.*import"):
        load_comments(f"sqlite:///{path}")
    assert not path.exists() and not path.parent.exists()


def test_a_stopped_isso_server_is_an_outage(start_isso: Callable[..., IssoServer]) -> None:
    server = start_isso()
    assert len(load_comments(server.store_url)) == 0  # answering while it runs
    server.stop()
    with pytest.raises(StoreUnavailable, match="cannot connect"):
        load_comments(server.store_url)


def test_a_fresh_snapshot_stands_in_for_a_store_that_is_down(tmp_path: Path) -> None:
    store = SqliteStore.open(":memory:")
    store.add([_record("1"), _record("2")])
    snapshot = tmp_path / "snapshot.json"
    save_snapshot(read_at(store, BUILD_TIME - timedelta(hours=3)), snapshot)

    comments = load_comments(
        f"sqlite:///{tmp_path / 'gone.db'}",
        snapshot=snapshot,
        max_age=timedelta(hours=6),
        now=BUILD_TIME,
    )
    assert [c.id for c in comments] == ["1", "2"]
    assert comments.from_snapshot and comments.as_of == BUILD_TIME - timedelta(hours=3)
    assert not comments.removals_checked  # the store could not even be asked


def test_an_old_snapshot_is_refused_with_its_age(tmp_path: Path) -> None:
    store = SqliteStore.open(":memory:")
    store.add([_record("1")])
    snapshot = tmp_path / "snapshot.json"
    save_snapshot(read_at(store, BUILD_TIME - timedelta(days=3)), snapshot)
    with pytest.raises(StaleSnapshot, match=r"file not found.*3 days ago.*older than the 2 days"):
        load_comments(
            f"sqlite:///{tmp_path / 'gone.db'}",
            snapshot=snapshot,
            max_age=timedelta(days=2),
            now=BUILD_TIME,
        )


def test_no_snapshot_at_all_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(StaleSnapshot, match="pull --snapshot"):
        load_comments(
            f"sqlite:///{tmp_path / 'gone.db'}", snapshot=tmp_path / "none.json", now=BUILD_TIME
        )


def test_removals_recorded_since_the_snapshot_are_still_applied(tmp_path: Path) -> None:
    clock = Clock(BUILD_TIME - timedelta(hours=5))
    store = SqliteStore.open(tmp_path / "comments.db", create=True, clock=clock)
    store.add([_record("1"), _record("2"), _record("3"), _record("4")])
    store.set_status("4", CommentStatus.REMOVED, "rule-1")
    clock.now = BUILD_TIME - timedelta(hours=4)
    snapshot = tmp_path / "snapshot.json"
    save_snapshot(read_at(store, clock.now), snapshot)

    clock.now = BUILD_TIME - timedelta(hours=1)
    store.set_status("2", CommentStatus.REMOVED, "rule-3")
    store.set_status("3", CommentStatus.REJECTED)

    comments = load_comments(
        ReadFails(store), snapshot=snapshot, max_age=timedelta(hours=6), now=BUILD_TIME
    )
    assert comments.from_snapshot and comments.removals_checked
    assert [(c.id, c.status, c.reason, c.body_html) for c in comments] == [
        ("1", CommentStatus.APPROVED, None, "<p>Body of 1</p>"),
        ("2", CommentStatus.REMOVED, "rule-3", ""),
        ("4", CommentStatus.REMOVED, "rule-1", ""),
    ]


def test_a_rejected_parent_after_the_snapshot_lifts_its_replies(tmp_path: Path) -> None:
    store = SqliteStore.open(":memory:")
    reply = dataclasses.replace(_record("2"), parent="1")
    store.add([_record("1"), reply])
    snapshot = tmp_path / "snapshot.json"
    save_snapshot(read_at(store, BUILD_TIME), snapshot)
    cached = load_snapshot(snapshot, timedelta(hours=1), now=BUILD_TIME)
    assert [(c.id, c.parent) for c in cached] == [("1", None), ("2", "1")]
    store.set_status("1", CommentStatus.REJECTED)
    removals = store.removals_since(cached.as_of)
    assert removals is not None
    after = apply_removals(cached, removals)
    assert [(c.id, c.parent) for c in after] == [("2", None)]
