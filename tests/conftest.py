"""Shared fixtures: build real sites with the real `pelican` command into temporary folders."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CONTENT = REPO / "content"
SEED_COMMENTS = CONTENT / "comments" / "example-comments.json"
PELICAN = Path(sys.executable).parent / "pelican"
# The example site is built as if it were this moment, so phases and embargoes are stable.
EXAMPLE_BUILD_TIME = "2026-11-20T12:00:00Z"


@dataclass
class Build:
    returncode: int
    stdout: str
    stderr: str
    output: Path

    @property
    def log(self) -> str:
        return self.stdout + self.stderr

    def pages(self) -> list[Path]:
        return sorted(self.output.rglob("*.html"))

    def read(self, relative: str) -> str:
        return (self.output / relative).read_text(encoding="utf-8")


def run_build(
    content: Path,
    output: Path,
    *,
    settings_file: str = "pelicanconf.py",
    build_time: str = EXAMPLE_BUILD_TIME,
    env: dict[str, str] | None = None,
    extra_settings: dict[str, str] | None = None,
    verbose: bool = False,
) -> Build:
    """Run `pelican` as a press officer's `make html` does, from the repository folder."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DIALOGUES_")}
    environment["DIALOGUES_BUILD_TIME"] = build_time
    if SEED_COMMENTS.exists():
        environment["DIALOGUES_COMMENTS_STORE"] = f"json:///{SEED_COMMENTS}"
    environment.update(env or {})
    command = [str(PELICAN), str(content), "-s", settings_file, "-o", str(output)]
    if verbose:  # Pelican's INFO messages too
        command.append("-v")
    if extra_settings:  # one -e: Pelican keeps only the last of repeated -e options
        command += ["-e", *(f"{key}={value}" for key, value in extra_settings.items())]
    result = subprocess.run(
        command, cwd=REPO, env=environment, capture_output=True, text=True, timeout=600
    )
    return Build(result.returncode, result.stdout, result.stderr, output)


@pytest.fixture(scope="session")
def example_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The example site, built once per test session."""
    build = run_build(CONTENT, tmp_path_factory.mktemp("example") / "output")
    assert build.returncode == 0, build.log
    return build


@pytest.fixture(scope="session")
def production_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The example site built with publishconf.py (absolute, clean URLs), once per session."""
    output = tmp_path_factory.mktemp("production") / "output"
    build = run_build(CONTENT, output, settings_file="publishconf.py")
    assert build.returncode == 0, build.log
    return build


@pytest.fixture
def site_copy(tmp_path: Path) -> Path:
    """A writable copy of the example content, for tests that add or break sources."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


@pytest.fixture
def build_site(tmp_path: Path) -> Iterator[Callable[..., Build]]:
    def build(content: Path, output: Path | None = None, **options: object) -> Build:
        return run_build(content, output or tmp_path / "output", **options)  # type: ignore[arg-type]

    yield build


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """In CI a skipped test is a failure: the real component it needs must be there."""
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    in_ci = os.environ.get("CI", "").lower() in {"true", "1"}
    if in_ci and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"skipped in CI, which counts as a failure: {report.longrepr}"
