"""Build into a fresh folder beside output/ and put it in place only when the build succeeded.

A failed build (bad input, a store that is down, a template error) leaves the previous site
exactly as it was (publishing invariant 2). The swap is two renames on one file system.
"""

from __future__ import annotations

import logging
import os
import shutil

logger = logging.getLogger(__name__)

STAGING_SUFFIX = ".partial"
PREVIOUS_SUFFIX = ".previous"


def staging_path(final_path: str) -> str:
    return os.path.normpath(final_path) + STAGING_SUFFIX


def start_fresh(final_path: str) -> str:
    """Remove what a failed build left behind and return the empty staging folder."""
    staging = staging_path(final_path)
    shutil.rmtree(staging, ignore_errors=True)
    os.makedirs(staging)
    return staging


def replace_output(final_path: str) -> None:
    """Put the finished staging folder where the site lives."""
    staging = staging_path(final_path)
    final = os.path.normpath(final_path)
    previous = final + PREVIOUS_SUFFIX
    shutil.rmtree(previous, ignore_errors=True)
    if os.path.exists(final):
        os.rename(final, previous)
    os.rename(staging, final)
    shutil.rmtree(previous, ignore_errors=True)
    logger.info("Published the new build to %s", final)
