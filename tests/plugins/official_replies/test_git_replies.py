"""Official replies written in git: threaded under the comment they answer, badged with the
person's name, role and department; a reply to a comment that is not published stops the build
with the file and line; a draft or future reply appears nowhere."""

from __future__ import annotations

import shutil
import tomllib
from datetime import timedelta

import pytest
from content_model.front_matter import read_front_matter

from tests.conftest import CONTENT, run_build
from tests.helpers import files_containing
from tests.plugins.consultations.sources import (
    CLOCK,
    iso,
    line_of,
    seed_comments,
    soup,
    write_source,
)

PEOPLE = tomllib.loads((CONTENT / "people.toml").read_text(encoding="utf-8"))
DEPARTMENTS = tomllib.loads((CONTENT / "departments.toml").read_text(encoding="utf-8"))
SEED = {c["id"]: c for c in seed_comments()}
REPLIES = sorted((CONTENT / "replies").glob("*.md"))


def value(source, key: str) -> str:
    return read_front_matter(source.read_text(encoding="utf-8")).first(key).value


@pytest.mark.parametrize("source", REPLIES, ids=[r.stem for r in REPLIES])
def test_each_reply_is_threaded_under_its_comment_and_badged(example_build, source):
    comment = SEED[value(source, "comment")]
    person = PEOPLE[value(source, "person")]
    page = soup(example_build, comment["thread"].strip("/") + "/index.html")
    answered = page.find(id=f"comment-{comment['id']}")
    reply = answered.find(id=f"comment-reply-{source.stem}")
    assert reply is not None, "nested inside the comment it answers"
    assert "dialogues-comment--official" in reply["class"]
    header = reply.find(class_="dialogues-comment__header").get_text(" ")
    assert "Official reply" in header
    assert person["name"] in header and person["role"] in header
    assert DEPARTMENTS[person["department"]]["name"] in header
    body = source.read_text(encoding="utf-8").split("\n\n", 1)[1]
    assert " ".join(body.split()[:8]) in " ".join(reply.get_text(" ").split())


def test_the_example_has_git_replies_on_consultations() -> None:
    threads = {SEED[value(source, "comment")]["thread"] for source in REPLIES}
    assert len(REPLIES) >= 3
    assert all(thread.startswith("/consultations/") for thread in threads)


def first_with(status: str) -> str:
    return next(c["id"] for c in SEED.values() if c["status"] == status)


@pytest.fixture(scope="module")
def replies_build(tmp_path_factory):
    content = tmp_path_factory.mktemp("replies") / "content"
    shutil.copytree(CONTENT, content)
    approved = next(
        c
        for c in SEED.values()
        if c["status"] == "approved" and c["thread"].startswith("/consultations/")
    )
    bad = {}
    for name, target in (
        ("to-pending", first_with("pending")),
        ("to-removed", first_with("removed")),
        ("to-unknown", "99999"),
    ):
        path = write_source(
            content,
            "replies",
            name,
            f"Date: {iso(CLOCK - timedelta(days=1))}\nComment: {target}\nPerson: david-mensah",
            "Thank you.",
        )
        bad[name] = (path, line_of(path, "Comment:"), target)
    broken = run_build(content, content.parent / "broken")
    for path, _line, _target in bad.values():
        path.unlink()
    future = iso(CLOCK + timedelta(seconds=1))
    write_source(
        content,
        "replies",
        "future",
        f"Date: {future}\nComment: {approved['id']}\nPerson: david-mensah",
        "caracalfuturereply",
    )
    write_source(
        content,
        "replies",
        "draft",
        f"Date: {iso(CLOCK)}\nComment: {approved['id']}\nPerson: david-mensah\nStatus: draft",
        "tapirdraftreply",
    )
    fine = run_build(content, content.parent / "fine")
    return broken, bad, fine


def test_a_reply_to_an_unpublished_comment_names_file_and_line(replies_build):
    broken, bad, _fine = replies_build
    assert broken.returncode != 0
    assert "nothing was published" in broken.stderr
    for path, line, target in bad.values():
        assert f"{path}:{line}: this reply answers comment {target}, " in broken.stderr
    assert "which a moderator removed" in broken.stderr
    assert "which is not published" in broken.stderr


def test_draft_and_future_replies_appear_nowhere(replies_build):
    _broken, _bad, fine = replies_build
    assert fine.returncode == 0, fine.log
    assert files_containing(fine.output, "caracalfuturereply") == []
    assert files_containing(fine.output, "tapirdraftreply") == []
