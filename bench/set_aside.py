"""Trees the benchmark replaces, moved aside instead of deleted until every build is measured.

This machine's disk is ext4 without a journal. There, a new file or folder is not given the
inode of one deleted in the last minutes: the kernel reads each candidate's deletion time
first (`recently_deleted` in fs/ext4/ialloc.c), so for a few minutes after a site is deleted,
every file made costs a scan of the inodes it freed. Measured with `perf`, that scan was over
half of the time of making files: 2,000 files took 0.9-1.9 s in the minutes after a
5,000-post site was deleted, and 0.08 s after five quiet minutes; 11,000 files of 21 KB (the
feeds of a 5,000-post site) 0.64 s on a quiet disk and 4.2-7.5 s after. Deleting the last
run's output just before a clean build charged that build for the deletion, and plain Pelican
(8,000 files) far less than ours (24,000). Moved aside, a tree costs one rename; the set-aside
folder is deleted once the whole run is measured. What the builds delete themselves (each
rebuild deletes the site it replaced) is left as it is: that is the build's own cost.
"""

from __future__ import annotations

import itertools
import os
import shutil
from pathlib import Path


class SetAside:
    """One folder, on the same file system as the benchmark's sites, for what they replace."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._names = itertools.count()

    def move(self, path: Path) -> None:
        """Move `path` (if it exists) out of the way, under a name of its own."""
        if not os.path.lexists(path):
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        while True:
            target = self.folder / f"{os.getpid()}-{next(self._names)}-{path.name}"
            if not os.path.lexists(target):
                break
        os.replace(path, target)

    def remove(self) -> None:
        """Delete everything set aside (and what an interrupted run left)."""
        shutil.rmtree(self.folder, ignore_errors=True)
