"""Python's full garbage collections held off while a build reads and prepares its site.

A full collection scans every object the process holds, and Python starts one each time the
heap has grown by a quarter. Reading a site only ever grows it (posts, 100,000 comments,
their threads), so a build of 5,000 posts ran a dozen full collections before writing began:
2.3 s of a 20 s rebuild, 2.9 s of a clean build, each collection finding at most a few
hundred objects to free. Young collections still run, and they find short-lived cycles. Full
collections come back when writing starts, once what was read is frozen (shared_writing.py),
so each then scans only what writing makes; and at the end of the build.
"""

from __future__ import annotations

import gc
from typing import Any

NEVER = 2**31 - 1  # young collections between full ones: never reached in a build
_held: list[tuple[int, int, int]] = []  # the thresholds to restore, while held


def hold(*_: Any) -> None:
    """Hold off full collections (the signal that starts a build or one of its runs)."""
    if not _held:
        young, older, full = gc.get_threshold()
        _held.append((young, older, full))
        gc.set_threshold(young, older, NEVER)


def release(*_: Any) -> None:
    """Let full collections run again, as they did before `hold`."""
    if _held:
        gc.set_threshold(*_held.pop())
