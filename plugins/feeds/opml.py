"""OPML 2.0 subscription lists, which feed readers import to follow many feeds at once.

There is one list per format (every Atom feed, every RSS feed): a single list naming both would
make a reader subscribe to each feed twice. Outlines are grouped as on the Subscribe page.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from email.utils import format_datetime

from lxml import etree

from .model import Feed, FeedGroup


def opml_bytes(
    title: str,
    groups: list[FeedGroup],
    feed_link: Callable[[Feed], str],
    page_link: Callable[[Feed], str],
    modified: datetime,
) -> bytes:
    """`feed_link` gives each feed's absolute URL in this list's format."""
    root = etree.Element("opml", version="2.0")
    head = etree.SubElement(root, "head")
    etree.SubElement(head, "title").text = title
    # RFC 822 date, in English whatever the locale, from the newest feed: never the wall clock.
    etree.SubElement(head, "dateModified").text = format_datetime(
        modified.astimezone(UTC), usegmt=True
    )
    body = etree.SubElement(root, "body")
    for group in groups:
        outline = etree.SubElement(body, "outline", text=group.heading, title=group.heading)
        for feed in group.feeds:
            etree.SubElement(
                outline,
                "outline",
                type="rss",
                text=feed.title,
                title=feed.title,
                description=feed.description,
                xmlUrl=feed_link(feed),
                htmlUrl=page_link(feed),
            )
    return bytes(etree.tostring(root, pretty_print=True, xml_declaration=True, encoding="UTF-8"))
