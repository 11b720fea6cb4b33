"""Each RSS item's date and author, written by the feeds' own feedgen extension, are byte for
byte what feedgen's `pubDate` and its Dublin Core extension write, in any zone."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone

from feedgen.feed import FeedGenerator
from feeds.model import Entry
from feeds.render import FeedDocument, rss_bytes

ZONES = [UTC, timezone(timedelta(hours=1)), timezone(timedelta(hours=-5, minutes=-30))]


def entries() -> Iterator[Entry]:
    for number, zone in enumerate(ZONES * 3):
        moment = datetime(2026, 1 + number, 3 + number, 9, 5 + number, 7, tzinfo=zone)
        yield Entry(
            id=f"tag:example.gov.uk,2025-01-01:/posts/2026/p{number}/",
            title=f"Post {number} & <more>",
            link=f"https://example.gov.uk/posts/2026/p{number}/",
            published=moment,
            updated=moment + timedelta(days=number % 2),
            author=f"Ministère {number} <team>",
            summary=f"<p>Summary {number}</p>" if number % 3 else None,
            content=f"<p>Body {number}</p>" if number % 2 else None,
            categories=(("flooding", "Flooding"),) if number % 4 == 0 else (),
        )


def document() -> FeedDocument:
    return FeedDocument(
        id="tag:example.gov.uk,2025-01-01:/feeds/posts",
        title="Posts",
        description="Every post, newest first.",
        page_link="https://example.gov.uk/posts/",
        atom_link="https://example.gov.uk/feeds/posts.atom.xml",
        rss_link="https://example.gov.uk/feeds/posts.rss.xml",
        language="en",
        author="The team",
        icon="https://example.gov.uk/favicon.ico",
        updated=datetime(2026, 11, 20, 12, tzinfo=UTC),
        entries=list(entries()),
    )


def with_feedgen_alone(found: FeedDocument) -> bytes:
    """The same feed as feedgen writes it with its own pubDate and Dublin Core extension."""
    from feedgen.ext.dc import DcEntryExtension, DcExtension  # once feedgen.feed is imported

    feed = FeedGenerator()
    feed.register_extension("dc", DcExtension, DcEntryExtension, atom=False, rss=True)
    feed.id(found.id)
    feed.title(found.title)
    feed.subtitle(found.description)
    feed.description(found.description)
    feed.author({"name": found.author})
    feed.language(found.language)
    feed.generator("Dialogues (python-feedgen)")
    feed.icon(found.icon)
    feed.updated(found.updated)
    feed.link(href=found.rss_link, rel="self", type="application/rss+xml")
    feed.link(href=found.page_link, rel="alternate", type="text/html")
    for entry in found.entries:
        item = feed.add_entry(order="append")
        item.id(entry.id)
        item.title(entry.title)
        item.link(href=entry.link, rel="alternate", type="text/html")
        item.published(entry.published)
        item.updated(entry.updated)
        item.author({"name": entry.author})
        item.dc.dc_creator(entry.author)
        if entry.content is not None:
            item.content(entry.content, type="html")
        if entry.summary:
            item.summary(entry.summary, type="html")
        for term, label in entry.categories:
            item.category(term=term, label=label)
    return bytes(feed.rss_str(pretty=True))


def test_rss_items_are_what_feedgen_writes() -> None:
    found = document()
    written = rss_bytes(found)
    assert written == with_feedgen_alone(found)
    assert written.count(b"<dc:creator>") == len(found.entries)
    assert b"<pubDate>Sat, 03 Jan 2026 09:05:07 +0000</pubDate>" in written
    assert b"<pubDate>Wed, 04 Feb 2026 09:06:07 +0100</pubDate>" in written
    assert b"<pubDate>Wed, 04 Mar 2026 09:07:07 -0530</pubDate>" not in written  # 5 March
    assert b"<pubDate>Thu, 05 Mar 2026 09:07:07 -0530</pubDate>" in written
