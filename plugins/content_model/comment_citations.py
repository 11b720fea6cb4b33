"""Responses cite comments (`{comment}42`) and replies in git answer them: each must be a
comment the build publishes.

`make check` reads the comment store once for this: ids, threads and statuses, no body is
rendered. Threads frozen into git replace the store's, as in the build. A store that cannot
be read is not a problem in the sources: the check says so in one line and checks the rest.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from comments.frozen import frozen_files
from comments.settings import CommentSettingsError, comment_settings
from consultations.responses import citations_in

from comments_bridge.errors import BridgeError
from comments_bridge.model import PUBLIC_STATUSES, CommentStatus, StoredComment
from comments_bridge.stores import open_store

from .inventory import Source, of_kind
from .problems import Problem


@dataclass(frozen=True)
class PublishedComments:
    """What the build will show: approved comments, and removed ones as tombstones."""

    approved: frozenset[str]
    removed: frozenset[str]


def _read(url: str) -> list[StoredComment]:
    store = open_store(url)
    try:
        return store.read_all(PUBLIC_STATUSES)
    finally:
        store.close()


def read_published(settings: dict[str, Any]) -> tuple[PublishedComments | None, str | None]:
    """The published comments, or None and one line saying why they could not be read."""
    try:
        config = comment_settings(settings)
    except CommentSettingsError as error:
        return None, f"comments were not checked: settings: {error}"
    try:
        records = _read(config.store)
        frozen = [
            record
            for path in frozen_files(settings["PATH"], config.frozen_folder)
            for record in _read(f"json:///{os.path.abspath(path)}")
        ]
    except (BridgeError, OSError) as error:
        return None, (
            f"the comment store {config.store} cannot be read ({error}): comments cited by "
            "responses and answered by replies in git were not checked; everything else was"
        )
    frozen_threads = {record.thread for record in frozen}
    kept = [r for r in records if r.thread not in frozen_threads] + frozen
    return (
        PublishedComments(
            frozenset(r.id for r in kept if r.status is CommentStatus.APPROVED),
            frozenset(r.id for r in kept if r.status is CommentStatus.REMOVED),
        ),
        None,
    )


def citation_problems(
    sources: list[Source], comments: PublishedComments, clock: datetime | None
) -> list[Problem]:
    """Every citation or reply, in a source the build shows, of a comment it does not."""
    problems = []
    for response in of_kind(sources, "response"):
        if not response.shown_at(clock):
            continue
        for citation in citations_in(response.body, response.first_body_line):
            comment_id = citation.comment_id
            if not comment_id:
                message = "{comment} needs the id of the comment it cites, e.g. {comment}42"
            elif comment_id in comments.removed:
                message = (
                    f"cites comment {comment_id}, which a moderator removed: "
                    "cite a published comment instead"
                )
            elif comment_id not in comments.approved:
                message = (
                    f"cites comment {comment_id}, which is not published (it is pending, "
                    "rejected or does not exist): cite an approved comment by the id in its "
                    "#comment-<id> anchor"
                )
            else:
                continue
            problems.append(Problem(response.shown_path, citation.line, message))
    for reply in of_kind(sources, "reply"):
        answered = reply.value("comment")
        if not reply.shown_at(clock) or reply.status == "hidden" or not answered:
            continue
        if answered in comments.approved:
            continue
        why = (
            "which a moderator removed"
            if answered in comments.removed
            else "which is not published (it is pending, rejected or does not exist)"
        )
        problems.append(
            Problem(
                reply.shown_path,
                reply.line_of("comment"),
                f"this reply answers comment {answered}, {why}: "
                "reply only to an approved comment, by the id in its #comment-<id> anchor",
            )
        )
    return problems
