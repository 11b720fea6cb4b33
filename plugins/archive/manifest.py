"""The SHA-256 manifest: one `digest  path` line per output file, as `sha256sum -c` reads it."""

from __future__ import annotations

from collections.abc import Iterable

from .files import OutputFile


def manifest_text(files: Iterable[OutputFile]) -> str:
    return "".join(f"{file.sha256}  {file.relative}\n" for file in files)


def read_manifest(path: str) -> dict[str, str]:
    """path → digest; a malformed line raises ValueError naming its number."""
    entries: dict[str, str] = {}
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            digest, separator, relative = line.rstrip("\n").partition("  ")
            if not separator or len(digest) != 64 or not relative:
                raise ValueError(f"{path}:{number}: not a `sha256  path` line")
            entries[relative] = digest
    return entries
