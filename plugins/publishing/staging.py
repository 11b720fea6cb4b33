"""Build into a fresh folder beside output/ and put it in place only when the build succeeded.

A failed build (bad input, a store that is down, a template error) leaves the previous site
exactly as it was (publishing invariant 2). The swap is two renames on one file system.

The replaced site is deleted by a background process, so the build ends as soon as the new
site is in place: deleting thousands of files can take longer than building them (on disks
that discard freed blocks, seconds per thousand). A deletion that did not finish (the machine
stopped) is finished by the next build.
"""

from __future__ import annotations

import glob
import logging
import os
import shutil
import subprocess
import sys

logger = logging.getLogger(__name__)

STAGING_SUFFIX = ".partial"
PREVIOUS_SUFFIX = ".previous"
REMOVE = "import shutil, sys\nfor p in sys.argv[1:]:\n    shutil.rmtree(p, ignore_errors=True)"


def staging_path(final_path: str) -> str:
    return os.path.normpath(final_path) + STAGING_SUFFIX


def start_fresh(final_path: str) -> str:
    """Remove what a failed build left behind and return the empty staging folder."""
    staging = staging_path(final_path)
    shutil.rmtree(staging, ignore_errors=True)
    os.makedirs(staging)
    return staging


def replace_output(final_path: str) -> None:
    """Put the finished staging folder where the site lives; delete the old one in the
    background (with any an earlier build left)."""
    staging = staging_path(final_path)
    final = os.path.normpath(final_path)
    if os.path.exists(final):
        os.rename(final, f"{final}{PREVIOUS_SUFFIX}-{os.getpid()}-{os.urandom(4).hex()}")
    os.rename(staging, final)
    logger.info("Published the new build to %s", final)
    remove_in_background(sorted(glob.glob(glob.escape(final + PREVIOUS_SUFFIX) + "*")))


def remove_in_background(folders: list[str]) -> None:
    """Delete folders in a detached process; here and now if none can be started."""
    if not folders:
        return
    try:
        subprocess.Popen(
            [sys.executable, "-c", REMOVE, *folders],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError as error:
        logger.warning("deleting the replaced site now: no background process (%s)", error)
        for folder in folders:
            shutil.rmtree(folder, ignore_errors=True)
