"""Threads frozen into git (`python -m comments_bridge freeze`) are the record for their page.

Once a consultation has closed, its comments can be committed as an interchange file under
`content/comments/frozen/`; from then on the build takes that thread from git, not from the
store, so the record outlives the store. Changes to a frozen thread (a late removal) are made
by editing the file in a pull request, like any other source.
"""

from __future__ import annotations

import os
from pathlib import Path

from comments_bridge.comment_set import CommentSet
from comments_bridge.read import load_comments


def frozen_files(content_path: str, folder: str) -> list[Path]:
    root = Path(content_path) / folder
    return sorted(root.glob("*.json")) if root.is_dir() else []


def with_frozen_threads(store: CommentSet, files: list[Path]) -> CommentSet:
    """The store's comments, with every frozen thread replaced by its file's comments."""
    if not files:
        return store
    frozen = [c for path in files for c in load_comments(f"json:///{os.path.abspath(path)}")]
    frozen_threads = {c.thread for c in frozen}
    kept = [c for c in store if c.thread not in frozen_threads]
    return CommentSet(
        tuple(kept + frozen),
        as_of=store.as_of,
        from_snapshot=store.from_snapshot,
        removals_checked=store.removals_checked,
    )
