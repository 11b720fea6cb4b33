"""Resolve responses' citations once every page has its comments (after the comments plugin).

Only a comment shown on a page can be cited: pending and rejected comments never reach the
build, and a removed one is a tombstone with no words left to quote.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from content_model.problems import BUILD_PROBLEMS

from .responses import citations_in, link_citations


def _nodes(threads: list[Any]) -> Iterator[Any]:
    stack = list(threads)
    while stack:
        node = stack.pop()
        stack.extend(node.replies)
        yield node


def comment_pages(contents: list[Any]) -> tuple[dict[str, Any], set[str]]:
    """(id of every published comment → the content it is shown on, ids of removed comments)."""
    published: dict[str, Any] = {}
    removed: set[str] = set()
    for content in contents:
        section = getattr(content, "comments", None)
        if section is None:
            continue
        for node in _nodes(section.threads):
            if node.removed:
                removed.add(node.comment.id)
            else:
                published[node.comment.id] = content
    return published, removed


def resolve_citations(responses: list[Any], contents: list[Any]) -> None:
    published, removed = comment_pages(contents)
    for response in responses:
        source = response.source
        for citation in citations_in(source.body, source.first_body_line):
            comment_id = citation.comment_id
            if not comment_id:
                message = "{comment} needs the id of the comment it cites, e.g. {comment}42"
            elif comment_id in removed:
                message = (
                    f"cites comment {comment_id}, which a moderator removed: "
                    "cite a published comment instead"
                )
            elif comment_id not in published:
                message = (
                    f"cites comment {comment_id}, which is not published (it is pending, "
                    "rejected or does not exist): cite an approved comment by the id in its "
                    "#comment-<id> anchor"
                )
            else:
                continue
            BUILD_PROBLEMS.add(response.source_path, citation.line, message)
        response._content = link_citations(response._content, published)
