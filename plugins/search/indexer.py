"""Runs Pagefind (PyPI `pagefind[bin]`, whose wheel carries the binary) over pages of a site.

The index is made from the very files that are published: the finished staging folder, after
every page is written and before the publishing plugin swaps it into place. Each run indexes
one part of the site (parts.py).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
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
POLL_SECONDS = 0.02


class SearchIndexError(RuntimeError):
    """Pagefind is missing or failed; the message says what to do."""


@dataclass(frozen=True)
class IndexSummary:
    pages: int  # pages in the index
    files: int  # files in the bundle folder
    size: int  # bytes in the bundle folder
    seconds: float
    peak: int = 0  # Pagefind's peak resident memory in bytes; 0 when it did not run


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


@dataclass(frozen=True)
class PagefindRun:
    """A bundle Pagefind wrote, not yet finished (`finish_bundle`)."""

    output: str
    started: float  # time.monotonic()
    peak: int
    linked: str  # the folder of links Pagefind read, removed when the bundle is finished


def run_on_pages(
    site: str,
    pages: tuple[str, ...],
    output: str,
    ignore: tuple[str, ...],
    keep_index_url: bool,
    go_on: Callable[[], bool] = lambda: True,
    linked: str | None = None,
) -> PagefindRun:
    """Pagefind over `pages` (paths relative to `site`) into the bundle folder `output`, from
    the folder of links to them `link_pages` made (`linked`; made here if None). The bundle
    is finished by `finish_bundle`, which site_index.py runs beside the next part's run."""
    started = time.monotonic()
    if linked is None:
        linked = link_pages(site, pages, os.path.dirname(output))
    try:
        peak = _run_pagefind(linked, output, ignore, keep_index_url, go_on)
    except BaseException:
        shutil.rmtree(linked, ignore_errors=True)
        raise
    return PagefindRun(output, started, peak, linked)


def finish_bundle(run: PagefindRun) -> IndexSummary:
    """Remove the links Pagefind read and the files the site does not use, and make the
    rest reproducible. (A thousand system calls for the links: left to this step, which runs
    beside the next part's Pagefind, since each call waits for the interpreter.)"""
    shutil.rmtree(run.linked, ignore_errors=True)
    for name in UNUSED_FILES:
        Path(run.output, name).unlink(missing_ok=True)
    try:
        stabilise(Path(run.output))
    except (ValueError, OSError, EOFError) as error:  # UnexpectedFormat is a ValueError
        raise SearchIndexError(
            f"search: the index Pagefind wrote could not be made reproducible: {error}"
        ) from None
    return _summary(run.output, time.monotonic() - run.started, run.peak)


def link_pages(site: str, pages: tuple[str, ...], under: str) -> str:
    """A new folder under `under` of hard links to `pages`, at the same relative paths.

    Pagefind indexes a whole folder, so it is given one of these pages alone: the URLs it
    gives are those of the site, and it reads no other page (reading the unmarked ones cost
    it a third of its memory)."""
    os.makedirs(under, exist_ok=True)
    linked = tempfile.mkdtemp(prefix=".pages-", dir=under)
    try:
        for page in pages:
            _link(os.path.join(site, page), os.path.join(linked, page))
    except BaseException:
        shutil.rmtree(linked, ignore_errors=True)
        raise
    return linked


def _link(source: str, target: str) -> None:
    os.makedirs(os.path.dirname(target), exist_ok=True)
    try:
        os.link(source, target)
    except OSError:  # a file system without hard links
        shutil.copyfile(source, target)


def _run_pagefind(
    site: str,
    output: str,
    ignore: tuple[str, ...],
    keep_index_url: bool,
    go_on: Callable[[], bool],
) -> int:
    """Run Pagefind; its peak resident memory in bytes, which the log reports because memory
    is why the index is made in parts."""
    command = [str(pagefind_executable()), "--site", site, "--output-path", output, "--quiet"]
    for selector in ignore:
        command += ["--exclude-selectors", selector]
    if keep_index_url:
        command.append("--keep-index-url")
    with tempfile.TemporaryFile() as messages:
        try:
            process = subprocess.Popen(command, stdout=messages, stderr=messages)
        except OSError as error:
            raise SearchIndexError(f"search: Pagefind could not run: {error}") from None
        status, peak, timed_out = _wait(process, go_on)
        messages.seek(0)
        detail = messages.read().decode("utf-8", "replace").strip().splitlines()
    if status != 0 or not os.path.isfile(os.path.join(output, "pagefind.js")):
        reason = f"it ran for longer than {TIMEOUT_SECONDS} s" if timed_out else ""
        if not reason and detail:
            reason = detail[-1]
        raise SearchIndexError(
            "search: Pagefind failed to index the site"
            + (f": {reason}" if reason else "")
            + "; nothing was published"
        )
    return peak


def _wait(process: subprocess.Popen[bytes], go_on: Callable[[], bool]) -> tuple[int, int, bool]:
    """Its exit status, its peak resident memory in bytes, and whether it was killed for
    running past TIMEOUT_SECONDS. It is killed, and SearchIndexError raised, once `go_on()`
    is false (the build stopped while the index was made beside it, background.py).

    The peak is the largest VmHWM read from /proc while it runs, every POLL_SECONDS, since
    the `ru_maxrss` that `wait4` gives counts the memory of the build process it was forked
    from (Linux keeps the larger across `exec`). Where /proc is missing it is 0."""
    started, peak = time.monotonic(), 0
    while True:
        pid, status = os.waitpid(process.pid, os.WNOHANG)
        if pid:
            process.returncode = os.waitstatus_to_exitcode(status)
            return process.returncode, peak, False
        peak = max(peak, _high_water_mark(process.pid))
        if not go_on():
            process.kill()
            process.wait()
            raise SearchIndexError("search: the build stopped before the index was made")
        if time.monotonic() - started > TIMEOUT_SECONDS:
            process.kill()
            return process.wait(), peak, True
        time.sleep(POLL_SECONDS)


def _high_water_mark(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024  # in kB
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _summary(folder: str, seconds: float, peak: int = 0) -> IndexSummary:
    files = [path for path in Path(folder).rglob("*") if path.is_file()]
    fragments = Path(folder, "fragment")
    pages = sum(1 for _ in fragments.iterdir()) if fragments.is_dir() else 0
    return IndexSummary(
        pages=pages,
        files=len(files),
        size=sum(p.stat().st_size for p in files),
        seconds=seconds,
        peak=peak,
    )


def remove_bundle(site: str, bundle: str) -> None:
    """A bundle left by an earlier run would mix old pages into the new index."""
    shutil.rmtree(os.path.join(site, bundle), ignore_errors=True)
