"""Read moderated comments from a comment store and hand the build plain, sanitised data.

The build (the `comments` plugin) needs only what is exported here::

    comments = load_comments(url, snapshot=path, max_age=timedelta(days=2), now=build_time)
    for comment in comments.thread("/consultations/x/"): ...

This package never imports Pelican. Errors are listed in `comments_bridge.errors`.
"""

from comments_bridge.comment_set import CommentSet
from comments_bridge.errors import (
    BridgeError,
    MissingDriver,
    NotFound,
    ReadOnlyStore,
    StaleSnapshot,
    StoreDataError,
    StoreUnavailable,
    StoreURLError,
)
from comments_bridge.model import Comment, CommentStatus, Removal
from comments_bridge.read import load_comments, removals_since
from comments_bridge.snapshot import apply_removals, load_snapshot, save_snapshot
from comments_bridge.stores import configured_url, open_store

__all__ = [
    "BridgeError",
    "Comment",
    "CommentSet",
    "CommentStatus",
    "MissingDriver",
    "NotFound",
    "ReadOnlyStore",
    "Removal",
    "StaleSnapshot",
    "StoreDataError",
    "StoreURLError",
    "StoreUnavailable",
    "apply_removals",
    "configured_url",
    "load_comments",
    "load_snapshot",
    "open_store",
    "removals_since",
    "save_snapshot",
]
