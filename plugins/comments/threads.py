"""Turn one page's comments into what its template shows: threads, badges, tombstones, counts."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from content_model.problems import BUILD_PROBLEMS

from comments_bridge.comment_set import CommentSet
from comments_bridge.model import Comment, CommentStatus

from .rules import Rule

logger = logging.getLogger(__name__)


@dataclass
class CommentNode:
    """A comment with its replies, and what the page needs to show it."""

    comment: Comment
    replies: list[CommentNode] = field(default_factory=list)
    official_person: Any | None = None  # a registry Person when the reply is official
    rule: Rule | None = None  # the rule a removed comment broke

    @property
    def anchor(self) -> str:
        return f"comment-{self.comment.id}"

    @property
    def removed(self) -> bool:
        return self.comment.status is CommentStatus.REMOVED

    @property
    def removal_reason(self) -> str:
        return self.comment.reason or ""


@dataclass
class CommentSection:
    """Everything about one page's discussion."""

    mode: str  # open, closed or off
    threads: list[CommentNode]
    count: int  # approved comments shown
    removed_count: int
    as_of: datetime | None  # set when the comments came from a snapshot
    removals_checked: bool
    rules_url: str | None
    submit_url: str | None
    isso_embed: str | None
    thread: str

    @property
    def shown(self) -> bool:
        return self.mode != "off"


def thread_path(save_as: str) -> str:
    """The thread name of a page, as Isso names it: its clean URL path."""
    path = "/" + save_as
    return path.removesuffix("index.html")


def git_replies_by_thread(
    replies: list[Any], comments: CommentSet, people: dict[str, Any]
) -> dict[str, tuple[Comment, ...]]:
    """Official replies written in git (the official_replies plugin), as comments of the thread
    of the comment each one answers. A reply to a comment that is not published is a problem
    with the reply's file and line."""
    found: dict[str, list[Comment]] = {}
    for reply in replies:
        target = comments.get(reply.comment)
        if target is None or target.status is CommentStatus.REMOVED:
            why = (
                "which a moderator removed"
                if target is not None
                else "which is not published (it is pending, rejected or does not exist)"
            )
            BUILD_PROBLEMS.add(
                reply.source_path,
                reply.comment_line,
                f"this reply answers comment {reply.comment}, {why}: "
                "reply only to an approved comment, by the id in its #comment-<id> anchor",
            )
            continue
        person = people.get(reply.person)
        found.setdefault(target.thread, []).append(
            Comment(
                id=f"reply-{reply.slug}",
                thread=target.thread,
                parent=target.id,
                author=person.name if person else reply.person,
                body_html=str(reply.content),
                created=reply.date.astimezone(UTC),
                status=CommentStatus.APPROVED,
                official=True,
                person=reply.person,
            )
        )
    return {thread: tuple(found[thread]) for thread in sorted(found)}


def build_threads(
    comments: tuple[Comment, ...],
    people: dict[str, Any],
    rules: dict[str, Rule],
    warn: bool = True,
) -> list[CommentNode]:
    """The thread trees of one page; `warn` is False when the build is stopping for
    problems in the content, which would only be hidden among warnings about comments."""
    nodes = {comment.id: CommentNode(comment) for comment in comments}
    roots: list[CommentNode] = []
    for node in nodes.values():
        comment = node.comment
        if comment.official and comment.person:
            node.official_person = people.get(comment.person)
            if node.official_person is None and warn:
                logger.warning(
                    "comment %s is marked official for '%s', who is not in the people "
                    "registry: shown as an ordinary comment",
                    comment.id,
                    comment.person,
                )
        if node.removed and comment.reason:
            node.rule = rules.get(comment.reason)
            if node.rule is None and warn:
                logger.warning(
                    "comment %s was removed under '%s', which is not on the rules page",
                    comment.id,
                    comment.reason,
                )
        parent = nodes.get(comment.parent) if comment.parent else None
        (parent.replies if parent else roots).append(node)
    return roots
