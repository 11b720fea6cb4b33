"""The official-replies feed asks the build clock only about official replies.

A page is kept by a later build only while the clock stays inside the window its rendering
noted (clock_window.py). The official-replies feed shows nothing else, so the moments of
members of the public's comments must not narrow its window (nor cost a clock question each).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest
from comments.threads import CommentNode, CommentSection
from content_model import clock_window
from content_model.clock_window import micros, observe
from feeds.discussion import official_entries, thread_entries
from feeds.model import Addresses

from comments_bridge.model import Comment, CommentStatus

NOW = datetime(2026, 11, 27, 10, 30, tzinfo=UTC)
ADDRESSES = Addresses("https://example.org", "example.org", "2026")
MINISTER = SimpleNamespace(name="A. Minister", role="Minister for Parks")


@pytest.fixture(autouse=True)
def fresh_flips():
    clock_window.FLIPS.clear()
    yield
    clock_window.FLIPS.clear()


def _node(number: int, created: datetime, *, official: bool = False, parent: str | None = None):
    comment = Comment(
        id=str(number),
        thread="/posts/parks/",
        parent=parent,
        author="A. Minister" if official else f"Reader {number}",
        body_html=f"<p>Comment {number}</p>",
        created=created,
        status=CommentStatus.APPROVED,
        official=official,
        person="minister" if official else None,
    )
    return CommentNode(comment, official_person=MINISTER if official else None)


def _post(threads: list[CommentNode]) -> SimpleNamespace:
    section = CommentSection(
        mode="open",
        threads=threads,
        count=len(threads),
        removed_count=0,
        as_of=None,
        removals_checked=True,
        rules_url=None,
        submit_url=None,
        isso_embed=None,
        thread="/posts/parks/",
    )
    return SimpleNamespace(
        comments=section, save_as="posts/parks/index.html", url="posts/parks/", title="Parks"
    )


def test_only_official_replies_moments_bound_the_official_feed() -> None:
    public_before = _node(1, NOW - timedelta(hours=3))
    official = _node(2, NOW - timedelta(hours=2), official=True, parent="1")
    public_after = _node(3, NOW + timedelta(hours=1))  # published later: not yet shown
    public_before.replies.append(official)
    post = _post([public_before, public_after])

    entries = official_entries([post], ADDRESSES, observe(NOW))

    assert [entry.title for entry in entries] == ["Official reply from A. Minister on “Parks”"]
    noted = {int(flip) for flip in clock_window.FLIPS}
    assert micros(official.comment.created) in noted
    assert micros(public_before.comment.created) not in noted
    assert micros(public_after.comment.created) not in noted


def test_a_thread_feed_still_asks_about_every_comment() -> None:
    first = _node(1, NOW - timedelta(hours=3))
    later = _node(2, NOW + timedelta(hours=1))
    post = _post([first, later])

    entries = thread_entries(post, ADDRESSES, observe(NOW))

    assert [entry.title for entry in entries] == ["Comment from Reader 1"]
    noted = {int(flip) for flip in clock_window.FLIPS}
    assert {micros(first.comment.created), micros(later.comment.created)} <= noted
