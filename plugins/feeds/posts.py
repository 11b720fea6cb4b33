"""Feed entries for posts: the site's, each department's, each person's and each tag's feeds.

A post is one entry wherever it appears, with one id, so a reader who follows two of its feeds
sees it once. `published` is the post's date; `updated` moves only when the post really changed
(Modified, a correction or a withdrawal), so feed-to-email services do not resend old posts.
"""

from __future__ import annotations

from datetime import UTC, datetime
from html import escape
from typing import Any

from content_model import page_reads

from .model import Addresses, Entry, clean_path

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def day(moment: datetime) -> str:
    """`3 March 2026`, the same whatever the build machine's locale."""
    return f"{moment.day} {MONTHS[moment.month - 1]} {moment.year}"


def changes(article: Any, clock: datetime) -> list[datetime]:
    """When the post changed after publication, ignoring anything dated after the build."""
    moments = [getattr(article, "modified", None)]
    moments += [correction.date for correction in getattr(article, "corrections", None) or []]
    withdrawn = getattr(article, "withdrawn", None)
    if withdrawn:
        moments.append(withdrawn.date)
    return [utc(m) for m in moments if isinstance(m, datetime) and utc(m) <= clock]


def _content(article: Any, base_url: str) -> str:
    parts = []
    withdrawn = getattr(article, "withdrawn", None)
    if withdrawn:
        parts.append(
            f"<p><strong>This post was withdrawn on {day(withdrawn.date)}.</strong> "
            f"{escape(withdrawn.reason)}</p>"
        )
    parts.append(article.get_content(base_url))
    corrections = getattr(article, "corrections", None) or []
    if corrections:
        items = "".join(f"<li>{day(c.date)}: {escape(c.note)}</li>" for c in corrections if c.note)
        parts.append(f"<h2>Page history</h2><ul>{items}</ul>")
    return "\n".join(parts)


class PostEntries:
    """Each post's entry, made once and shared by every feed the post is in."""

    def __init__(self, addresses: Addresses, clock: datetime, site_author: str) -> None:
        self.addresses = addresses
        self.clock = clock
        self.site_author = site_author
        self._made: dict[int, Entry] = {}

    def __call__(self, article: Any) -> Entry:
        key = id(article)
        if key in self._made:
            page_reads.note(article)  # the entry holds its summary, read the first time
        else:
            self._made[key] = self._entry(article)
        return self._made[key]

    def __getstate__(self) -> dict[str, Any]:
        """What the entries are made from, for a digest (page_reuse.py); the entries made so
        far are a memo of it, keyed by the posts' places in memory."""
        return {name: value for name, value in vars(self).items() if name != "_made"}

    def _entry(self, article: Any) -> Entry:
        published = utc(article.date)
        updated = max([published, *changes(article, self.clock)])
        person = getattr(article, "person", None)
        title = str(article.title)
        if getattr(article, "withdrawn", None):
            title = f"Withdrawn: {title}"
        summary = article.get_summary(self.addresses.base_url) if article.summary else None
        return Entry(
            id=self.addresses.tag(clean_path(article.save_as)),
            title=title,
            link=self.addresses.absolute(article.url),
            published=published,
            updated=updated,
            author=person.name if person else self.site_author,
            summary=summary,
            content=_content(article, self.addresses.base_url),
            categories=tuple((tag.slug, tag.name) for tag in getattr(article, "tags", []) or []),
        )
