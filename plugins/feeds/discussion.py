"""Feed entries for comments: each thread's approved comments, and every official reply.

Comments come from the CommentSection the comments plugin attaches to each post and page, so
the feeds show exactly what the page shows, minus tombstones: a removed comment has no text to
publish, and a removal disappears from every comments feed on the next build. Replies to a
removed comment were approved on their own and stay.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from .model import Addresses, Entry, clean_path

APPROVED = "approved"


def _every_node(content: Any) -> Iterator[Any]:
    """Every comment node of a page's discussion, depth first (none if it is not shown)."""
    section = getattr(content, "comments", None)
    if section is None or not section.shown:
        return
    stack = list(reversed(section.threads))
    while stack:
        node = stack.pop()
        stack.extend(reversed(node.replies))
        yield node


def _published(node: Any, clock: datetime) -> bool:
    comment = node.comment
    if node.removed or str(comment.status) != APPROVED:
        return False
    return not comment.created.astimezone(UTC) > clock


def published_nodes(content: Any, clock: datetime) -> Iterator[Any]:
    """Every approved comment node of a page's discussion, depth first."""
    return (node for node in _every_node(content) if _published(node, clock))


def _author(node: Any) -> str:
    if node.official_person is not None:
        return str(node.official_person.name)
    return str(node.comment.author).strip() or "Anonymous"


def page_address(content: Any, addresses: Addresses) -> tuple[str, str]:
    """(clean path, absolute URL) of a page: worked out once per page, not once per comment
    (Pelican recomputes `url` and `save_as` from the settings on every access)."""
    return clean_path(content.save_as), addresses.absolute(content.url)


def comment_entry(
    content: Any,
    node: Any,
    addresses: Addresses,
    *,
    in_thread: bool,
    page: tuple[str, str] | None = None,
) -> Entry:
    """One comment; `in_thread` titles it for its own thread's feed, else names the page.
    `page` is the page's `page_address`, if already known."""
    path, url = page or page_address(content, addresses)
    comment = node.comment
    person = node.official_person
    author = _author(node)
    page_title = str(content.title)
    if person is not None and in_thread:
        title = f"Official reply from {author}, {person.role}"
    elif person is not None:
        title = f"Official reply from {author} on “{page_title}”"
    elif in_thread:
        title = f"{'Reply' if comment.parent else 'Comment'} from {author}"
    else:
        title = f"{author} on “{page_title}”"
    created = comment.created.astimezone(UTC)
    return Entry(
        id=addresses.tag(f"{path}#{node.anchor}"),
        title=title,
        link=f"{url}#{node.anchor}",
        published=created,
        updated=created,
        author=author,
        content=str(comment.body_html),
    )


def thread_entries(content: Any, addresses: Addresses, clock: datetime) -> list[Entry]:
    page = page_address(content, addresses)
    return [
        comment_entry(content, node, addresses, in_thread=True, page=page)
        for node in published_nodes(content, clock)
    ]


def official_entries(contents: list[Any], addresses: Addresses, clock: datetime) -> list[Entry]:
    """Official replies whose person is in the people registry (others show as ordinary)."""
    return [
        comment_entry(content, node, addresses, in_thread=False)
        for content in contents
        for node in _every_node(content)
        # Official first: the clock is asked only about official replies, which are all
        # this feed depends on (asking it about 90,000 comments took 0.2 s, and noted each
        # comment's moment as one where the feed could change).
        if node.official_person is not None and _published(node, clock)
    ]
