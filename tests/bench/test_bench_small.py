"""The benchmark harness keeps working: a small site, every scenario, the table and the summary.

No timed assertions: the figures depend on the machine. What is asserted is what the harness
promises a user: a deterministic site, both builders run, the rebuilds show the new comment and
the edit (the runner checks the pages and fails otherwise), and quiet output in CI.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup

from bench import site
from tests.conftest import REPO
from tests.helpers import folder_digest

POSTS = 200  # "about 200 posts", as issue 10 asks of CI


def test_the_generated_site_is_the_same_every_time(tmp_path: Path) -> None:
    first = site.generate(tmp_path / "a", 30, 5)
    second = site.generate(tmp_path / "b", 30, 5)

    assert first == second
    assert folder_digest(tmp_path / "a") == folder_digest(tmp_path / "b")
    assert first.comments == 150
    assert len(list((tmp_path / "a" / "content" / "posts").rglob("*.md"))) == 30


def test_the_harness_runs_every_scenario_at_a_small_size(tmp_path: Path) -> None:
    environment = {**os.environ, "CI": "true"}
    result = subprocess.run(
        [sys.executable, "-m", "bench", "--posts", str(POSTS), "--folder", str(tmp_path)],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr == ""  # no progress in CI
    lines = result.stdout.strip().splitlines()
    rows = {line.split("|")[1].strip(): line for line in lines if line.startswith("| ")}
    for scenario in (
        "plain Pelican, clean",
        "ours, clean",
        "ours, one new comment",
        "ours, one edited post",
        "ours, nothing changed",
    ):
        assert scenario in rows, result.stdout
    assert lines[-1].startswith(f"bench: {POSTS} posts: ours "), lines[-1]
    assert "peak memory <= 600 MiB" in result.stdout
    # Where each of our builds' memory peak came and which processes held it.
    heading = lines.index("memory peak of each of our builds: when, and PSS MiB by process")
    peaks = lines[heading + 1 : heading + 5]
    for scenario, peak in zip(
        ("ours, clean", "ours, one new comment", "ours, one edited post", "ours, nothing changed"),
        peaks,
        strict=True,
    ):
        assert re.fullmatch(rf"  {scenario}: [0-9.]+ s: .*pelican [0-9]+.*", peak), peak

    assert not (tmp_path / "set-aside").exists()  # deleted once every build was measured
    folder = tmp_path / f"posts-{POSTS}"
    plain_index = BeautifulSoup((folder / "plain-output" / "index.html").read_text(), "html.parser")
    assert plain_index.find("article") is not None  # plain Pelican built the same posts
    assert not (folder / "plain-output" / "consultations").exists()
    manifest = site.Manifest(**__import__("json").loads((folder / "manifest.json").read_text()))
    page = BeautifulSoup((folder / "output" / manifest.comment_page).read_text(), "html.parser")
    new_comment = page.find(id=f"comment-{manifest.next_comment_id}")
    assert new_comment is not None and "quetzalnewcomment" in new_comment.get_text()
