"""The published site's folders, made in the staging folder by a helper process while the
build reads.

Every page has a folder of its own (`posts/2025/a-post/index.html`), and each build writes
into a fresh staging folder (staging.py), so the writing processes made 7,558 folders at 5,000
posts: 170 µs each on this machine's disk, 0.65 s of each writing process in a rebuild that
keeps nearly every page, 2.5 s at 20,000 posts. The site rarely loses a folder from one build
to the next, so at the start of each run a helper process makes every folder of the published
site in the staging folder, on the core the reading leaves idle. Writing waits for it before
the processes fork (a folder it has not made yet is made by its writer, as before), and before
the site is published every folder it made that the build left empty is removed, deepest
first, so the staging folder holds what a build into an empty folder holds.

The helper dies with the build (Linux's parent-death signal), so a failed build cannot leave it
making folders in a staging folder the next build is clearing.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import tempfile
from typing import IO

logger = logging.getLogger(__name__)

MAKE_FOLDERS = """
import ctypes, os, signal, sys
try:
    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
except (OSError, AttributeError):
    pass
published, staging, parent = sys.argv[1], sys.argv[2], int(sys.argv[3])
if os.getppid() != parent:
    sys.exit(0)
made, pending = [], [""]
while pending:
    relative = pending.pop()
    try:
        entries = list(os.scandir(os.path.join(published, relative)))
    except OSError:
        continue
    for entry in entries:
        if not entry.is_dir(follow_symlinks=False):
            continue
        folder = os.path.join(relative, entry.name)
        try:
            os.mkdir(os.path.join(staging, folder))
        except FileExistsError:
            pass
        except OSError:
            continue
        else:
            made.append(folder)
        pending.append(folder)
sys.stdout.write("\\0".join(made))
"""


class _Helper:
    def __init__(self, process: subprocess.Popen[bytes], listing: IO[bytes], staging: str):
        self.process = process
        self.listing = listing
        self.staging = staging
        self.made: list[str] | None = None


_helper: _Helper | None = None


def start_making(published: str, staging: str) -> None:
    """Start the helper that makes `published`'s folders in the empty `staging` folder."""
    stop_making()
    global _helper
    if not sys.platform.startswith("linux") or not os.path.isdir(published):
        return
    listing = tempfile.TemporaryFile()  # noqa: SIM115 (read and closed when writing starts)
    try:
        process = subprocess.Popen(
            [sys.executable, "-c", MAKE_FOLDERS, published, staging, str(os.getpid())],
            stdin=subprocess.DEVNULL,
            stdout=listing,
            stderr=subprocess.DEVNULL,
        )
    except OSError as error:
        listing.close()
        logger.info("Folders: no helper process (%s); each is made by its writer", error)
        return
    _helper = _Helper(process, listing, staging)


def wait_until_made() -> None:
    """Before writing: wait for the helper, and note the folders it made."""
    helper = _helper
    if helper is None or helper.made is not None:
        return
    status = helper.process.wait()
    helper.listing.seek(0)
    text = helper.listing.read().decode("utf-8", "surrogateescape")
    helper.listing.close()
    helper.made = text.split("\0") if status == 0 and text else []


def remove_unused() -> int:
    """Remove the folders the helper made that the build left empty; how many."""
    global _helper
    helper, _helper = _helper, None
    if helper is None:
        return 0
    if helper.made is None:  # writing never started: nothing to tidy
        _stop(helper)
        return 0
    removed = 0
    for folder in sorted(helper.made, key=lambda path: path.count(os.sep), reverse=True):
        try:
            os.rmdir(os.path.join(helper.staging, folder))
        except OSError:
            continue  # not empty (the build wrote into it), or already gone
        removed += 1
    logger.info(
        "Folders: %d made ahead of writing from the published site, %d left empty and removed",
        len(helper.made),
        removed,
    )
    return removed


def stop_making() -> None:
    """A new run starts: a helper still running for an earlier one is stopped."""
    global _helper
    helper, _helper = _helper, None
    if helper is not None:
        _stop(helper)


def _stop(helper: _Helper) -> None:
    if helper.process.poll() is None:
        helper.process.kill()
    helper.process.wait()
    if not helper.listing.closed:
        helper.listing.close()
