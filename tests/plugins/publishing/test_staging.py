"""The swap: the new site is in place at once, the replaced one is deleted in the background."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from publishing import staging


def wait_until_gone(paths: list[Path], seconds: float = 60) -> list[Path]:
    deadline = time.monotonic() + seconds
    while any(p.exists() for p in paths) and time.monotonic() < deadline:
        time.sleep(0.05)
    return [p for p in paths if p.exists()]


def site(folder: Path, word: str) -> None:
    (folder / "posts").mkdir(parents=True)
    (folder / "index.html").write_text(word)
    for n in range(30):
        (folder / "posts" / f"{n}.html").write_text(f"{word} {n}")


def test_the_new_site_is_in_place_and_the_old_one_goes(tmp_path: Path) -> None:
    output = tmp_path / "output"
    site(output, "old")
    leftover = tmp_path / "output.previous-1-deadbeef"  # a deletion a stopped machine left
    site(leftover, "older")
    site(Path(staging.start_fresh(str(output))), "new")

    staging.replace_output(str(output))

    assert (output / "index.html").read_text() == "new"
    assert (output / "posts" / "7.html").read_text() == "new 7"
    assert not Path(staging.staging_path(str(output))).exists()
    replaced = [p for p in tmp_path.iterdir() if p.name.startswith("output.previous")]
    assert wait_until_gone(replaced) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]


def test_without_a_background_process_the_old_site_is_deleted_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("no processes left")

    monkeypatch.setattr(staging.subprocess, "Popen", refuse)
    output = tmp_path / "output"
    site(output, "old")
    site(Path(staging.start_fresh(str(output))), "new")

    staging.replace_output(str(output))

    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]
    assert (output / "index.html").read_text() == "new"
