"""Two moderators answering at the same moment: neither reply may be lost or overwritten.

Each moderator has a connection of their own to one real store (a SQLite file, a
PostgreSQL server). Both choose the reply's id before either has written: the worst
interleaving, forced with a barrier so the test does not depend on luck.
"""

from __future__ import annotations

import threading
from collections.abc import Collection, Iterable
from pathlib import Path

import pytest

from comments_bridge.model import CommentStatus, StoredComment
from comments_bridge.moderation import official_reply
from comments_bridge.read import load_comments
from comments_bridge.store import CommentStore
from comments_bridge.stores import open_store
from tests.comments_bridge.conftest import Seeded

MODERATORS = 2


class WritesTogether:
    """A real store whose first write waits until every moderator has chosen an id.

    Everything else goes straight to the store: only the timing is arranged.
    """

    def __init__(self, store: CommentStore, barrier: threading.Barrier) -> None:
        self._store = store
        self._barrier = barrier
        self._waited = False

    @property
    def name(self) -> str:
        return self._store.name

    def read_all(self, statuses: Collection[CommentStatus] | None = None) -> list[StoredComment]:
        return self._store.read_all(statuses)

    def get(self, comment_id: str) -> StoredComment:
        return self._store.get(comment_id)

    def add(self, records: Iterable[StoredComment]) -> int:
        if not self._waited:
            self._waited = True
            self._barrier.wait(timeout=30)
        return self._store.add(records)

    def __getattr__(self, attribute: str) -> object:
        return getattr(self._store, attribute)


@pytest.mark.parametrize("writable", ["sqlite", "postgresql"], indirect=True)
def test_two_moderators_replying_at_once_both_get_their_reply_published(
    writable: Seeded, tmp_path: Path
) -> None:
    assert isinstance(writable.source, str)
    barrier = threading.Barrier(MODERATORS)
    replies: dict[int, StoredComment] = {}
    errors: list[BaseException] = []

    def moderator(number: int) -> None:
        assert isinstance(writable.source, str)
        store = open_store(writable.source)
        try:
            replies[number] = official_reply(
                WritesTogether(store, barrier),
                writable.ids["first"],
                person=f"person-{number}",
                body=f"Reply number {number} from the department.",
            )
        except BaseException as error:  # reported below, with the thread's own error
            errors.append(error)
            barrier.abort()
        finally:
            store.close()

    threads = [threading.Thread(target=moderator, args=(n,)) for n in range(MODERATORS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors

    ids = {number: reply.id for number, reply in replies.items()}
    assert len(set(ids.values())) == MODERATORS, f"two replies were given one id: {ids}"
    published = load_comments(writable.source)
    for number, reply_id in ids.items():
        comment = published.get(reply_id)
        assert comment is not None, f"moderator {number}'s reply {reply_id} was lost"
        assert comment.person == f"person-{number}"
        assert f"Reply number {number} " in comment.body_html
    official = [c for c in published.thread(writable.threads["a"]) if c.official]
    assert sorted(c.person or "" for c in official) == ["person-0", "person-1"]
