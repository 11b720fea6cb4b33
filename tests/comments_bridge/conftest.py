"""Fixtures for the bridge: a real Isso server, and one scenario seeded into every adapter.

The scenario is the same for each store: two threads, an approved comment with hostile
Markdown, a reply, a pending comment, and a removed comment that a later reply answers.
Each store gets it the way it really would: the embedded stores by import, Isso through
its HTTP API as a reader's browser posts and a moderator approves or deletes.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from comments_bridge import interchange
from comments_bridge.comment_set import CommentSet
from comments_bridge.model import CommentStatus, StoredComment
from comments_bridge.read import load_comments
from comments_bridge.store import CommentStore
from comments_bridge.stores import MemoryStore, SqliteStore, open_store
from tests.comments_bridge.isso_server import IssoServer, isso_executable
from tests.comments_bridge.postgresql_server import PostgresqlServer, start_server


@dataclass(frozen=True)
class Seed:
    label: str
    thread: str
    parent: str | None
    author: str
    body: str
    status: CommentStatus


APPROVED, PENDING, REMOVED = CommentStatus.APPROVED, CommentStatus.PENDING, CommentStatus.REMOVED
HOSTILE_BODY = "Hello *world* <script>alert(1)</script> [click](javascript:alert(1))"
SCENARIO = (
    Seed("first", "a", None, "Ann & Co", HOSTILE_BODY, APPROVED),
    Seed("waiting", "a", None, "Cat", "Please let me in", PENDING),
    Seed("reply", "a", "first", "Ben", "Agreed, see <https://example.org/plan>", APPROVED),
    Seed("other", "b", None, "Dee", "A **second** thread", APPROVED),
    Seed("gone", "b", None, "Eve", "Something that broke a rule", REMOVED),
    Seed("after", "b", "gone", "Fay", "Answering the one that went", APPROVED),
)
PRIVATE = "private.example"
"""Every email and website in the scenario contains this; none may reach the build."""


def email_of(label: str) -> str:
    return f"{label}@{PRIVATE}"


def ip_of(index: int) -> str:
    return f"198.51.100.{index + 10}"


@dataclass
class Seeded:
    """The scenario in one store: how to open it, and what it called each comment."""

    kind: str
    source: str | CommentStore
    threads: dict[str, str]
    ids: dict[str, str]
    writable: bool
    extra: dict[str, object] = field(default_factory=dict)
    opened: list[CommentStore] = field(default_factory=list)

    @property
    def is_isso(self) -> bool:
        return self.kind.startswith("isso")

    def open(self) -> CommentStore:
        if isinstance(self.source, str):
            self.opened.append(open_store(self.source))
            return self.opened[-1]
        return self.source

    def close(self) -> None:
        """Close what tests opened and left open (a server store holds a connection)."""
        for store in self.opened:
            store.close()

    def load(self) -> CommentSet:
        return load_comments(self.source)

    def ours(self, comments: CommentSet) -> dict[str, list[str]]:
        """Our threads' comments, by thread key, as scenario labels in order."""
        label_of = {comment_id: label for label, comment_id in self.ids.items()}
        return {
            key: [label_of[c.id] for c in comments.thread(uri)] for key, uri in self.threads.items()
        }


def scenario_threads() -> dict[str, str]:
    tag = uuid.uuid4().hex[:8]
    return {"a": f"/posts/2025/{tag}-a/", "b": f"/consultations/{tag}-b/"}


def scenario_records(threads: dict[str, str]) -> list[StoredComment]:
    """The scenario as the embedded store holds it, personal data included."""
    start = datetime(2025, 6, 1, 9, 0, tzinfo=UTC)
    return [
        StoredComment(
            id=f"c{index + 1}",
            thread=threads[seed.thread],
            parent=None if seed.parent is None else f"c{_index(seed.parent) + 1}",
            author=seed.author,
            body=seed.body,
            created=start + timedelta(minutes=index),
            status=seed.status,
            reason="rule-2" if seed.status is CommentStatus.REMOVED else None,
            email=email_of(seed.label),
            ip=ip_of(index),
        )
        for index, seed in enumerate(SCENARIO)
    ]


def _index(label: str) -> int:
    return next(i for i, seed in enumerate(SCENARIO) if seed.label == label)


def seed_isso(server: IssoServer, threads: dict[str, str]) -> dict[str, str]:
    """Post the scenario to Isso, approve what is approved, delete what is removed."""
    ids: dict[str, int] = {}
    for seed in SCENARIO:
        ids[seed.label] = server.post(
            threads[seed.thread],
            seed.body,
            author=seed.author,
            email=email_of(seed.label),
            website=f"https://{seed.label}.{PRIVATE}/",
            parent=None if seed.parent is None else ids[seed.parent],
        )
    for seed in SCENARIO:
        if seed.status is not CommentStatus.PENDING:
            server.activate(ids[seed.label])
    for seed in SCENARIO:
        if seed.status is CommentStatus.REMOVED:
            server.delete(ids[seed.label])  # it has a reply, so Isso keeps a tombstone (mode 4)
    return {label: str(comment_id) for label, comment_id in ids.items()}


@pytest.fixture(scope="session")
def isso_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[IssoServer]:
    """One real Isso server per test session (per xdist worker), stopped at the end."""
    executable = isso_executable(tmp_path_factory.getbasetemp().parent)
    server = IssoServer(executable, tmp_path_factory.mktemp("isso")).start()
    yield server
    server.stop()


@pytest.fixture
def start_isso(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Callable[..., IssoServer]]:
    """Start servers of one's own, for tests that stop them or change their settings."""
    started: list[IssoServer] = []
    executable = isso_executable(tmp_path_factory.getbasetemp().parent)

    def start(*, latest_enabled: bool = True) -> IssoServer:
        folder = tmp_path / f"isso-{len(started)}"
        server = IssoServer(executable, folder, latest_enabled=latest_enabled)
        started.append(server)
        return server.start()

    yield start
    for server in started:
        server.stop()


ADAPTERS = [
    pytest.param("memory", id="memory"),
    pytest.param("sqlite", id="sqlite"),
    pytest.param("json", id="json"),
    pytest.param("isso+sqlite", id="isso+sqlite", marks=pytest.mark.isso),
    pytest.param("isso+http", id="isso+http", marks=pytest.mark.isso),
    pytest.param("postgresql", id="postgresql"),
]
WRITABLE = [
    pytest.param("memory", id="memory"),
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgresql", id="postgresql"),
]
READ_ONLY = [p for p in ADAPTERS if p.values[0] not in {"memory", "sqlite", "postgresql"}]


@pytest.fixture(scope="session")
def postgresql_server() -> Iterator[PostgresqlServer]:
    """One real PostgreSQL server per test session (per xdist worker), stopped at the end."""
    server = start_server()
    yield server
    server.stop()


def seed(kind: str, request: pytest.FixtureRequest, tmp_path: Path) -> Seeded:
    threads = scenario_threads()
    if kind.startswith("isso"):
        server: IssoServer = request.getfixturevalue("isso_server")
        ids = seed_isso(server, threads)
        source = server.store_url if kind == "isso+http" else f"isso+sqlite:///{server.database}"
        return Seeded(kind, source, threads, ids, writable=False, extra={"server": server})
    records = scenario_records(threads)
    ids = {s.label: r.id for s, r in zip(SCENARIO, records, strict=True)}
    if kind == "memory":
        return Seeded(kind, MemoryStore(records), threads, ids, writable=True)
    if kind == "postgresql":
        server: PostgresqlServer = request.getfixturevalue("postgresql_server")
        url = server.moderator_url(server.create_database())
        store = open_store(url, create=True)
        store.add(records)
        store.close()
        return Seeded(kind, url, threads, ids, writable=True)
    if kind == "sqlite":
        path = tmp_path / "comments.db"
        store = SqliteStore.open(path, create=True)
        store.add(records)
        store.close()
        return Seeded(kind, f"sqlite:///{path}", threads, ids, writable=True)
    path = tmp_path / "export.json"
    interchange.write(path, records, personal=True)
    return Seeded(kind, f"json:///{path}", threads, ids, writable=False)


@pytest.fixture(params=ADAPTERS)
def seeded(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Seeded]:
    """The scenario, in each adapter in turn."""
    scenario = seed(request.param, request, tmp_path)
    yield scenario
    scenario.close()


@pytest.fixture(params=WRITABLE)
def writable(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Seeded]:
    """The scenario, in each store that moderators can change."""
    scenario = seed(request.param, request, tmp_path)
    yield scenario
    scenario.close()


@pytest.fixture(params=READ_ONLY)
def read_only(request: pytest.FixtureRequest, tmp_path: Path) -> Seeded:
    """The scenario, in each store that the bridge only reads."""
    return seed(request.param, request, tmp_path)
