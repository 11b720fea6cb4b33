"""From a moderator's action in the store to what the next build publishes, with real stores:
the embedded SQLite store moderated through the command line, and a real Isso server."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.comments_bridge.isso_server import IssoServer, isso_executable
from tests.conftest import CONTENT, REPO, SEED_COMMENTS
from tests.helpers import files_containing, folder_digest
from tests.plugins.comments.test_comments_on_pages import page_for, snippet

SEED = json.loads(SEED_COMMENTS.read_text(encoding="utf-8"))["comments"]
THREAD = "/posts/2025/why-we-publish-our-working/"


def moderate(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "comments_bridge", *arguments],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def sqlite_store(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'comments.db'}"
    result = moderate("import", "--store", url, str(SEED_COMMENTS))
    assert result.returncode == 0, result.stderr
    return url


def test_removal_in_the_store_leaves_a_tombstone_and_no_text(site_copy, build_site, sqlite_store):
    victim = next(c for c in SEED if c["status"] == "approved" and not c["official"])
    words = snippet(victim["body"])
    first = build_site(site_copy, env={"DIALOGUES_COMMENTS_STORE": sqlite_store})
    assert first.returncode == 0, first.log
    assert files_containing(first.output, words)

    removed = moderate("remove", victim["id"], "--reason", "rule-2", "--store", sqlite_store)
    assert removed.returncode == 0, removed.stderr
    second = build_site(site_copy, env={"DIALOGUES_COMMENTS_STORE": sqlite_store})

    assert second.returncode == 0, second.log
    assert files_containing(second.output, words) == []
    page = BeautifulSoup(second.read(page_for(victim["thread"])), "html.parser")
    tombstone = page.find(id=f"comment-{victim['id']}").find(class_="dialogues-comment__tombstone")
    assert tombstone.find("a")["href"].endswith("discussion-rules/index.html#rule-2")


def test_approving_a_pending_comment_publishes_it(site_copy, build_site, sqlite_store):
    pending = next(c for c in SEED if c["status"] == "pending")
    assert moderate("approve", pending["id"], "--store", sqlite_store).returncode == 0

    build = build_site(site_copy, env={"DIALOGUES_COMMENTS_STORE": sqlite_store})

    assert build.returncode == 0, build.log
    page = BeautifulSoup(build.read(page_for(pending["thread"])), "html.parser")
    assert page.find(id=f"comment-{pending['id']}") is not None


def test_unreadable_store_fails_in_one_line_and_keeps_the_live_site(
    site_copy, build_site, tmp_path
):
    output = tmp_path / "output"
    assert build_site(site_copy, output).returncode == 0
    before = folder_digest(output)
    missing = f"sqlite:///{tmp_path / 'gone.db'}"

    build = build_site(site_copy, output, env={"DIALOGUES_COMMENTS_STORE": missing})

    assert build.returncode == 3
    error_lines = [line for line in build.stderr.splitlines() if line.startswith("error:")]
    assert len(error_lines) == 1
    assert f"error: comment store {missing} cannot be read" in error_lines[0]
    assert "Traceback" not in build.log
    assert folder_digest(output) == before
    assert not (tmp_path / "gone.db").exists(), "a build never creates an empty store"


def snapshot_settings(path: Path, hours: int = 48) -> dict[str, str]:
    return {
        "COMMENTS_ON_OUTAGE": '"snapshot"',
        "COMMENTS_SNAPSHOT": json.dumps(str(path)),
        "COMMENTS_SNAPSHOT_MAX_AGE_HOURS": str(hours),
    }


def test_snapshot_stands_in_for_a_missing_store_and_says_so(
    site_copy, build_site, sqlite_store, tmp_path
):
    snapshot = tmp_path / "snapshot.json"
    now = datetime.now(UTC)
    good = build_site(
        site_copy,
        tmp_path / "good",
        env={"DIALOGUES_COMMENTS_STORE": sqlite_store},
        extra_settings=snapshot_settings(snapshot),
        build_time=now.isoformat(),
    )
    assert good.returncode == 0, good.log
    assert snapshot.exists()
    Path(sqlite_store.removeprefix("sqlite:///")).unlink()

    fallback = build_site(
        site_copy,
        tmp_path / "fallback",
        env={"DIALOGUES_COMMENTS_STORE": sqlite_store},
        extra_settings=snapshot_settings(snapshot),
        build_time=(now + timedelta(hours=1)).isoformat(),
    )

    assert fallback.returncode == 0, fallback.log
    page = BeautifulSoup(fallback.read(page_for(THREAD)), "html.parser")
    section = page.find("section", class_="dialogues-comments")
    assert "Comments as of" in section.get_text()
    approved = [c for c in SEED if c["thread"] == THREAD and c["status"] == "approved"]
    assert all(page.find(id=f"comment-{c['id']}") for c in approved)


def test_a_stale_snapshot_does_not_stand_in(site_copy, build_site, sqlite_store, tmp_path):
    snapshot = tmp_path / "snapshot.json"
    now = datetime.now(UTC)
    settings = snapshot_settings(snapshot, hours=1)
    env = {"DIALOGUES_COMMENTS_STORE": sqlite_store}
    assert (
        build_site(
            site_copy, env=env, extra_settings=settings, build_time=now.isoformat()
        ).returncode
        == 0
    )
    Path(sqlite_store.removeprefix("sqlite:///")).unlink()

    late = build_site(
        site_copy,
        tmp_path / "late",
        env=env,
        extra_settings=settings,
        build_time=(now + timedelta(hours=3)).isoformat(),
    )

    assert late.returncode == 3
    assert "older than the 1 hour allowed" in late.stderr or "older than" in late.stderr
    assert not (tmp_path / "late").exists()


@pytest.fixture
def one_post_site(tmp_path: Path) -> Path:
    """The registries, the site pages and one post: the example's responses and official
    replies cite comments of the example store, which an Isso server does not hold."""
    site = tmp_path / "one-post"
    (site / "posts").mkdir(parents=True)
    for name in ("pages", "images"):
        shutil.copytree(CONTENT / name, site / name)
    for name in ("people.toml", "departments.toml"):
        shutil.copy(CONTENT / name, site / name)
    shutil.copy(CONTENT / "posts" / "2025-01-why-we-publish-our-working.md", site / "posts")
    return site


@pytest.fixture
def isso(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory):
    server = IssoServer(isso_executable(tmp_path_factory.getbasetemp().parent), tmp_path / "isso")
    yield server.start()
    server.stop()


@pytest.mark.isso
def test_isso_comments_reach_the_site_exactly_as_moderated(
    one_post_site, build_site, isso, tmp_path
):
    activated = [
        isso.post(
            THREAD,
            "Isso comment one about publishing working, tangerine.",
            author="Ann",
            email="ann@isso.example",
        ),
        isso.post(
            THREAD,
            "Isso comment two, **with Markdown**, marmalade.",
            author="Bo",
            email="bo@isso.example",
        ),
    ]
    waiting = isso.post(
        THREAD, "Isso pending comment, gooseberry.", author="Cy", email="cy@isso.example"
    )
    for comment_id in activated:
        isso.activate(comment_id)

    for store in (isso.store_url, f"isso+sqlite:///{isso.database}"):
        build = build_site(
            one_post_site, tmp_path / store.split(":")[0], env={"DIALOGUES_COMMENTS_STORE": store}
        )
        assert build.returncode == 0, build.log
        page = BeautifulSoup(build.read(page_for(THREAD)), "html.parser")
        shown = page.find("section", class_="dialogues-comments")
        for comment_id in activated:
            assert shown.find(id=f"comment-{comment_id}") is not None, store
        assert "tangerine" in shown.get_text() and "marmalade" in shown.get_text()
        assert shown.find("strong", string="with Markdown") is not None
        assert files_containing(build.output, "gooseberry") == []
        assert page.find(id=f"comment-{waiting}") is None
        assert "Official reply" not in shown.get_text(), "Isso comments are never official"
        for email in ("ann@isso.example", "bo@isso.example", "cy@isso.example"):
            assert files_containing(build.output, email) == []


@pytest.mark.isso
def test_stopped_isso_server_fails_the_build_or_falls_back(
    one_post_site, build_site, isso, tmp_path
):
    isso.activate(isso.post(THREAD, "Before the outage, quince.", author="Di"))
    snapshot = tmp_path / "snapshot.json"
    env = {"DIALOGUES_COMMENTS_STORE": isso.store_url}
    now = datetime.now(UTC).isoformat()
    assert (
        build_site(
            one_post_site,
            tmp_path / "a",
            env=env,
            extra_settings=snapshot_settings(snapshot),
            build_time=now,
        ).returncode
        == 0
    )
    isso.stop()

    failed = build_site(one_post_site, tmp_path / "b", env=env, build_time=now)
    fallback = build_site(
        one_post_site,
        tmp_path / "c",
        env=env,
        extra_settings=snapshot_settings(snapshot),
        build_time=now,
    )

    assert failed.returncode == 3
    assert f"error: comment store {isso.store_url} cannot be read" in failed.stderr
    assert fallback.returncode == 0, fallback.log
    assert files_containing(fallback.output, "quince")
    assert "Comments as of" in fallback.read(page_for(THREAD))


def test_a_frozen_thread_outlives_the_store(site_copy, build_site, sqlite_store, tmp_path):
    frozen = site_copy / "comments" / "frozen" / "why-we-publish-our-working.json"
    result = moderate("freeze", "--thread", THREAD, "--out", str(frozen), "--store", sqlite_store)
    assert result.returncode == 0, result.stderr
    kept = [c for c in SEED if c["thread"] == THREAD and c["status"] == "approved"]
    assert kept
    assert all(c["email"] not in frozen.read_text() for c in kept)
    others = [c for c in SEED if c["thread"] != THREAD]
    other_store = tmp_path / "store-without-the-thread.json"
    other_store.write_text(
        json.dumps({"format": "dialogues-comments", "version": 1, "comments": others})
    )

    build = build_site(site_copy, env={"DIALOGUES_COMMENTS_STORE": f"json:///{other_store}"})

    assert build.returncode == 0, build.log
    page = BeautifulSoup(build.read(page_for(THREAD)), "html.parser")
    for comment in kept:
        assert page.find(id=f"comment-{comment['id']}") is not None, comment["id"]
