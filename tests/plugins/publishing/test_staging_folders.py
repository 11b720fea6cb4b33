"""The published site's folders are made in the staging folder while the build reads, and the
ones the build leaves empty are removed before it publishes (publishing/staging_folders.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from publishing import staging_folders


@pytest.fixture(autouse=True)
def no_helper_left() -> Iterator[None]:
    yield
    staging_folders.stop_making()


def folders(root: Path) -> set[str]:
    return {str(path.relative_to(root)) for path in root.rglob("*") if path.is_dir()}


def published_site(tmp_path: Path) -> Path:
    published = tmp_path / "output"
    for folder in ("posts/2025/kept", "posts/2025/gone", "tags/flood", "empty"):
        (published / folder).mkdir(parents=True)
    (published / "posts/2025/kept/index.html").write_text("page", encoding="utf-8")
    (published / "index.html").write_text("home", encoding="utf-8")
    (published / "linked").symlink_to(published / "tags")
    return published


def test_every_published_folder_is_made_and_the_unused_ones_removed(tmp_path: Path) -> None:
    published = published_site(tmp_path)
    staging = tmp_path / "output.partial"
    staging.mkdir()

    staging_folders.start_making(str(published), str(staging))
    staging_folders.wait_until_made()
    assert folders(staging) == {
        "posts",
        "posts/2025",
        "posts/2025/kept",
        "posts/2025/gone",
        "tags",
        "tags/flood",
        "empty",
    }
    assert not list(staging.rglob("*.html"))  # folders only, never a file

    (staging / "posts/2025/kept/index.html").write_text("new page", encoding="utf-8")
    (staging / "new").mkdir()  # made by the build itself: never the helper's to remove
    assert staging_folders.remove_unused() == 4  # gone, flood, tags, empty
    assert folders(staging) == {"posts", "posts/2025", "posts/2025/kept", "new"}


def test_nothing_is_made_without_a_published_site(tmp_path: Path) -> None:
    staging = tmp_path / "output.partial"
    staging.mkdir()
    staging_folders.start_making(str(tmp_path / "output"), str(staging))
    staging_folders.wait_until_made()
    assert folders(staging) == set()
    assert staging_folders.remove_unused() == 0


def test_a_run_that_never_wrote_removes_nothing(tmp_path: Path) -> None:
    published = published_site(tmp_path)
    staging = tmp_path / "output.partial"
    staging.mkdir()
    staging_folders.start_making(str(published), str(staging))
    staging_folders.stop_making()  # the next run starts: this one failed before writing
    assert staging_folders.remove_unused() == 0
