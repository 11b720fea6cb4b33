"""The settings and comments parts of an unchanged build's record (publishing/unchanged.py)."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from datetime import UTC, datetime

from publishing.unchanged import inputs_digest, settings_text

from comments_bridge.model import CommentStatus, StoredComment
from tests.conftest import REPO

# Two processes give the same text for a settings file's function, and another body differs.
SCRIPT = """
import sys
sys.path.insert(0, "plugins")
from publishing.unchanged import settings_text
def slug(text):
    return text.{method}()
print(settings_text({{"SLUGIFY": slug, "PATH": "content"}}))
"""


def text_in_a_new_process(method: str) -> str:
    return subprocess.run(
        [sys.executable, "-c", SCRIPT.format(method=method)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def test_a_function_in_the_settings_reads_the_same_in_every_build() -> None:
    first, second = text_in_a_new_process("lower"), text_in_a_new_process("lower")
    assert first == second
    assert first != text_in_a_new_process("upper")


def test_values_are_read_whatever_the_order_of_a_mapping() -> None:
    assert settings_text({"A": 1, "B": {"x", "y"}}) == settings_text({"B": {"y", "x"}, "A": 1})
    assert settings_text({"A": 1}) != settings_text({"A": 2})


def test_every_published_field_of_a_comment_counts_and_personal_data_does_not() -> None:
    settings = {"PATH": str(REPO / "content" / "pages"), "THEME": ""}
    record = StoredComment(
        id="1",
        thread="/posts/x/",
        parent=None,
        author="Ann",
        body="Hello",
        created=datetime(2026, 1, 1, tzinfo=UTC),
        status=CommentStatus.APPROVED,
        email="ann@example.org",
        ip="192.0.2.1",
    )
    before = inputs_digest(settings, [record])
    assert inputs_digest(settings, [dataclasses.replace(record)]) == before
    assert inputs_digest(settings, [dataclasses.replace(record, email="x@example.org")]) == before
    assert inputs_digest(settings, [dataclasses.replace(record, ip="198.51.100.7")]) == before
    for change in (
        {"body": "Hello!"},
        {"author": "Anne"},
        {"status": CommentStatus.REMOVED, "reason": "rule-1"},
        {"created": datetime(2026, 1, 2, tzinfo=UTC)},
        {"parent": "0"},
    ):
        assert inputs_digest(settings, [dataclasses.replace(record, **change)]) != before, change
    assert inputs_digest(settings, []) != before
