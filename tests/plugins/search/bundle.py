"""Read what Pagefind wrote, as the browser would: each indexed page's fragment by its URL."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup

SIGNATURE = b"pagefind_dcd"


def fragments(output: Path) -> dict[str, dict[str, Any]]:
    """Every indexed page's fragment (url, content, filters, meta, anchors), by URL path."""
    found = {}
    for path in sorted((output / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(SIGNATURE), path
        fragment = json.loads(data[len(SIGNATURE) :])
        found[fragment["url"]] = fragment
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
