"""The benchmark's comment store: the generated interchange file imported with the bridge's own
command (`import`), and the one new approved comment of the "new comment" rebuild."""

from __future__ import annotations

import contextlib
import io
from datetime import timedelta
from pathlib import Path
from typing import Final

from bench.site import BUILD_TIME
from comments_bridge import cli, interchange
from comments_bridge.model import CommentStatus, StoredComment
from comments_bridge.stores import open_store

KINDS: Final = ("sqlite", "json")
NEW_COMMENT_WORD: Final = "quetzalnewcomment"
"""In the new comment's body: the runner checks the rebuilt page shows it."""


def store_url(folder: Path, kind: str) -> str:
    """A URL with an absolute path (four slashes), so any working folder can build."""
    if kind == "json":
        return f"json:///{(folder / 'comments.json').resolve()}"
    return f"sqlite:///{(folder / 'comments.db').resolve()}"


def make_store(folder: Path, kind: str) -> str:
    """The store the builds read; for sqlite, made fresh by `comments_bridge import`."""
    url = store_url(folder, kind)
    if kind == "sqlite":
        (folder / "comments.db").unlink(missing_ok=True)
        quiet = io.StringIO()
        with contextlib.redirect_stdout(quiet), contextlib.redirect_stderr(quiet):
            status = cli.main(["import", "--store", url, str(folder / "comments.json")])
        if status != 0:
            raise RuntimeError(f"comments_bridge import failed: {quiet.getvalue()}")
    return url


def add_comment(folder: Path, kind: str, thread: str, comment_id: int) -> str:
    """One newly approved comment on `thread`, as a moderator's approval would leave it."""
    record = StoredComment(
        id=str(comment_id),
        thread=thread,
        parent=None,
        author="Bench Reader",
        body=f"A new comment, approved just now: {NEW_COMMENT_WORD}.",
        created=BUILD_TIME - timedelta(minutes=5),
        status=CommentStatus.APPROVED,
    )
    if kind == "json":
        path = folder / "comments.json"
        interchange.write(path, [*interchange.read(path), record], personal=True)
    else:
        store = open_store(store_url(folder, kind))
        try:
            store.add([record])
        finally:
            store.close()
    return record.id
