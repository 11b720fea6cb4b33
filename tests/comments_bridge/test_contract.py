"""One contract, every adapter: what the build reads must not depend on the store chosen.

Reading runs against memory, sqlite, json, isso+sqlite (a database a real Isso wrote),
isso+http (the real Isso server) and postgresql (a real PostgreSQL server). Moderation
runs against the stores moderators can change; the others must refuse it.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

import pytest

from comments_bridge.errors import NotFound, ReadOnlyStore
from comments_bridge.model import CommentStatus, StoredComment
from comments_bridge.moderation import official_reply
from comments_bridge.read import load_comments
from comments_bridge.stores import MemoryStore, SqliteStore
from tests.comments_bridge.conftest import PRIVATE, Seeded


def test_the_build_sees_approved_and_removed_comments_but_never_pending(seeded: Seeded) -> None:
    assert seeded.ours(seeded.load()) == {
        "a": ["first", "reply"],
        "b": ["other", "gone", "after"],
    }


def test_replies_point_at_their_parent_in_the_same_thread(seeded: Seeded) -> None:
    comments = seeded.load()
    by_label = {label: comments.get(comment_id) for label, comment_id in seeded.ids.items()}
    assert by_label["reply"] is not None and by_label["reply"].parent == seeded.ids["first"]
    assert by_label["after"] is not None and by_label["after"].parent == seeded.ids["gone"]
    assert by_label["first"] is not None and by_label["first"].parent is None


def test_a_removed_comment_is_a_tombstone_whose_text_is_never_published(seeded: Seeded) -> None:
    gone = seeded.load().get(seeded.ids["gone"])
    assert gone is not None
    assert gone.status is CommentStatus.REMOVED
    assert gone.body_html == ""
    # Isso keeps no reason for a deletion; the embedded stores name the rule.
    assert gone.reason == (None if seeded.is_isso else "rule-2")


def test_bodies_arrive_as_safe_html(seeded: Seeded) -> None:
    first = seeded.load().get(seeded.ids["first"])
    assert first is not None
    assert "<em>world</em>" in first.body_html
    assert "<script" not in first.body_html
    assert "javascript:" not in first.body_html
    reply = seeded.load().get(seeded.ids["reply"])
    assert reply is not None
    assert 'href="https://example.org/plan"' in reply.body_html
    assert 'rel="nofollow ugc noopener"' in reply.body_html


def test_author_names_arrive_as_plain_text(seeded: Seeded) -> None:
    first = seeded.load().get(seeded.ids["first"])
    assert first is not None and first.author == "Ann & Co"


def test_no_email_ip_or_website_reaches_the_build(seeded: Seeded) -> None:
    comments = seeded.load()
    for uri in seeded.threads.values():
        for comment in comments.thread(uri):
            public = repr(dataclasses.asdict(comment)) + repr(comment)
            assert PRIVATE not in public
            assert "198.51.100." not in public
            assert "hash" not in dataclasses.asdict(comment)


def test_only_embedded_comments_can_be_official(seeded: Seeded) -> None:
    comments = seeded.load()
    assert not any(c.official for uri in seeded.threads.values() for c in comments.thread(uri))


def test_read_all_filters_by_status_in_one_call(seeded: Seeded) -> None:
    store = seeded.open()
    try:
        approved = store.read_all([CommentStatus.APPROVED])
    finally:
        store.close()
    ours = {r.id for r in approved if r.thread in seeded.threads.values()}
    assert ours == {seeded.ids[label] for label in ("first", "reply", "other", "after")}
    assert all(r.status is CommentStatus.APPROVED for r in approved)


def test_get_finds_a_comment_by_id_and_reports_an_unknown_one(seeded: Seeded) -> None:
    store = seeded.open()
    try:
        assert store.get(seeded.ids["other"]).author == "Dee"
        with pytest.raises(NotFound, match=r"no .*comment with id '999999'"):
            store.get("999999")
    finally:
        store.close()


# --- moderation: stores moderators change -------------------------------------------------


def test_approving_a_pending_comment_publishes_it(writable: Seeded) -> None:
    store = writable.open()
    store.set_status(writable.ids["waiting"], CommentStatus.APPROVED)
    assert writable.ours(load_comments(store))["a"] == ["first", "waiting", "reply"]


def test_rejecting_a_published_comment_takes_it_off_the_site_without_trace(
    writable: Seeded,
) -> None:
    store = writable.open()
    store.set_status(writable.ids["other"], CommentStatus.REJECTED)
    assert writable.ours(load_comments(store))["b"] == ["gone", "after"]


def test_removing_a_comment_leaves_a_tombstone_naming_the_rule(writable: Seeded) -> None:
    store = writable.open()
    record = store.set_status(writable.ids["reply"], CommentStatus.REMOVED, "rule-4")
    assert record.status is CommentStatus.REMOVED and record.reason == "rule-4"
    reply = load_comments(store).get(writable.ids["reply"])
    assert reply is not None and reply.body_html == "" and reply.reason == "rule-4"


def test_a_removal_must_name_a_rule(writable: Seeded) -> None:
    store = writable.open()
    with pytest.raises(ValueError, match="rule-3"):
        store.set_status(writable.ids["first"], CommentStatus.REMOVED)
    with pytest.raises(ValueError, match="only a removal takes a reason"):
        store.set_status(writable.ids["first"], CommentStatus.APPROVED, "rule-1")
    assert store.get(writable.ids["first"]).status is CommentStatus.APPROVED


def test_moderating_an_unknown_comment_is_not_found(writable: Seeded) -> None:
    with pytest.raises(NotFound):
        writable.open().set_status("no-such-id", CommentStatus.APPROVED)


def test_adding_keeps_comments_already_there(writable: Seeded) -> None:
    store = writable.open()
    original = store.get(writable.ids["first"])
    changed = dataclasses.replace(original, body="rewritten", status=CommentStatus.PENDING)
    new = dataclasses.replace(original, id="brand-new")
    assert store.add([changed, new]) == 1
    assert store.get(writable.ids["first"]) == original
    assert store.get("brand-new").body == original.body


def test_an_official_reply_names_its_person(writable: Seeded) -> None:
    store = writable.open()
    reply = official_reply(
        store, writable.ids["first"], person="jane-minister", body="Thank you, **noted**."
    )
    published = load_comments(store).get(reply.id)
    assert published is not None
    assert published.official and published.person == "jane-minister"
    assert published.parent == writable.ids["first"]
    assert published.thread == writable.threads["a"]
    assert published.body_html == "<p>Thank you, <strong>noted</strong>.</p>"


def test_removals_since_reports_the_last_decision_on_each_comment() -> None:
    clock = Ticking(datetime(2026, 1, 1, 12, 0, tzinfo=UTC))
    for store in (MemoryStore(clock=clock), SqliteStore.open(":memory:", clock=clock)):
        store.add([_comment("x"), _comment("y"), _comment("z")])
        store.set_status("x", CommentStatus.REMOVED, "rule-1")  # before the snapshot
        snapshot_time = clock()
        store.set_status("y", CommentStatus.REMOVED, "rule-2")
        store.set_status("z", CommentStatus.REJECTED)
        store.set_status("x", CommentStatus.APPROVED)  # reinstated: not a removal
        removals = store.removals_since(snapshot_time)
        assert removals is not None
        assert [(r.id, r.status, r.reason) for r in removals] == [
            ("y", CommentStatus.REMOVED, "rule-2"),
            ("z", CommentStatus.REJECTED, None),
        ]


# --- moderation: stores the bridge only reads ------------------------------------------------


def test_read_only_stores_refuse_moderation_and_keep_no_journal(read_only: Seeded) -> None:
    store = read_only.open()
    try:
        with pytest.raises(ReadOnlyStore):
            store.set_status(read_only.ids["waiting"], CommentStatus.APPROVED)
        with pytest.raises(ReadOnlyStore):
            store.add([_comment("new")])
        assert store.removals_since(datetime(2020, 1, 1, tzinfo=UTC)) is None
    finally:
        store.close()


class Ticking:
    """A clock that moves a second every time it is read."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


def _comment(comment_id: str) -> StoredComment:
    return StoredComment(
        id=comment_id,
        thread="/posts/2025/x/",
        parent=None,
        author="Someone",
        body="Text",
        created=datetime(2025, 12, 1, tzinfo=UTC),
        status=CommentStatus.APPROVED,
    )
