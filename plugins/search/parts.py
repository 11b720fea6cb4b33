"""Which part of the search index each marked page goes in, and the list of parts.

Pagefind holds everything it indexes in memory (2.2 GB for a 5,000-post site), so the pages are
indexed in parts of about `SEARCH_PART_SIZE` megabytes of HTML, one Pagefind run each, and the
search page merges the parts in the reader's browser. A page's part is the CRC-32 of its
output path modulo the number of parts: it never depends on the other pages, so one changed
page changes one part only (index_reuse.py keeps the others). The number of parts is the
total size over the part size, rounded up; it changes only when the site grows or shrinks
past a multiple of the part size, and then every part is indexed again, once.

The bundle folder holds one Pagefind bundle per non-empty part, named by its number
(`pagefind/0/`, `pagefind/3/`...), and `parts.json`, which the search page reads because it is
written before the index: {"parts": [{"folder": "0/", "languages": {"cy": 3, "en": 40}}]},
each part's languages with their page counts, as its `pagefind-entry.json` gives them.
"""

from __future__ import annotations

import json
import math
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

MANIFEST = "parts.json"
ENTRY_FILE = "pagefind-entry.json"


@dataclass(frozen=True)
class Part:
    number: int
    count: int  # how many parts the site is split into
    pages: tuple[str, ...]  # output paths relative to the site, in order
    size: int  # bytes of HTML

    @property
    def folder(self) -> str:
        """Its bundle's folder under the bundle folder."""
        return str(self.number)

    @property
    def name(self) -> str:
        return f"part {self.number + 1} of {self.count}"


def part_of(page: str, count: int) -> int:
    return zlib.crc32(page.encode("utf-8")) % count


def split(pages: Mapping[str, int], part_size: int) -> list[Part]:
    """The non-empty parts of the marked pages (paths relative to the site, with their sizes)."""
    sizes = {page: pages[page] for page in sorted(pages)}
    count = max(1, math.ceil(sum(sizes.values()) / part_size))
    chosen: list[list[str]] = [[] for _ in range(count)]
    for page in sizes:
        chosen[part_of(page, count)].append(page)
    return [
        Part(number, count, tuple(members), sum(sizes[page] for page in members))
        for number, members in enumerate(chosen)
        if members
    ]


def write_manifest(bundle: Path, parts: list[Part]) -> None:
    """`parts.json`: each part's folder and languages, in part order, for search.js."""
    listed = []
    for part in parts:
        entry = json.loads((bundle / part.folder / ENTRY_FILE).read_text(encoding="utf-8"))
        languages = {
            language: index.get("page_count", 0)
            for language, index in sorted(entry["languages"].items())
        }
        listed.append({"folder": f"{part.folder}/", "languages": languages})
    (bundle / MANIFEST).write_text(
        json.dumps({"parts": listed}, separators=(",", ":")), encoding="utf-8"
    )
