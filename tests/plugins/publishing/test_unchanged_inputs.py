"""The settings and comments parts of an unchanged build's record (publishing/unchanged.py)."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from publishing.unchanged import (
    files_digest,
    inputs_digest,
    published_fingerprint,
    settings_text,
)

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
        {"created": datetime(2026, 1, 1, 0, 0, 0, 1, tzinfo=UTC)},
        {"created": datetime(2026, 1, 1, 1, tzinfo=timezone(timedelta(hours=1)))},
        {"created": datetime(2026, 1, 1)},  # the same wall time without a zone
        {"parent": "0"},
    ):
        assert inputs_digest(settings, [dataclasses.replace(record, **change)]) != before, change
    assert inputs_digest(settings, []) != before
    # The files' part worked out apart (by the copy that reads ahead) gives the same digest.
    assert inputs_digest(settings, [record], files_digest(settings)) == before
    other = files_digest({**settings, "PATH": str(REPO / "content" / "posts")})
    assert inputs_digest(settings, [record], other) != before


def _comment(number: int, author: str, body: str) -> StoredComment:
    """A comment whose strings are new objects each time (as a new read of the store gives)."""
    return StoredComment(
        id="".join(["c", str(number)]),
        thread="".join(["/posts/", "x/"]),
        parent=None if number == 1 else "".join(["c", "1"]),
        author="".join([author]),
        body="".join([body, ""]),
        created=datetime(2026, 1, number, tzinfo=UTC),
        status=CommentStatus.APPROVED,
    )


def test_the_same_comments_read_again_are_the_same_and_moved_fields_are_not() -> None:
    settings = {"PATH": str(REPO / "content" / "pages"), "THEME": ""}
    first = [_comment(1, "Ann", "Yes"), _comment(2, "Bob", "No")]
    before = inputs_digest(settings, first)
    assert inputs_digest(settings, [_comment(1, "Ann", "Yes"), _comment(2, "Bob", "No")]) == before
    swapped = [_comment(1, "Bob", "Yes"), _comment(2, "Ann", "No")]
    assert inputs_digest(settings, swapped) != before
    one_body_split = [_comment(1, "Ann", "YesN"), _comment(2, "Bob", "o")]
    assert inputs_digest(settings, one_body_split) != before
    assert inputs_digest(settings, first[:1]) != before
    assert inputs_digest(settings, first[::-1]) != before


def _published(root: Path) -> Path:
    site = root / "output"
    (site / "posts" / "a").mkdir(parents=True)
    (site / "index.html").write_text("home", encoding="utf-8")
    (site / "posts" / "a" / "index.html").write_text("a post", encoding="utf-8")
    return site


def test_the_fingerprint_of_the_published_site_sees_every_file_change(tmp_path: Path) -> None:
    site = _published(tmp_path)
    before = published_fingerprint(str(site))
    assert published_fingerprint(str(site)) == before  # nothing touched: the same

    (site / "empty-folder").mkdir()  # a folder holds nothing published
    assert published_fingerprint(str(site)) == before

    changes = [
        lambda: (site / "posts" / "a" / "index.html").write_text("a post!", encoding="utf-8"),
        lambda: (site / "stray.html").write_text("added by hand", encoding="utf-8"),
        lambda: (site / "posts" / "a" / "index.html").rename(site / "posts" / "a" / "b.html"),
        lambda: (site / "index.html").unlink(),
    ]
    seen = {before}
    for change in changes:
        change()
        now = published_fingerprint(str(site))
        assert now not in seen
        seen.add(now)


def test_a_linked_folder_is_not_followed(tmp_path: Path) -> None:
    site = _published(tmp_path)
    before = published_fingerprint(str(site))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (site / "linked").symlink_to(elsewhere, target_is_directory=True)
    assert published_fingerprint(str(site)) == before
    (elsewhere / "page.html").write_text("not published here", encoding="utf-8")
    assert published_fingerprint(str(site)) == before
