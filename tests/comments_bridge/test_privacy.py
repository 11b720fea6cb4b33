"""Emails and IP addresses go into the store and never come out towards the site."""

from __future__ import annotations

import dataclasses
import json
import logging
from pathlib import Path

import pytest

from comments_bridge.cli import main
from comments_bridge.read import load_comments
from comments_bridge.snapshot import save_snapshot
from comments_bridge.stores import SqliteStore

EMAILS = ("jane.private@mail.example", "bob.private@mail.example")
IPS = ("192.0.2.77", "2001:db8::dead:beef")


@pytest.fixture
def imported_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """An embedded store filled by `import` from a file that carries personal data."""
    source = tmp_path / "with-personal-data.json"
    source.write_text(
        json.dumps(
            {
                "format": "dialogues-comments",
                "version": 1,
                "comments": [
                    {
                        "id": "1",
                        "thread": "/consultations/waste/",
                        "parent": None,
                        "author": "Jane",
                        "email": EMAILS[0],
                        "ip": IPS[0],
                        "body": "Please write to me at the usual address",
                        "created": "2026-03-01T10:00:00Z",
                        "status": "approved",
                    },
                    {
                        "id": "2",
                        "thread": "/consultations/waste/",
                        "parent": "1",
                        "author": "Bob",
                        "email": EMAILS[1],
                        "ip": IPS[1],
                        "body": "Rude words",
                        "created": "2026-03-01T11:00:00Z",
                        "status": "removed",
                        "reason": "rule-1",
                    },
                ],
            }
        ),
        encoding="utf-8",
    )
    url = f"sqlite:///{tmp_path / 'comments.db'}"
    assert main(["import", str(source), "--store", url]) == 0
    capsys.readouterr()
    return url


def _assert_no_personal_data(text: str) -> None:
    for secret in EMAILS + IPS:
        assert secret not in text


def test_the_store_keeps_personal_data_for_moderators(imported_store: str) -> None:
    store = SqliteStore.open(imported_store.removeprefix("sqlite:///"))
    assert store.get("1").email == EMAILS[0] and store.get("2").ip == IPS[1]
    _assert_no_personal_data(repr(store.get("1")))  # not even in a log line


def test_loaded_comments_and_their_snapshot_hold_no_email_or_ip(
    imported_store: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    comments = load_comments(imported_store)
    assert len(comments) == 2
    _assert_no_personal_data(repr(comments))
    _assert_no_personal_data(repr([dataclasses.asdict(c) for c in comments]))
    snapshot = tmp_path / "snapshot.json"
    save_snapshot(comments, snapshot)
    _assert_no_personal_data(snapshot.read_text(encoding="utf-8"))
    _assert_no_personal_data(caplog.text)


def test_the_removed_comment_text_is_in_neither_the_build_nor_the_snapshot(
    imported_store: str, tmp_path: Path
) -> None:
    comments = load_comments(imported_store)
    save_snapshot(comments, tmp_path / "snapshot.json")
    assert "Rude words" not in repr(comments)
    assert "Rude words" not in (tmp_path / "snapshot.json").read_text(encoding="utf-8")


def test_a_frozen_thread_for_git_holds_no_personal_data(
    imported_store: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    frozen = tmp_path / "frozen" / "waste.json"
    command = ["freeze", "--thread", "/consultations/waste/", "--out", str(frozen)]
    assert main([*command, "--store", imported_store]) == 0
    text = frozen.read_text(encoding="utf-8")
    _assert_no_personal_data(text)
    assert "Rude words" not in text
    assert "froze 2 comments of /consultations/waste/" in capsys.readouterr().out
