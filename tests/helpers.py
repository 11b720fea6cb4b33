"""Small helpers the tests share: hashing a folder, finding files that contain a word."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path


def folder_digest(folder: Path) -> dict[str, str]:
    """Every file under `folder` with its SHA-256, so two states can be compared exactly."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def files_containing(folder: Path, word: str) -> list[str]:
    """Every file (HTML, XML, JSON, anything) under `folder` whose bytes contain `word`."""
    needle = word.encode()
    return sorted(
        str(path.relative_to(folder))
        for path in folder.rglob("*")
        if path.is_file() and needle in path.read_bytes()
    )


def write_post(content: Path, name: str, front_matter: str, body: str = "Body text.") -> Path:
    path = content / "posts" / name
    path.write_text(front_matter.strip() + "\n\n" + body + "\n", encoding="utf-8")
    return path


def run_watched_build(script: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """Build the example site into `tmp_path/output` with `script`, Python that hooks into
    Pelican and calls its `main()` with `sys.argv[1]` (content) and `sys.argv[2]` (output)."""
    from tests.conftest import CONTENT, EXAMPLE_BUILD_TIME, PELICAN, REPO, SEED_COMMENTS

    environment = {k: v for k, v in os.environ.items() if not k.startswith("DIALOGUES_")}
    environment.update(
        DIALOGUES_BUILD_TIME=EXAMPLE_BUILD_TIME,
        DIALOGUES_COMMENTS_STORE=f"json:///{SEED_COMMENTS}",
        DIALOGUES_CACHE_PATH=str(tmp_path / "cache"),
        PATH=f"{PELICAN.parent}:{environment.get('PATH', '')}",
    )
    return subprocess.run(
        [sys.executable, "-c", script, str(CONTENT), str(tmp_path / "output")],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
    )
