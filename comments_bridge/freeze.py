"""Freezing a closed consultation's comments into git, so the record outlives the store.

The frozen file is an interchange file (a `json:` store) holding the thread's approved
and removed comments, without email or IP address, and with removed bodies emptied: it
is committed to a public repository, so it holds only what the site already shows.
"""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path

from comments_bridge import interchange
from comments_bridge.model import PUBLIC_STATUSES, CommentStatus, StoredComment
from comments_bridge.store import CommentStore

log = logging.getLogger(__name__)


def frozen_records(records: list[StoredComment], thread: str) -> list[StoredComment]:
    """The thread's published comments as they may be kept in public."""
    return [
        dataclasses.replace(
            record,
            email=None,
            ip=None,
            body="" if record.status is CommentStatus.REMOVED else record.body,
        )
        for record in records
        if record.thread == thread and record.status in PUBLIC_STATUSES
    ]


def freeze_thread(store: CommentStore, thread: str, out: str | Path) -> int:
    """Write the thread's frozen file; return how many comments it holds."""
    records = store.read_all()
    waiting = sum(1 for r in records if r.thread == thread and r.status is CommentStatus.PENDING)
    if waiting:
        log.warning("comments of %s still waiting for moderation, not frozen: %d", thread, waiting)
    frozen = frozen_records(records, thread)
    interchange.write(Path(out), frozen, personal=False)
    log.info("froze %d comments of %s into %s", len(frozen), thread, out)
    return len(frozen)
