"""Pages are written by one process per core: the site is the same byte for byte whatever the
number of processes, and a page that fails in any of them fails the build, publishing nothing."""

from __future__ import annotations

import shutil
import zlib
from pathlib import Path

import pytest

from tests.conftest import REPO, Build, run_build

THEME = REPO / "themes" / "dialogues"


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def assert_same_site(expected: Path, found: Path) -> None:
    want, got = files_of(expected), files_of(found)
    assert sorted(got) == sorted(want)
    differing = [name for name in want if want[name] != got[name]]
    assert differing == []


@pytest.mark.parametrize("processes", [1, 3])
def test_the_site_does_not_depend_on_how_many_processes_write_it(
    example_build: Build, tmp_path: Path, processes: int
) -> None:
    from tests.conftest import CONTENT

    build = run_build(
        CONTENT, tmp_path / "output", extra_settings={"WRITING_PROCESSES": str(processes)}
    )

    assert build.returncode == 0, build.log
    assert_same_site(example_build.output, build.output)


def slug_written_by(process: int, of: int) -> str:
    """A page slug whose page falls to process `process` of `of` (0 is the first process)."""
    for number in range(1000):
        slug = f"broken-page-{number}"
        if zlib.crc32(f"{slug}/index.html".encode()) % of == process:
            return slug
    raise AssertionError("no such slug")


@pytest.mark.parametrize("process", [0, 1, 2])
def test_a_page_that_fails_in_any_process_fails_the_build(
    site_copy: Path, tmp_path: Path, example_build: Build, process: int
) -> None:
    theme = tmp_path / "theme"
    shutil.copytree(THEME, theme)
    (theme / "templates" / "broken.html").write_text(
        '{% extends "page.html" %}{% block content %}{{ no_such_function() }}{% endblock %}',
        encoding="utf-8",
    )
    slug = slug_written_by(process, 3)
    (site_copy / "pages" / f"{slug}.md").write_text(
        f"Title: A page that cannot be written\nSlug: {slug}\nTemplate: broken\n"
        "Summary: Its template calls a function that does not exist.\n\nText.\n",
        encoding="utf-8",
    )
    output = tmp_path / "output"
    shutil.copytree(example_build.output, output)
    before = files_of(output)

    build = run_build(
        site_copy, output, extra_settings={"WRITING_PROCESSES": "3", "THEME": f'"{theme}"'}
    )

    assert build.returncode != 0
    assert "no_such_function" in build.log
    assert files_of(output) == before


@pytest.mark.parametrize("value", ["0", '"two"'])
def test_a_bad_number_of_processes_is_named(site_copy: Path, tmp_path: Path, value: str) -> None:
    build = run_build(site_copy, tmp_path / "output", extra_settings={"WRITING_PROCESSES": value})

    assert build.returncode != 0
    assert "WRITING_PROCESSES must be a whole number of processes" in build.log
    assert not (tmp_path / "output").exists()
