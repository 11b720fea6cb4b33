"""The comments of one build, grouped by thread: what `load_comments` returns."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType

from comments_bridge.model import Comment, CommentStatus

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CommentSet:
    """The comments of one build, by thread, oldest first.

    Every `parent` is None or the id of a comment of the same thread in this set: a
    reply whose parent is not published (pending, rejected, gone) is lifted to the top
    level of its thread, so templates never meet a dangling reference.
    `as_of` is when the store was read, or when the snapshot was taken (a page built from
    a snapshot says "comments as of <as_of>"). `removals_checked` is False only when a
    snapshot stood in for the store and the store could not say what was removed since.
    """

    comments: tuple[Comment, ...]
    as_of: datetime
    from_snapshot: bool = False
    removals_checked: bool = True
    _threads: Mapping[str, tuple[Comment, ...]] = field(init=False, repr=False, compare=False)
    _by_id: Mapping[str, Comment] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        comments = tuple(_lift_orphans(self.comments))
        threads: dict[str, list[Comment]] = {}
        for comment in comments:
            threads.setdefault(comment.thread, []).append(comment)
        object.__setattr__(self, "comments", comments)
        object.__setattr__(
            self, "_threads", MappingProxyType({k: tuple(v) for k, v in threads.items()})
        )
        object.__setattr__(self, "_by_id", MappingProxyType({c.id: c for c in comments}))

    @property
    def threads(self) -> Mapping[str, tuple[Comment, ...]]:
        """Thread URL path to its comments, oldest first; threads in path order."""
        return self._threads

    def thread(self, path: str) -> tuple[Comment, ...]:
        return self._threads.get(path, ())

    def get(self, comment_id: str) -> Comment | None:
        return self._by_id.get(comment_id)

    def approved_count(self, path: str) -> int:
        return sum(1 for c in self.thread(path) if c.status is CommentStatus.APPROVED)

    def __iter__(self) -> Iterator[Comment]:
        return iter(self.comments)

    def __len__(self) -> int:
        return len(self.comments)


def _lift_orphans(comments: Iterable[Comment]) -> Iterator[Comment]:
    ordered = sorted(comments, key=lambda c: (c.thread, c.created, c.id))
    thread_of = {c.id: c.thread for c in ordered}
    lifted = 0
    for comment in ordered:
        if comment.parent is not None and thread_of.get(comment.parent) != comment.thread:
            lifted += 1
            comment = dataclasses.replace(comment, parent=None)
        yield comment
    if lifted:
        log.info("%d replies to unpublished comments shown at the top of their thread", lifted)
