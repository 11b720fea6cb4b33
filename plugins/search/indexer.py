"""Runs Pagefind (PyPI `pagefind[bin]`, whose wheel carries the binary) over a built site.

The index is made from the very files that are published: the finished staging folder, after
every page is written and before the publishing plugin swaps it into place.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from .stable import stabilise

# Pagefind also writes its own ready-made interfaces; the theme has its own, built on GOV.UK
# Frontend, so these are removed rather than published unused.
UNUSED_FILES = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)
TIMEOUT_SECONDS = 600


class SearchIndexError(RuntimeError):
    """Pagefind is missing or failed; the message says what to do."""


@dataclass(frozen=True)
class IndexSummary:
    pages: int  # pages in the index
    files: int  # files in the bundle folder
    size: int  # bytes in the bundle folder
    seconds: float


def pagefind_executable() -> Path:
    """The binary from the `pagefind_bin` wheel (or PAGEFIND_BINARY_PATH)."""
    try:
        from pagefind.service import get_executable

        found = get_executable()
    except ImportError:
        found = None
    if found is None or not Path(found).is_file():
        raise SearchIndexError(
            "search: the Pagefind binary is not installed; run `make setup`, which installs "
            "PyPI pagefind[bin], or set PAGEFIND_BINARY_PATH"
        )
    return Path(found)


def index_site(
    site: str, bundle: str, ignore: tuple[str, ...], keep_index_url: bool
) -> IndexSummary:
    """Index every page under `site` that is marked data-pagefind-body into `site/bundle`."""
    started = time.monotonic()
    command = [str(pagefind_executable()), "--site", site, "--output-subdir", bundle, "--quiet"]
    for selector in ignore:
        command += ["--exclude-selectors", selector]
    if keep_index_url:
        command.append("--keep-index-url")
    try:
        result = subprocess.run(
            command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise SearchIndexError(f"search: Pagefind could not run: {error}") from None
    output = os.path.join(site, bundle)
    if result.returncode != 0 or not os.path.isfile(os.path.join(output, "pagefind.js")):
        detail = (result.stderr or result.stdout).strip().splitlines()
        raise SearchIndexError(
            "search: Pagefind failed to index the site"
            + (f": {detail[-1]}" if detail else "")
            + "; nothing was published"
        )
    for name in UNUSED_FILES:
        Path(output, name).unlink(missing_ok=True)
    try:
        stabilise(Path(output))
    except (ValueError, OSError, EOFError) as error:  # UnexpectedFormat is a ValueError
        raise SearchIndexError(
            f"search: the index Pagefind wrote could not be made reproducible: {error}"
        ) from None
    return _summary(output, time.monotonic() - started)


def _summary(folder: str, seconds: float) -> IndexSummary:
    files = [path for path in Path(folder).rglob("*") if path.is_file()]
    fragments = Path(folder, "fragment")
    pages = sum(1 for _ in fragments.iterdir()) if fragments.is_dir() else 0
    return IndexSummary(
        pages=pages, files=len(files), size=sum(p.stat().st_size for p in files), seconds=seconds
    )


def remove_bundle(site: str, bundle: str) -> None:
    """A bundle left by an earlier run would mix old pages into the new index."""
    shutil.rmtree(os.path.join(site, bundle), ignore_errors=True)
