"""The public comment cannot be built in a shape that would publish what must not be."""

from __future__ import annotations

import dataclasses
import pickle
from datetime import UTC, datetime

import pytest

from comments_bridge.model import Comment, CommentStatus, StoredComment


def _comment(**changes: object) -> Comment:
    fields: dict[str, object] = {
        "id": "1",
        "thread": "/posts/x/",
        "parent": None,
        "author": "Ann",
        "body_html": "<p>Hi</p>",
        "created": datetime(2026, 1, 1, tzinfo=UTC),
        "status": CommentStatus.APPROVED,
    }
    fields.update(changes)
    return Comment(**fields)  # type: ignore[arg-type]


def test_a_removed_comment_cannot_carry_its_text() -> None:
    with pytest.raises(ValueError, match="never published"):
        _comment(status=CommentStatus.REMOVED, reason="rule-1")


@pytest.mark.parametrize("status", [CommentStatus.PENDING, CommentStatus.REJECTED])
def test_unpublished_statuses_cannot_become_public_comments(status: CommentStatus) -> None:
    with pytest.raises(ValueError, match="never published"):
        _comment(status=status)


def test_a_naive_time_is_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        _comment(created=datetime(2026, 1, 1))


def test_the_public_comment_has_no_field_for_personal_data() -> None:
    names = {f.name for f in dataclasses.fields(Comment)}
    assert names == {
        "id",
        "thread",
        "parent",
        "author",
        "body_html",
        "created",
        "status",
        "official",
        "person",
        "reason",
    }


def test_a_stored_record_keeps_personal_data_out_of_its_repr() -> None:
    record = StoredComment(
        id="1",
        thread="/posts/x/",
        parent=None,
        author="Ann",
        body="Hi",
        created=datetime(2026, 1, 1, tzinfo=UTC),
        status=CommentStatus.PENDING,
        email="ann@mail.example",
        ip="192.0.2.1",
    )
    assert "ann@mail.example" not in repr(record) and "192.0.2.1" not in repr(record)


def test_a_comment_pickles_with_every_field_and_comes_back_equal() -> None:
    """Page digests pickle comments: the state read at C speed is every field, in order, so
    a change to any field changes the digest."""
    comment = dataclasses.replace(
        _comment(), official=True, person="david-mensah", author="Clerk", parent="0"
    )
    state = comment.__getstate__()
    assert state == [getattr(comment, each.name) for each in dataclasses.fields(Comment)]
    assert pickle.loads(pickle.dumps(comment)) == comment
    for each in dataclasses.fields(Comment):
        if each.name in ("status", "created"):
            continue
        other = dataclasses.replace(comment, **{each.name: "changed"})
        assert pickle.dumps(other) != pickle.dumps(comment), each.name
