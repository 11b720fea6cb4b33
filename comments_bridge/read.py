"""What the build calls: one batched read of a store, as public, sanitised comments.

`load_comments` reads approved and removed comments only (pending and rejected never
leave the store), renders and sanitises each body, empties removed bodies, and groups
the result by thread. Given a snapshot path, it survives an outage (see `snapshot.py`).
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Iterable
from datetime import datetime, timedelta
from pathlib import Path

from comments_bridge import timestamps
from comments_bridge.body_cache import BodyCache
from comments_bridge.comment_set import CommentSet
from comments_bridge.errors import StaleSnapshot, StoreUnavailable
from comments_bridge.model import PUBLIC_STATUSES, Comment, CommentStatus, Removal, StoredComment
from comments_bridge.render import render_all
from comments_bridge.sanitise import Sanitiser, plain_text
from comments_bridge.snapshot import apply_removals, load_snapshot
from comments_bridge.store import CommentStore
from comments_bridge.stores import open_store

log = logging.getLogger(__name__)


def to_public(record: StoredComment, body_html: str) -> Comment:
    """The bridge's edge: the fields of `Comment` are chosen here, one by one.

    `body_html` is the record's body already made safe; a removed comment's is dropped.
    """
    removed = record.status is CommentStatus.REMOVED
    return Comment(
        id=record.id,
        thread=record.thread,
        parent=record.parent,
        author=" ".join(plain_text(record.author).split()),
        body_html="" if removed else body_html,
        created=record.created,
        status=record.status,
        official=record.official,
        person=record.person if record.official else None,
        reason=record.reason if removed else None,
    )


def publish(
    records: Iterable[StoredComment],
    *,
    as_of: datetime,
    sanitiser: Sanitiser | None = None,
    workers: int | None = None,
    cache: BodyCache | None = None,
) -> CommentSet:
    """Store records to the public set, leaving out everything that is not published.

    Removed comments' bodies are never rendered; `workers` defaults to every core. With a
    `cache`, bodies rendered by an earlier build are taken from it (see `body_cache.py`).
    """
    public = [r for r in records if r.status in PUBLIC_STATUSES]
    to_render = [r for r in public if r.status is not CommentStatus.REMOVED]
    bodies = [(r.body, r.body_format) for r in to_render]
    if cache is None:
        rendered = render_all(bodies, sanitiser or Sanitiser(), workers=workers)
    else:
        rendered = cache.render_all(bodies, sanitiser or Sanitiser(), workers=workers)
    in_order = iter(rendered)
    return CommentSet(
        tuple(
            to_public(r, "" if r.status is CommentStatus.REMOVED else next(in_order))
            for r in public
        ),
        as_of=as_of,
    )


def read_store(store: CommentStore, cache: BodyCache | None = None) -> CommentSet:
    """One batched read of an open store, made public.

    `as_of` is the wall-clock time of the read, not the build clock: a snapshot of this
    read is later compared with the store's removal journal, which keeps real time.
    """
    started = time.perf_counter()
    as_of = timestamps.now_utc()
    comments = publish(store.read_all(PUBLIC_STATUSES), as_of=as_of, cache=cache)
    log.info(
        "read %d comments in %d threads from %s in %.2fs",
        len(comments),
        len(comments.threads),
        store.name,
        time.perf_counter() - started,
    )
    return comments


def load_comments(
    source: str | CommentStore,
    *,
    snapshot: str | Path | None = None,
    max_age: timedelta | None = None,
    now: datetime | None = None,
    cache_folder: str | Path | None = None,
) -> CommentSet:
    """Read a store (its URL, or an open store) for a build.

    Without `snapshot`, an outage raises `StoreUnavailable` and the build must fail.
    With it, an outage falls back on the snapshot if it is younger than `max_age`
    (otherwise `StaleSnapshot`), and removals the store recorded since are applied.
    `now` is the build clock (default: the real time) that a snapshot's age is judged by.
    `cache_folder` keeps the safe HTML of bodies between builds (see `body_cache.py`).
    """
    cache = BodyCache(cache_folder) if cache_folder is not None else None
    try:
        if not isinstance(source, str):
            return read_store(source, cache)
        store = open_store(source)
        try:
            return read_store(store, cache)
        finally:
            store.close()
    except StoreUnavailable as outage:
        if snapshot is None:
            raise
        return _fall_back(source, outage, Path(snapshot), max_age=max_age, now=now)


def _fall_back(
    source: str | CommentStore,
    outage: StoreUnavailable,
    path: Path,
    *,
    max_age: timedelta | None,
    now: datetime | None,
) -> CommentSet:
    log.warning("comment store unavailable (%s); falling back on snapshot %s", outage, path)
    try:
        cached = load_snapshot(path, max_age, now=now)
    except StaleSnapshot as stale:
        raise StaleSnapshot(f"comment store unavailable ({outage}), and {stale}") from None
    try:
        removals = removals_since(source, cached.as_of)
    except StoreUnavailable as error:
        log.warning("cannot ask the store what was removed since the snapshot (%s)", error)
        removals = None
    if removals is None:
        log.warning(
            "comments as of %s: removals recorded since then could not be applied",
            timestamps.to_text(cached.as_of),
        )
        return dataclasses.replace(cached, removals_checked=False)
    return apply_removals(cached, removals)


def removals_since(source: str | CommentStore, since: datetime) -> list[Removal] | None:
    """What the store's journal took down since `since`; None if it keeps no journal."""
    if not isinstance(source, str):
        return source.removals_since(since)
    store = open_store(source)
    try:
        return store.removals_since(since)
    finally:
        store.close()
