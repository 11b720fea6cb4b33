"""Read what Pagefind wrote, as the browser would: each indexed page's fragment by its URL, from
every part that parts.json lists."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup

SIGNATURE = b"pagefind_dcd"


def parts(output: Path) -> list[Path]:
    """The bundle folder of each part of the index, as parts.json lists them."""
    bundle = output / "pagefind"
    listing = json.loads((bundle / "parts.json").read_text(encoding="utf-8"))
    return [bundle / part["folder"] for part in listing["parts"]]


def part_fragments(part: Path) -> dict[str, dict[str, Any]]:
    """Every fragment (url, content, filters, meta, anchors) of one part, by URL path."""
    found = {}
    for path in sorted((part / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(SIGNATURE), path
        fragment = json.loads(data[len(SIGNATURE) :])
        found[fragment["url"]] = fragment
    return found


def fragments(output: Path) -> dict[str, dict[str, Any]]:
    """Every indexed page's fragment, by URL path; no page is in two parts."""
    found: dict[str, dict[str, Any]] = {}
    for part in parts(output):
        held = part_fragments(part)
        assert not held.keys() & found.keys(), part
        found |= held
    return found


def marked_pages(output: Path) -> set[str]:
    """Output files whose <main> is marked for the index, as URL paths Pagefind would give."""
    marked = set()
    for page in output.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        if "data-pagefind-body" in html and BeautifulSoup(html, "html.parser").select(
            "[data-pagefind-body]"
        ):
            marked.add("/" + str(page.relative_to(output)))
    return marked
