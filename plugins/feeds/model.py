"""What a feed is, independent of Atom or RSS: entries, feeds, the groups of the Subscribe page,
and the addresses (absolute links and stable ids) both formats share."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
"""The `updated` of an empty feed with no subject date: fixed, so builds stay byte-identical."""


def clean_path(save_as: str) -> str:
    """A page's URL path as published in production (`/posts/2025/x/`), whatever the preview
    URLs look like: ids are made from it so they are the same in every build and setting."""
    path = "/" + save_as.lstrip("/")
    return path.removesuffix("index.html")


@dataclass(frozen=True)
class Addresses:
    """Absolute links and tag: URIs (RFC 4151) for one site."""

    base_url: str  # no trailing slash
    authority: str
    date: str

    def absolute(self, url: str) -> str:
        if url.startswith(("http://", "https://")):
            return url
        return f"{self.base_url}/{url.lstrip('/')}"

    def tag(self, specific: str) -> str:
        """A permanent id: derived from a URL path, never from the build's time."""
        return f"tag:{self.authority},{self.date}:{specific}"


@dataclass(frozen=True)
class Entry:
    """One item of a feed. HTML fields are already absolute-linked and safe to publish."""

    id: str
    title: str
    link: str  # absolute
    published: datetime  # aware
    updated: datetime  # aware; equal to published until the item is corrected
    author: str
    summary: str | None = None  # HTML
    content: str | None = None  # HTML
    categories: tuple[tuple[str, str], ...] = ()  # (term, label)

    @property
    def order_key(self) -> tuple[datetime, str]:
        return (self.published, self.id)


@dataclass(eq=False)
class Feed:
    """One feed, written as `<path>/<key>.atom.xml` and `<path>/<key>.rss.xml`.

    `collect` gives the entries when the feed is written, after every plugin has finished
    changing the content (comments are attached and links refreshed late in a build).
    """

    key: str  # e.g. "departments/cabinet-office"
    group: str  # a FeedGroup name
    label: str  # short, for lists: "Cabinet Office"
    title: str  # what a feed reader shows
    description: str  # one plain-English sentence: what arrives in this feed
    follow: str  # completes "Follow … in a feed reader": "posts from Cabinet Office"
    page_url: str  # site-relative URL of the page this feed follows
    id: str
    limit: int
    collect: Callable[[], list[Entry]] = field(repr=False)
    subject_date: datetime | None = None  # `updated` while the feed is empty
    folder: str = "feeds"
    lang: str | None = None  # the language of its entries, when not the site's default

    @property
    def atom_url(self) -> str:
        return f"{self.folder}/{self.key}.atom.xml"

    @property
    def rss_url(self) -> str:
        return f"{self.folder}/{self.key}.rss.xml"

    def entries(self) -> list[Entry]:
        """Newest first (ties broken by id, so the order never depends on reading order),
        at most `limit` of them."""
        collected = sorted(self.collect(), key=lambda entry: entry.order_key, reverse=True)
        return collected[: self.limit]


@dataclass
class FeedGroup:
    """A heading on the Subscribe page and an outline in the OPML files."""

    name: str
    heading: str
    explanation: str
    feeds: list[Feed] = field(default_factory=list)


def updated_of(entries: list[Entry], subject_date: datetime | None) -> datetime:
    """A feed's `updated` (and RSS lastBuildDate): its newest item's, never the wall clock."""
    if entries:
        return max(entry.updated for entry in entries)
    return subject_date or EPOCH
