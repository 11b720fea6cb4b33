"""Feeds reused from the cache are byte for byte what feedgen writes, and never an old version."""

from __future__ import annotations

import dataclasses
import shutil
from datetime import UTC, datetime, timedelta, timezone
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


ATOM = "feeds/comments/posts/2026/a.atom.xml"
RSS = "feeds/comments/posts/2026/a.rss.xml"


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    monkeypatch.delenv("DIALOGUES_CACHE_PATH", raising=False)
    return {"BUILD_CACHE_PATH": str(tmp_path / "cache"), "OUTPUT_PATH": str(tmp_path / "output")}


def build(settings: dict[str, str], comment: str) -> tuple[bytes, bytes]:
    """One build's feed, written into a staging folder that then replaces the published site,
    as the publishing plugin does."""
    cache = feed_cache.open_cache(settings)
    assert cache is not None
    published = Path(settings["OUTPUT_PATH"])
    staging = published.with_name("output.partial")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    key = feed_cache.document_key(document(comment))
    if not cache.keep(key, (ATOM, RSS), str(staging)):
        atom, rss = cache.rendered(document(comment), key)
        for url, data in ((ATOM, atom), (RSS, rss)):
            (staging / url).parent.mkdir(parents=True, exist_ok=True)
            (staging / url).write_bytes(data)
    cache.save()
    shutil.rmtree(published, ignore_errors=True)
    staging.rename(published)
    return (published / ATOM).read_bytes(), (published / RSS).read_bytes()


def feedgen_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    for name in ("atom_bytes", "rss_bytes"):
        real = getattr(feed_cache, name)

        def spy(doc: FeedDocument, real=real, name=name) -> bytes:  # type: ignore[no-untyped-def]
            calls.append(name)
            return real(doc)

        monkeypatch.setattr(feed_cache, name, spy)
    return calls


def _other(value: object) -> object:
    """A different value of the same kind."""
    if isinstance(value, datetime):
        return value + timedelta(seconds=1)
    if isinstance(value, tuple):
        return (("parks", "Parks"), *value)
    return f"{value or ''}, changed"


def test_every_field_of_a_feed_is_in_its_cache_key() -> None:
    """A field left out of the key could serve a stale feed."""
    base = document("Hello")
    entry = base.entries[0]
    variants = [
        dataclasses.replace(base, **{f.name: _other(getattr(base, f.name))})
        for f in dataclasses.fields(FeedDocument)
        if f.name != "entries"
    ]
    variants += [
        dataclasses.replace(
            base, entries=[dataclasses.replace(entry, **{f.name: _other(getattr(entry, f.name))})]
        )
        for f in dataclasses.fields(Entry)
    ]
    # The same moment told with another offset is another feed: the offset is published.
    variants.append(
        dataclasses.replace(base, updated=WHEN.astimezone(timezone(timedelta(hours=1))))
    )
    keys = {feed_cache.document_key(variant) for variant in variants}

    assert feed_cache.document_key(document("Hello")) == feed_cache.document_key(base)
    assert feed_cache.document_key(base) not in keys
    assert len(keys) == len(variants)


def test_an_unchanged_feed_is_the_published_file_itself(
    settings: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = build(settings, "Hello")
    inode = (Path(settings["OUTPUT_PATH"]) / ATOM).stat().st_ino
    calls = feedgen_calls(monkeypatch)

    again = build(settings, "Hello")

    assert calls == []
    assert first == again == (atom_bytes(document("Hello")), rss_bytes(document("Hello")))
    assert (Path(settings["OUTPUT_PATH"]) / ATOM).stat().st_ino == inode  # linked, not copied


def test_a_changed_comment_is_written_afresh(settings: dict[str, str]) -> None:
    build(settings, "Before the edit")

    atom, rss = build(settings, "After the edit")

    assert b"After the edit" in atom and b"After the edit" in rss
    assert b"Before the edit" not in atom + rss


def test_a_published_file_that_is_not_what_the_cache_expects_is_not_reused(
    settings: dict[str, str],
) -> None:
    build(settings, "Hello")
    (Path(settings["OUTPUT_PATH"]) / ATOM).write_bytes(b"<feed>changed by hand</feed>")

    atom, _ = build(settings, "Hello")

    assert atom == atom_bytes(document("Hello"))


def test_no_cache_folder_means_no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DIALOGUES_CACHE_PATH", raising=False)
    assert feed_cache.open_cache({"BUILD_CACHE_PATH": None, "OUTPUT_PATH": "output"}) is None
