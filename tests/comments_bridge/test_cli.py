"""The moderators' command line, end to end on a temporary embedded store."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from comments_bridge.cli import main
from comments_bridge.read import load_comments
from tests.comments_bridge.isso_server import REPO

SEED = {
    "format": "dialogues-comments",
    "version": 1,
    "comments": [
        {
            "id": "1",
            "thread": "/consultations/waste/",
            "parent": None,
            "author": "Jane",
            "email": "jane@mail.example",
            "ip": "192.0.2.7",
            "body": "Please *reconsider* the timetable",
            "created": "2026-03-01T10:00:00Z",
            "status": "approved",
        },
        {
            "id": "2",
            "thread": "/consultations/waste/",
            "parent": None,
            "author": "Bob",
            "body": "Buy cheap watches",
            "created": "2026-03-01T11:00:00Z",
            "status": "pending",
        },
        {
            "id": "3",
            "thread": "/posts/2026/bins/",
            "parent": None,
            "author": "Cat",
            "body": "When do the new bins arrive?",
            "created": "2026-03-02T09:00:00Z",
            "status": "pending",
        },
    ],
}


class Run:
    """`python -m comments_bridge ...` in-process, with its output captured."""

    def __init__(self, capsys: pytest.CaptureFixture[str], store: str) -> None:
        self.capsys = capsys
        self.store = store

    def __call__(self, *argv: str, store: bool = True) -> tuple[int, str, str]:
        arguments = [*argv, "--store", self.store] if store else list(argv)
        code = main(arguments)
        captured = self.capsys.readouterr()
        return code, captured.out, captured.err


@pytest.fixture
def seed_file(tmp_path: Path) -> Path:
    path = tmp_path / "seed.json"
    path.write_text(json.dumps(SEED), encoding="utf-8")
    return path


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> Run:
    return Run(capsys, f"sqlite:///{tmp_path / 'var' / 'comments.db'}")


@pytest.fixture
def seeded_run(run: Run, seed_file: Path) -> Run:
    assert run("import", str(seed_file))[0] == 0
    return run


def test_import_creates_the_store_and_keeps_local_moderation_on_reimport(
    run: Run, seed_file: Path
) -> None:
    code, out, err = run("import", str(seed_file))
    assert (code, err) == (0, "")
    assert out == f"imported 3 comments from {seed_file} into {run.store}\n"
    run("approve", "2")
    code, out, _ = run("import", str(seed_file))
    assert code == 0
    assert out.endswith(
        "imported 0 comments from "
        f"{seed_file} into {run.store} (3 already there, left as they were)\n"
    )
    assert load_comments(run.store).get("2") is not None  # the approval survived


def test_list_shows_pending_comments_by_default(seeded_run: Run) -> None:
    code, out, _ = seeded_run("list")
    lines = out.splitlines()
    assert code == 0
    assert lines[0] == "2\t/consultations/waste/\t2026-03-01T11:00:00Z\tBob: Buy cheap watches"
    assert lines[1].startswith("3\t/posts/2026/bins/\t")
    assert lines[-1] == "2 pending comments"
    assert seeded_run("list", "--status", "approved")[1].splitlines()[-1] == "1 approved comment"


def test_list_cannot_be_used_to_send_escape_sequences_to_the_terminal(
    run: Run, tmp_path: Path
) -> None:
    document = json.loads(json.dumps(SEED))
    document["comments"][1]["body"] = "Clear \x1b[2J\x1b]0;owned\x07 screen"
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    run("import", str(path))
    out = run("list")[1]
    assert "\x1b" not in out and "\x07" not in out
    assert "Bob: Clear [2J ]0;owned screen" in out


def test_approve_reject_and_remove_change_what_the_build_sees(seeded_run: Run) -> None:
    assert seeded_run("approve", "3")[1] == "approved comment 3 on /posts/2026/bins/\n"
    assert seeded_run("reject", "2")[1] == "rejected comment 2 on /consultations/waste/\n"
    code, out, _ = seeded_run("remove", "1", "--reason", "rule-4")
    assert (code, out) == (0, "removed comment 1 on /consultations/waste/ for breaking rule-4\n")
    comments = load_comments(seeded_run.store)
    assert [(c.id, c.status.value, c.reason) for c in comments] == [
        ("1", "removed", "rule-4"),
        ("3", "approved", None),
    ]


def _statuses(store: str) -> dict[str, tuple[str, str | None]]:
    from comments_bridge.stores import open_store

    opened = open_store(store)
    try:
        return {r.id: (r.status.value, r.reason) for r in opened.read_all()}
    finally:
        opened.close()


def test_a_published_comment_is_taken_down_with_a_tombstone_never_rejected(
    seeded_run: Run,
) -> None:
    """Rejecting comment 1 would make it vanish from its page with no tombstone, and lift
    its replies out of context: the public record would lose a moderation decision."""
    before = _statuses(seeded_run.store)
    code, out, err = seeded_run("reject", "1")
    assert (code, out) == (1, "")
    assert err == (
        "error: comment 1 is published: take it down with `remove 1 --reason rule-N`, "
        "which leaves a tombstone citing the rule it broke\n"
    )
    seeded_run("remove", "1", "--reason", "rule-4")
    code, _, err = seeded_run("reject", "1")
    assert code == 1
    assert "comment 1 was published and removed under rule-4: its tombstone stays" in err
    assert _statuses(seeded_run.store)["1"] == ("removed", "rule-4")
    assert before["2"] == _statuses(seeded_run.store)["2"]


def test_a_comment_never_published_is_turned_down_never_removed(seeded_run: Run) -> None:
    """A tombstone for a pending comment would tell the public a moderator removed
    something that was never shown."""
    code, out, err = seeded_run("remove", "2", "--reason", "rule-5")
    assert (code, out) == (1, "")
    assert err == (
        "error: comment 2 was never published (it is pending): turn it down with "
        "`reject 2`, which leaves no trace on the site\n"
    )
    seeded_run("reject", "2")
    code, _, err = seeded_run("remove", "2", "--reason", "rule-5")
    assert code == 1 and "comment 2 was never published (it is rejected)" in err
    assert _statuses(seeded_run.store)["2"] == ("rejected", None)


def test_a_removal_can_cite_another_rule_and_a_comment_be_reinstated(seeded_run: Run) -> None:
    assert seeded_run("remove", "1", "--reason", "rule-4")[0] == 0
    assert seeded_run("remove", "1", "--reason", "rule-2")[0] == 0  # the rule corrected
    assert _statuses(seeded_run.store)["1"] == ("removed", "rule-2")
    assert seeded_run("approve", "1")[0] == 0  # an appeal upheld
    assert seeded_run("reject", "3")[0] == 0
    assert seeded_run("approve", "3")[0] == 0  # a second look
    statuses = _statuses(seeded_run.store)
    assert (statuses["1"], statuses["3"]) == (("approved", None), ("approved", None))


def test_remove_insists_on_a_rule_anchor(seeded_run: Run) -> None:
    code, out, err = seeded_run("remove", "1", "--reason", "spam")
    assert code == 2 and out == ""
    assert "'spam' is not a rule anchor: name the rule broken, like rule-3" in err


def test_moderating_an_unknown_id_says_so(seeded_run: Run) -> None:
    code, _, err = seeded_run("approve", "42")
    assert code == 1
    assert err == f"error: {seeded_run.store}: no comment with id '42'\n"


def test_reply_records_an_official_reply(seeded_run: Run) -> None:
    code, out, _ = seeded_run(
        "reply", "1", "--person", "jane-minister", "--body", "We will, **thank you**."
    )
    assert code == 0
    assert out == (
        "recorded official reply 4 by jane-minister to comment 1 on /consultations/waste/\n"
    )
    reply = load_comments(seeded_run.store).get("4")
    assert reply is not None and reply.official and reply.person == "jane-minister"
    assert reply.parent == "1" and reply.body_html == "<p>We will, <strong>thank you</strong>.</p>"


def test_reply_to_an_unpublished_comment_is_refused(seeded_run: Run) -> None:
    code, _, err = seeded_run("reply", "2", "--person", "jane-minister", "--body", "Hello")
    assert code == 1 and "comment 2 is pending" in err


def test_export_warns_about_personal_data_and_keeps_it(seeded_run: Run, tmp_path: Path) -> None:
    out_file = tmp_path / "export.json"
    code, out, err = seeded_run("export", "--out", str(out_file))
    assert code == 0
    assert "warning: this export contains personal data" in err
    assert out == f"exported 3 comments from {seeded_run.store} to {out_file}\n"
    exported = json.loads(out_file.read_text(encoding="utf-8"))
    assert exported["comments"][0]["email"] == "jane@mail.example"
    assert exported["comments"][0]["ip"] == "192.0.2.7"


def test_export_to_stdout_is_the_interchange_document(seeded_run: Run) -> None:
    code, out, err = seeded_run("export")
    assert code == 0
    assert json.loads(out)["format"] == "dialogues-comments"
    assert err.splitlines()[-1] == f"exported 3 comments from {seeded_run.store}"


def test_check_counts_by_status(seeded_run: Run) -> None:
    code, out, _ = seeded_run("check")
    assert (code, out) == (
        0,
        f"{seeded_run.store} is reachable: 1 approved, 2 pending, 0 rejected, 0 removed\n",
    )


def test_pull_writes_a_snapshot_of_what_the_build_would_show(
    seeded_run: Run, tmp_path: Path
) -> None:
    snapshot = tmp_path / "snapshot.json"
    code, out, _ = seeded_run("pull", "--snapshot", str(snapshot))
    assert (code, out) == (0, f"snapshot of 1 comment in 1 thread written to {snapshot}\n")
    data = json.loads(snapshot.read_text(encoding="utf-8"))
    assert [c["id"] for c in data["comments"]] == ["1"]


def test_freeze_writes_a_thread_for_git(seeded_run: Run, tmp_path: Path) -> None:
    out_file = tmp_path / "content" / "comments" / "frozen" / "waste.json"
    seeded_run("remove", "1", "--reason", "rule-2")
    code, out, err = seeded_run(
        "freeze", "--thread", "/consultations/waste/", "--out", str(out_file)
    )
    assert (code, out) == (0, f"froze 1 comment of /consultations/waste/ into {out_file}\n")
    assert (
        "warning: comments of /consultations/waste/ still waiting for moderation, not frozen: 1"
        in err
    )
    frozen = load_comments(f"json:///{out_file}")  # a frozen file is itself a json: store
    assert [(c.id, c.status.value, c.body_html) for c in frozen] == [("1", "removed", "")]


def test_an_unknown_store_url_is_a_usage_error(run: Run) -> None:
    code, _, err = run("check", "--store", "mysql://db/comments", store=False)
    assert code == 2
    assert err.startswith("error: unknown comment store URL 'mysql://db/comments'; expected one of")


def test_a_missing_store_is_unavailable_and_is_not_created(run: Run, tmp_path: Path) -> None:
    code, _, err = run("approve", "1")
    assert code == 3
    assert "file not found; create the store with `python -m comments_bridge import" in err
    assert not (tmp_path / "var").exists()


def test_a_store_the_bridge_only_reads_refuses_moderation(run: Run, seed_file: Path) -> None:
    code, _, err = run("approve", "2", "--store", f"json:///{seed_file}", store=False)
    assert code == 1 and "read-only" in err


def test_the_postgresql_store_names_the_extra_to_install(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if the extra were not installed
    code, _, err = run(
        "check", "--store", "postgresql://mod:secret@db.internal/comments", store=False
    )
    assert code == 1
    assert "pip install 'dialogues[postgresql]'" in err
    assert "secret" not in err  # credentials never reach a message


def test_the_store_comes_from_the_environment_then_the_default(
    seed_file: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DIALOGUES_COMMENTS_STORE", raising=False)
    assert main(["import", str(seed_file)]) == 0
    assert (tmp_path / "var" / "comments.db").exists()
    monkeypatch.setenv("DIALOGUES_COMMENTS_STORE", f"json:///{seed_file}")
    capsys.readouterr()
    assert main(["check"]) == 0
    assert capsys.readouterr().out.startswith(f"json:///{seed_file} is reachable")


def test_python_dash_m_runs_the_command_line(seed_file: Path, tmp_path: Path) -> None:
    environment = {**os.environ, "PYTHONPATH": str(REPO)}
    environment.pop("DIALOGUES_COMMENTS_STORE", None)
    result = subprocess.run(
        [sys.executable, "-m", "comments_bridge", "check", "--store", f"json:///{seed_file}"],
        capture_output=True,
        text=True,
        env=environment,
        cwd=tmp_path,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        f"json:///{seed_file} is reachable: 1 approved, 2 pending, 0 rejected, 0 removed\n"
    )
    missing = subprocess.run(
        [sys.executable, "-m", "comments_bridge", "list", "--store", "sqlite:///nowhere.db"],
        capture_output=True,
        text=True,
        env=environment,
        cwd=tmp_path,
        timeout=60,
    )
    assert missing.returncode == 3
    assert missing.stderr.startswith("error: nowhere.db: file not found")


def test_a_listing_piped_into_head_stops_quietly(tmp_path: Path) -> None:
    """`list | head -2` closes the pipe after two lines: the moderator should see those two
    lines, not a BrokenPipeError traceback."""
    many = {
        **SEED,
        "comments": [
            {**SEED["comments"][1], "id": str(number), "body": "A pending comment " * 8}
            for number in range(100, 3100)
        ],
    }
    seed = tmp_path / "many.json"
    seed.write_text(json.dumps(many), encoding="utf-8")
    environment = {**os.environ, "PYTHONPATH": str(REPO)}
    store = f"sqlite:///{tmp_path / 'comments.db'}"
    bridge = [sys.executable, "-m", "comments_bridge"]
    subprocess.run([*bridge, "import", str(seed), "--store", store], env=environment, check=True)
    piped = subprocess.run(
        f"{' '.join(bridge)} list --store {store} | head -2",
        shell=True,
        capture_output=True,
        text=True,
        env=environment,
        cwd=tmp_path,
        timeout=60,
    )
    assert len(piped.stdout.splitlines()) == 2
    assert piped.stderr == ""
