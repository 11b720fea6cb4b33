"""Feeds reused from the cache are byte for byte what feedgen writes, and never an old version."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from pathlib import Path

import pytest
from feeds import feed_cache
from feeds.model import Entry
from feeds.render import FeedDocument, atom_bytes, rss_bytes

WHEN = datetime(2026, 11, 20, 12, tzinfo=UTC)


def document(comment: str) -> FeedDocument:
    entry = Entry(
        id="tag:example.gov.uk,2025-01-01:/posts/2026/a/#comment-1",
        title="Comment from A reader",
        link="https://example.gov.uk/posts/2026/a/#comment-1",
        published=WHEN,
        updated=WHEN,
        author="A reader",
        content=f"<p>{comment}</p>",
    )
    return FeedDocument(
        id="tag:example.gov.uk,2025-01-01:/feeds/comments/posts/2026/a",
        title="Comments on A",
        description="Approved comments on A, newest first.",
        page_link="https://example.gov.uk/posts/2026/a/",
        atom_link="https://example.gov.uk/feeds/comments/posts/2026/a.atom.xml",
        rss_link="https://example.gov.uk/feeds/comments/posts/2026/a.rss.xml",
        language="en",
        author="The team",
        icon=None,
        updated=WHEN,
        entries=[entry],
    )


@pytest.fixture
def cache_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    monkeypatch.delenv("DIALOGUES_CACHE_PATH", raising=False)
    return {"BUILD_CACHE_PATH": str(tmp_path)}


def test_every_field_of_a_feed_is_in_its_cache_key() -> None:
    """The key is the document's repr: a field left out of repr could serve a stale feed."""
    for kind in (FeedDocument, Entry):
        assert all(field.repr for field in dataclasses.fields(kind)), kind


def test_a_cached_feed_is_what_feedgen_writes(cache_settings: dict[str, str]) -> None:
    first = feed_cache.open_cache(cache_settings)
    written = feed_cache.feed_bytes(document("Hello"), first)
    assert first is not None
    first.save()

    again = feed_cache.feed_bytes(document("Hello"), feed_cache.open_cache(cache_settings))

    expected = (atom_bytes(document("Hello")), rss_bytes(document("Hello")))
    assert written == expected
    assert again == expected


def test_a_changed_comment_is_written_afresh(cache_settings: dict[str, str]) -> None:
    cache = feed_cache.open_cache(cache_settings)
    assert cache is not None
    feed_cache.feed_bytes(document("Before the edit"), cache)
    cache.save()

    atom, rss = feed_cache.feed_bytes(
        document("After the edit"), feed_cache.open_cache(cache_settings)
    )

    assert b"After the edit" in atom and b"After the edit" in rss
    assert b"Before the edit" not in atom + rss


def test_no_cache_folder_means_no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DIALOGUES_CACHE_PATH", raising=False)
    assert feed_cache.open_cache({"BUILD_CACHE_PATH": None}) is None
