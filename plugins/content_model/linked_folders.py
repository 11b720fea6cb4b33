"""Walking a folder as Pelican looks for sources: through linked folders, each real folder once.

Both the check for an unchanged build (every input file) and the read-ahead copy (every
source) must see the files Pelican will read, and a link back up must not loop.
"""

from __future__ import annotations

import os
from collections.abc import Iterator


def walk_each_folder_once(top: str) -> Iterator[tuple[str, list[str], list[str]]]:
    """`os.walk(top, followlinks=True)`, skipping a folder already walked under another path;
    as with `os.walk`, the caller may sort or prune the folder names it is given."""
    seen: set[str] = set()
    for root, folders, files in os.walk(top, followlinks=True):
        real = os.path.realpath(root)
        if real in seen:
            folders[:] = []
            continue
        seen.add(real)
        yield root, folders, files
