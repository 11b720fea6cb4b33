"""The WACZ pages list: the pages people open, with their titles, in the sitemap's order.

The pages are those the XML sitemap lists (no redirects, no 404 page); without a sitemap,
every HTML page. Ids are name-based UUIDs of the URL, so the list is reproducible.
"""

from __future__ import annotations

import html
import json
import os
import re
import uuid
import xml.etree.ElementTree as ElementTree

from .files import OutputFile
from .warc import RECORD_NAMESPACE, warc_date

TITLE = re.compile(rb"<title>(.*?)</title>", re.S)
SITEMAP_NAMESPACE = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def sitemap_urls(output: str) -> set[str] | None:
    path = os.path.join(output, "sitemap.xml")
    if not os.path.isfile(path):
        return None
    tree = ElementTree.parse(path)
    return {(loc.text or "").strip() for loc in tree.iter(f"{SITEMAP_NAMESPACE}loc")}


def page_title(file: OutputFile) -> str:
    with open(file.path, "rb") as handle:
        found = TITLE.search(handle.read(8192))
    return html.unescape(found.group(1).decode("utf-8")).strip() if found else file.url


def pages_jsonl(output: str, files: list[OutputFile], title: str, moment_text: str) -> str:
    listed = sitemap_urls(output)
    lines = [json.dumps({"format": "json-pages-1.0", "id": "pages", "title": title})]
    for file in files:
        if not file.is_page or (listed is not None and file.url not in listed):
            continue
        entry = {
            "id": str(uuid.uuid5(RECORD_NAMESPACE, "page\n" + file.url)),
            "url": file.url,
            "ts": moment_text,
            "title": page_title(file),
        }
        lines.append(json.dumps(entry, ensure_ascii=False))
    return "\n".join(lines) + "\n"


def page_count(text: str) -> int:
    return max(0, len(text.strip().splitlines()) - 1)


__all__ = ["page_count", "pages_jsonl", "warc_date"]
