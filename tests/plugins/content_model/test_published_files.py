"""A kept file is put in place whatever the staging folder holds at that path."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from content_model.published_files import place


def _published(tmp_path: Path) -> Path:
    published = tmp_path / "published" / "posts" / "a" / "index.html"
    published.parent.mkdir(parents=True)
    published.write_text("published page", encoding="utf-8")
    return published


def test_a_page_in_a_folder_not_made_yet_is_linked_with_its_folders(tmp_path: Path) -> None:
    published = _published(tmp_path)
    target = tmp_path / "staging" / "posts" / "a" / "index.html"
    place(str(published), str(target))
    assert target.read_text(encoding="utf-8") == "published page"
    assert os.stat(target).st_ino == os.stat(published).st_ino


def test_a_file_already_at_the_path_is_replaced_not_written_into(tmp_path: Path) -> None:
    published = _published(tmp_path)
    target = tmp_path / "staging" / "index.html"
    target.parent.mkdir()
    target.write_text("left by someone", encoding="utf-8")
    other = tmp_path / "staging" / "other.html"
    os.link(target, other)
    place(str(published), str(target))
    assert target.read_text(encoding="utf-8") == "published page"
    assert other.read_text(encoding="utf-8") == "left by someone"


def test_a_published_file_that_is_gone_is_an_error_not_an_empty_page(tmp_path: Path) -> None:
    target = tmp_path / "staging" / "index.html"
    with pytest.raises(FileNotFoundError):
        place(str(tmp_path / "missing.html"), str(target))
    assert not target.exists()
