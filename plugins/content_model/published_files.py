"""Files of the published site put unchanged into the site being built.

A page or feed whose bytes would be the same is not written again: the published file is
hard-linked into the staging folder (on this project's machine, 0.015 ms against 0.6 ms to
create and write a file). That is safe because no build writes into an existing file: every
build writes a fresh staging folder, and each of its files is created by one writer. Where a
link cannot be made (another file system), the file is copied.
"""

from __future__ import annotations

import os
import shutil

Identity = tuple[int, int, int]
"""A file's size, modification time and inode: while they are the same, the file is the very
one seen before, untouched (a write changes its time; a new file, its inode)."""


def identity(status: os.stat_result) -> Identity:
    return (status.st_size, status.st_mtime_ns, status.st_ino)


def place(published: str, target: str) -> None:
    """Put the published file at `target` (replacing whatever is there).

    The link is tried first, as it nearly always succeeds (a new name in a fresh staging
    folder): a folder made or a file replaced beforehand would cost a failed system call
    for every one of thousands of kept pages.
    """
    try:
        os.link(published, target)
        return
    except FileExistsError:
        os.unlink(target)
    except FileNotFoundError:
        os.makedirs(os.path.dirname(target), exist_ok=True)
    except OSError:
        pass  # another file system: copied below
    try:
        os.link(published, target)
    except OSError:
        shutil.copy2(published, target)
