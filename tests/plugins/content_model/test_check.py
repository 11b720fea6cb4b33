"""`make check` finds every problem in one run, without building, one line per problem."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO
from tests.helpers import write_post
from tests.plugins.content_model.test_bad_input import good_front_matter


def run_check(content: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "content_model.check", "-s", "pelicanconf.py", str(content)],
        cwd=REPO,
        env={"PYTHONPATH": "plugins", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_example_content_passes() -> None:
    result = run_check(REPO / "content")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "sources and both registries are fine" in result.stdout


def test_every_problem_in_every_file_in_one_run(site_copy: Path, tmp_path: Path) -> None:
    front_matter = good_front_matter(site_copy)
    write_post(site_copy, "a.md", front_matter.replace("2026-03-02 09:30", "yesterday"))
    write_post(site_copy, "b.md", front_matter + "\nSlug: a", "![](chart.png)")
    write_post(site_copy, "c.md", front_matter + "\nSlug: a")

    result = run_check(site_copy)

    lines = result.stdout.splitlines()
    assert result.returncode == 1
    assert any(
        line.endswith(
            "posts/a.md:2: Date 'yesterday' is not a date: write it as "
            "2026-03-14 or 2026-03-14 09:30 (optionally with an offset, +00:00)"
        )
        for line in lines
    )
    assert any(
        line.endswith(
            "posts/b.md:8: image chart.png has no alt text: describe it "
            "inside ![...], or write ![ ] if it is only decoration"
        )
        for line in lines
    )
    assert any(
        "posts/c.md:1: has the same slug and URL (posts/2026/a/) as" in line for line in lines
    )
    assert lines[-1].startswith("check: 3 problem(s) in")
    assert not (tmp_path / "output").exists()
