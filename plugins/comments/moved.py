"""Comments follow a renamed page.

A thread is named by its page's address, as Isso names threads, so a post given a new address
would leave its discussion behind on the old thread. A rename is recorded in
`content/redirects.toml` (the published-URL check insists on it), so each build moves the
comments of every redirected address to the thread of the page the redirect ends at, oldest
first among that page's own. The store is not changed; the page's new comments go to the new
thread.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from comments_bridge.comment_set import CommentSet


def moved_threads(settings: dict[str, Any]) -> dict[str, str]:
    """Old address -> the address its chain of redirects ends at."""
    # permanent_urls is loaded after this plugin, so it is imported when a build runs.
    from permanent_urls.redirects import read_redirects, registry_path

    direct = {r.source: r.target for r in read_redirects(registry_path(settings)).redirects}
    ends = {}
    for source, target in direct.items():
        seen = {source}
        while target in direct and target not in seen:
            seen.add(target)
            target = direct[target]
        ends[source] = target
    return ends


def follow_moves(comments: CommentSet, moves: dict[str, str]) -> CommentSet:
    """The comments with each moved thread's comments on the thread it moved to."""
    if not any(comment.thread in moves for comment in comments):
        return comments
    moved = [replace(c, thread=moves[c.thread]) if c.thread in moves else c for c in comments]
    moved.sort(key=lambda comment: (comment.created, comment.id))
    return CommentSet(
        tuple(moved),
        as_of=comments.as_of,
        from_snapshot=comments.from_snapshot,
        removals_checked=comments.removals_checked,
    )
