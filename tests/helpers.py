"""Small helpers the tests share: hashing a folder, finding files that contain a word."""

from __future__ import annotations

import hashlib
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
