"""Publishing invariant 3: the same sources, comments and SOURCE_DATE_EPOCH give byte-identical
output and archive packages, whatever the time zone, locale, hash seed or build folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import CONTENT, REPO, run_build
from tests.helpers import folder_digest, write_post

EPOCH = "1795176000"
TIE = """Title: {title}
Date: 2026-11-12 10:00
Author: {author}
Department: {department}
Summary: Two posts published at the same minute, to prove their order is stable.
Tags: {tags}"""


def local_locale(tmp_path: Path) -> dict[str, str]:
    """A non-English locale (Turkish: other month names, a dotless i) made with localedef in
    a temporary folder; where the machine cannot make one, a different C locale instead."""
    folder = tmp_path / "locales"
    folder.mkdir()
    made = subprocess.run(
        ["localedef", "-i", "tr_TR", "-f", "UTF-8", str(folder / "tr_TR.UTF-8")],
        capture_output=True,
        check=False,
    )
    if made.returncode in (0, 1) and (folder / "tr_TR.UTF-8").exists():
        return {"LOCPATH": str(folder), "LC_ALL": "tr_TR.UTF-8", "LANG": "tr_TR.UTF-8"}
    return {"LC_ALL": "POSIX", "LANG": "POSIX"}


def content_with_ties(target: Path) -> Path:
    shutil.copytree(CONTENT, target)
    people = (target / "people.toml").read_text().splitlines()
    author = next(line for line in people if line.startswith("[")).strip("[]")
    department = next(line.split('"')[1] for line in people if line.startswith("department"))
    for name, tags in (("zebra", "waste, transport"), ("aardvark", "transport, waste")):
        front = TIE.format(title=f"A {name} post", author=author, department=department, tags=tags)
        write_post(target, f"2026-11-{name}.md", front + f"\nSlug: {name}-tie")
    return target


def build_and_package(root: Path, environment: dict[str, str]) -> tuple[Path, Path]:
    content = content_with_ties(root / "sources" / "content")
    build = run_build(
        content, root / "site" / "output", settings_file="publishconf.py", env=environment
    )
    assert build.returncode == 0, build.log
    dist = root / "dist"
    packaged = subprocess.run(
        [sys.executable, "-m", "archive", "package", str(build.output), str(dist)],
        cwd=REPO,
        env={**os.environ, **environment, "PYTHONPATH": "plugins"},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert packaged.returncode == 0, packaged.stdout + packaged.stderr
    return build.output, dist


def test_two_builds_in_different_folders_zones_locales_and_seeds_are_identical(
    tmp_path: Path,
) -> None:
    first = {"TZ": "UTC", "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8", "PYTHONHASHSEED": "1"}
    second = {"TZ": "Pacific/Chatham", "PYTHONHASHSEED": "4242", **local_locale(tmp_path)}
    for environment in (first, second):
        environment["SOURCE_DATE_EPOCH"] = EPOCH

    output_a, dist_a = build_and_package(tmp_path / "a", first)
    output_b, dist_b = build_and_package(tmp_path / "somewhere" / "much" / "deeper" / "b", second)

    site_a, site_b = folder_digest(output_a), folder_digest(output_b)
    assert len(site_a) > 100
    assert [path for path in site_a if site_a[path] != site_b.get(path)] == []
    assert site_a == site_b
    assert folder_digest(dist_a) == folder_digest(dist_b)
    for path in output_a.rglob("*"):
        if path.is_file():
            assert str(tmp_path).encode() not in path.read_bytes(), path
