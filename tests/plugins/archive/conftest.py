"""The example site's production build, packaged once per session as `make archive` does."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import REPO, Build

# 2026-11-20T12:00:00Z, the example build clock, as the packages' date.
EPOCH = "1795176000"


@dataclass
class Archive:
    output: Path
    dist: Path
    stdout: str

    def one(self, pattern: str) -> Path:
        (found,) = self.dist.glob(pattern)
        return found


def archive_command(*arguments: str, epoch: str = EPOCH) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONPATH": "plugins", "SOURCE_DATE_EPOCH": epoch}
    return subprocess.run(
        [sys.executable, "-m", "archive", *arguments],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def package(output: Path, dist: Path, epoch: str = EPOCH) -> Archive:
    result = archive_command("package", "-s", "publishconf.py", str(output), str(dist), epoch=epoch)
    assert result.returncode == 0, result.stdout + result.stderr
    return Archive(output, dist, result.stdout)


@pytest.fixture(scope="session")
def archive(production_build: Build, tmp_path_factory: pytest.TempPathFactory) -> Archive:
    return package(production_build.output, tmp_path_factory.mktemp("archive") / "dist")
