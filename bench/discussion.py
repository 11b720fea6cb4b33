"""Generated comments for a benchmark site: threads of very different sizes, replies, every
moderation status, official replies and tombstones, as the bridge's `StoredComment`s."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

from bench import prose
from bench.registry import FIRST_NAMES, LAST_NAMES
from comments_bridge.model import CommentStatus, StoredComment

STATUSES: Final = (
    [CommentStatus.APPROVED] * 85
    + [CommentStatus.REMOVED] * 5
    + [CommentStatus.PENDING] * 7
    + [CommentStatus.REJECTED] * 3
)
REPLY_SHARE: Final = 0.3
OFFICIAL_SHARE: Final = 0.05
"""Of replies: how many are a department's official answer."""
HEAVIEST: Final = 60.0
"""No thread gets more than this many times the average share: busy, not absurd."""


@dataclass(frozen=True)
class Thread:
    path: str
    opens: datetime
    closes: datetime
    people: tuple[str, ...]
    """Keys of people who may reply officially (the thread's department)."""


def thread_sizes(rng: random.Random, threads: list[Thread], total: int) -> list[int]:
    """Split `total` comments over threads with a heavy tail (a few busy threads)."""
    weights = [min(rng.paretovariate(1.5), HEAVIEST * 3) for _ in threads]
    scale = total / sum(weights)
    sizes = [int(w * scale) for w in weights]
    for index in range(total - sum(sizes)):
        sizes[index % len(sizes)] += 1
    return sizes


def comments(
    rng: random.Random, threads: list[Thread], total: int, first_id: int = 1
) -> list[StoredComment]:
    records: list[StoredComment] = []
    next_id = first_id
    for thread, size in zip(threads, thread_sizes(rng, threads, total), strict=True):
        span = max((thread.closes - thread.opens).total_seconds(), 60.0)
        moments = sorted(rng.uniform(0, span) for _ in range(size))
        approved: list[str] = []
        for offset in moments:
            record = one_comment(
                rng, thread, str(next_id), thread.opens + timedelta(seconds=offset), approved
            )
            if record.status is CommentStatus.APPROVED:
                approved.append(record.id)
            records.append(record)
            next_id += 1
    return records


def one_comment(
    rng: random.Random, thread: Thread, comment_id: str, created: datetime, approved: list[str]
) -> StoredComment:
    parent = rng.choice(approved[-40:]) if approved and rng.random() < REPLY_SHARE else None
    if parent and thread.people and rng.random() < OFFICIAL_SHARE:
        person = rng.choice(thread.people)
        return StoredComment(
            id=comment_id,
            thread=thread.path,
            parent=parent,
            author=person,
            body=prose.paragraph(rng, 2),
            created=created,
            status=CommentStatus.APPROVED,
            official=True,
            person=person,
            email=f"{person}@example.gov.uk",
        )
    status = rng.choice(STATUSES)
    return StoredComment(
        id=comment_id,
        thread=thread.path,
        parent=parent,
        author=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)[0]}.",
        body=prose.comment_body(rng),
        created=created,
        status=status,
        reason=f"rule-{rng.randint(1, 10)}" if status is CommentStatus.REMOVED else None,
        email=f"reader{comment_id}@mail.example",
        ip=f"192.0.2.{int(comment_id) % 250}",
    )
