"""The sitemap reads a page's title from its file only when the file is not the very one
whose title the last build kept (sitemap/titles.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sitemap import titles
from sitemap.titles import TitleCache

PAGE = "<!doctype html><html><head><title>{} - Dialogues</title></head><body>{}</body></html>"


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files whose titles were read, in order."""
    found: list[str] = []
    real = titles.read_title

    def counted(file: str) -> tuple[str, bytes]:
        found.append(os.path.basename(file))
        return real(file)

    monkeypatch.setattr(titles, "read_title", counted)
    return found


def write(path: Path, title: str, body: str = "") -> str:
    path.write_text(PAGE.format(title, body), encoding="utf-8")
    return str(path)


def next_build(cache: Path) -> TitleCache:
    return TitleCache(str(cache))


def test_an_untouched_file_is_not_read_again(tmp_path: Path, reads: list[str]) -> None:
    page = write(tmp_path / "a.html", "Budget &amp; spending")
    first = next_build(tmp_path / "cache")
    assert first.title(page) == "Budget & spending - Dialogues"
    assert first.save() == 1

    kept = tmp_path / "kept.html"
    os.link(page, kept)  # a kept page: the published file linked into the new site
    second = next_build(tmp_path / "cache")
    assert second.title(str(kept)) == "Budget & spending - Dialogues"
    assert second.save() == 0
    assert reads == ["a.html"]


def test_a_rewritten_file_is_read_again(tmp_path: Path, reads: list[str]) -> None:
    page = tmp_path / "a.html"
    first = next_build(tmp_path / "cache")
    first.title(write(page, "Old title"))
    first.save()

    page.unlink()
    second = next_build(tmp_path / "cache")
    assert second.title(write(page, "New title", "more words")) == "New title - Dialogues"
    assert second.save() == 1
    assert reads == ["a.html", "a.html"]


def test_the_cache_keeps_only_this_builds_files(tmp_path: Path, reads: list[str]) -> None:
    first = next_build(tmp_path / "cache")
    first.title(write(tmp_path / "a.html", "A"))
    first.title(write(tmp_path / "b.html", "B"))
    first.save()
    second = next_build(tmp_path / "cache")
    second.title(str(tmp_path / "b.html"))
    second.save()
    assert next_build(tmp_path / "cache").title(str(tmp_path / "a.html")) == "A - Dialogues"
    assert reads == ["a.html", "b.html", "a.html"]


def test_without_a_cache_folder_every_title_is_read(tmp_path: Path, reads: list[str]) -> None:
    page = write(tmp_path / "a.html", "A")
    for _ in range(2):
        cache = TitleCache(None)
        assert cache.title(page) == "A - Dialogues"
        assert cache.save() == 1
    assert reads == ["a.html", "a.html"]
