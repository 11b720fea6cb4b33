"""Pelican's content cache is not asked about every source when it is off, and is left
alone when it is on."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from content_model.no_content_cache import skip_when_off
from pelican.generators import ArticlesGenerator
from pelican.settings import read_settings

from tests.conftest import REPO


def generator(tmp_path: Path, **override: object) -> ArticlesGenerator:
    settings = read_settings(
        str(REPO / "pelicanconf.py"), override={"CACHE_PATH": str(tmp_path / "cache"), **override}
    )
    made = ArticlesGenerator(
        context={},
        settings=settings,
        path=str(REPO / "content"),
        theme=settings["THEME"],
        output_path=str(tmp_path / "output"),
    )
    skip_when_off(made)
    return made


def stats_counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    asked: list[str] = []
    real = os.path.getmtime

    def getmtime(path: str) -> float:
        asked.append(path)
        return real(path)

    monkeypatch.setattr(os.path, "getmtime", getmtime)
    return asked


def test_with_the_cache_off_no_source_is_stamped(tmp_path: Path, monkeypatch) -> None:
    asked = stats_counted(monkeypatch)  # before Pelican takes `getmtime` as its stamp
    made = generator(tmp_path)  # pelicanconf.py turns both off
    source = str(REPO / "content" / "posts" / "2025-04-flood-warnings-in-plain-english.md")

    assert made.get_cached_data(source, None) is None
    assert made.readers.get_cached_data(source, (None, None)) == (None, None)
    made.cache_data(source, "an article")
    made.readers.cache_data(source, ("html", {}))

    assert asked == []


def test_with_the_cache_on_pelican_keeps_and_checks_it(tmp_path: Path, monkeypatch) -> None:
    asked = stats_counted(monkeypatch)  # before Pelican takes `getmtime` as its stamp
    made = generator(tmp_path, CACHE_CONTENT=True, LOAD_CONTENT_CACHE=True)
    source = str(REPO / "content" / "posts" / "2025-04-flood-warnings-in-plain-english.md")

    made.readers.cache_data(source, ("html", {}))  # Pelican caches readings by default

    assert made.readers.get_cached_data(source, (None, None)) == ("html", {})
    assert asked == [source, source]  # stamped when kept, and checked when asked
