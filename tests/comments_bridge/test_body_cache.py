"""The comment body cache renders only new text and can never serve what a build should not show."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from comments_bridge import body_cache
from comments_bridge.body_cache import FILE_NAME, BodyCache
from comments_bridge.model import BodyFormat, CommentStatus, StoredComment
from comments_bridge.read import publish
from comments_bridge.render import render_all
from comments_bridge.sanitise import Sanitiser
from tests.comments_bridge.hostile import generated_vectors

CLOCK = datetime(2026, 11, 20, 12, tzinfo=UTC)


def record(
    comment_id: str, body: str, status: CommentStatus = CommentStatus.APPROVED
) -> StoredComment:
    return StoredComment(
        id=comment_id,
        thread="/posts/2026/a/",
        parent=None,
        author="A reader",
        body=body,
        created=CLOCK,
        status=status,
        reason="rule-3" if status is CommentStatus.REMOVED else None,
    )


def counting_renders(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every body the cache hands to the renderer, in order."""
    seen: list[str] = []
    real = body_cache.render.render_all

    def spy(bodies, sanitiser, **options):  # type: ignore[no-untyped-def]
        seen.extend(text for text, _ in bodies)
        return real(bodies, sanitiser, **options)

    monkeypatch.setattr(body_cache.render, "render_all", spy)
    return seen


def test_cached_html_is_exactly_what_rendering_gives_even_for_hostile_bodies(
    tmp_path: Path,
) -> None:
    bodies = [(text, BodyFormat.MARKDOWN) for text in generated_vectors()[:300]]
    bodies += [("<p onclick=x>Isso <em>HTML</em></p>", BodyFormat.HTML)]
    fresh = render_all(bodies, Sanitiser(), workers=1)

    first = BodyCache(tmp_path).render_all(bodies, Sanitiser(), workers=1)
    second = BodyCache(tmp_path).render_all(bodies, Sanitiser(), workers=1)

    assert first == fresh
    assert second == fresh


def test_a_rebuild_renders_only_new_or_edited_bodies(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    BodyCache(tmp_path).render_all(
        [("First *comment*", BodyFormat.MARKDOWN), ("Second", BodyFormat.MARKDOWN)], Sanitiser()
    )
    seen = counting_renders(monkeypatch)

    html = BodyCache(tmp_path).render_all(
        [
            ("First *comment*", BodyFormat.MARKDOWN),
            ("Second, edited", BodyFormat.MARKDOWN),
            ("First *comment*", BodyFormat.HTML),  # same text, other format: not the same body
        ],
        Sanitiser(),
    )

    assert seen == ["Second, edited", "First *comment*"]
    assert html == ["<p>First <em>comment</em></p>", "<p>Second, edited</p>", "First *comment*"]


def test_a_removed_comment_shows_as_a_tombstone_and_its_text_leaves_the_cache(
    tmp_path: Path,
) -> None:
    secret = "Marmosetremovedcanary said something that broke rule 3"
    cache_file = tmp_path / FILE_NAME
    publish([record("1", secret), record("2", "Fine")], as_of=CLOCK, cache=BodyCache(tmp_path))
    assert b"Marmosetremovedcanary" in cache_file.read_bytes()

    comments = publish(
        [record("1", secret, CommentStatus.REMOVED), record("2", "Fine")],
        as_of=CLOCK,
        cache=BodyCache(tmp_path),
    )

    removed = comments.thread("/posts/2026/a/")[0]
    assert removed.status == "removed" and removed.body_html == ""
    assert b"Marmosetremovedcanary" not in cache_file.read_bytes()


def test_a_changed_sanitiser_starts_from_an_empty_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    BodyCache(tmp_path).render_all([("Kept *text*", BodyFormat.MARKDOWN)], Sanitiser())
    monkeypatch.setattr(body_cache, "sanitiser_version", lambda: "a newer sanitiser")

    assert BodyCache(tmp_path).entries == {}


def test_a_damaged_cache_file_is_ignored(tmp_path: Path) -> None:
    (tmp_path / FILE_NAME).write_bytes(b"\x00not a cache")

    html = BodyCache(tmp_path).render_all([("Still *works*", BodyFormat.MARKDOWN)], Sanitiser())

    assert html == ["<p>Still <em>works</em></p>"]
