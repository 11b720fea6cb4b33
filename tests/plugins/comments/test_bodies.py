"""Comment bodies kept as slices of one text (plugins/comments/bodies.py)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from comments.bodies import BodyTexts
from comments.threads import build_threads

from comments_bridge.model import Comment, CommentStatus


def comment(number: int, body: str, parent: str | None = None, removed: bool = False) -> Comment:
    return Comment(
        id=str(number),
        thread="/posts/2025/a/",
        parent=parent,
        author="A Reader",
        body_html="" if removed else body,
        created=datetime(2025, 1, number, tzinfo=UTC),
        status=CommentStatus.REMOVED if removed else CommentStatus.APPROVED,
        reason="rule-1" if removed else None,
    )


def test_each_node_reads_its_own_body_and_holds_no_copy_of_it() -> None:
    texts = BodyTexts()
    bodies = ["<p>First</p>", "<p>Reply ünïcode</p>", "", "<p>Third</p>"]
    comments = (
        comment(1, bodies[0]),
        comment(2, bodies[1], parent="1"),
        comment(3, bodies[2], removed=True),
        comment(4, bodies[3]),
    )
    roots = build_threads(comments, {}, {}, texts)
    texts.seal()
    first, removed, third = roots
    assert [first.body_html, first.replies[0].body_html] == bodies[:2]
    assert (removed.body_html, third.body_html) == ("", bodies[3])
    assert all(node.comment.body_html == "" for node in (first, removed, third))


def test_bodies_are_read_only_once_sealed_and_added_only_before() -> None:
    texts = BodyTexts()
    span = texts.add("<p>x</p>")
    with pytest.raises(RuntimeError):
        texts.body(span)
    texts.seal()
    assert texts.body(span) == "<p>x</p>"
    with pytest.raises(RuntimeError):
        texts.add("<p>late</p>")
