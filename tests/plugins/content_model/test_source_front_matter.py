"""A source's front matter read once per version of the file (content_model/front_matter.py):
asked again, the answer is the one already read; the file changed, it is read again."""

from __future__ import annotations

from pathlib import Path

from content_model.front_matter import forget_sources, read_source, source_front_matter


def test_a_source_is_read_once_and_again_when_it_changes(tmp_path: Path) -> None:
    source = tmp_path / "post.md"
    source.write_text("Title: First\nStatus: draft\n\nBody.\n", encoding="utf-8")
    first = source_front_matter(str(source))
    assert source_front_matter(str(source)) is first
    assert first.first("status").value == "draft"  # type: ignore[union-attr]

    source.write_text("Title: First\n\nA longer body.\n", encoding="utf-8")
    changed = source_front_matter(str(source))
    assert changed.first("status") is None

    forget_sources()
    assert source_front_matter(str(source)) is not changed


def test_a_source_checked_is_not_read_again_for_its_front_matter(tmp_path: Path) -> None:
    source = tmp_path / "post.md"
    source.write_text("Title: Checked\n\nBody.\n", encoding="utf-8")
    text, front_matter = read_source(str(source))
    assert text.endswith("Body.\n")
    assert source_front_matter(str(source)) is front_matter
