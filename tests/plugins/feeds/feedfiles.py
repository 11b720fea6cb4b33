"""Reading a built site's feeds as a feed reader would: find them, parse them, list their items."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from lxml import etree

ATOM = "{http://www.w3.org/2005/Atom}"
FEED_TYPES = ("application/atom+xml", "application/rss+xml")
DEVELOPMENT_URL = "http://127.0.0.1:8000"


def _self_link(path: Path) -> str | None:
    link = parse(path).find(f".//{ATOM}link[@rel='self']")
    return None if link is None else link.get("href")


def _written(output: Path) -> dict[str, str | None]:
    return {
        str(path.relative_to(output)): _self_link(path)
        for path in sorted((output / "feeds").rglob("*.xml"))
    }


def feed_files(output: Path) -> list[str]:
    """Every feed the build publishes, relative to the output folder: not the copies left at
    the old address of a renamed feed (content/redirects.toml), whose self link is elsewhere."""
    return [name for name, link in _written(output).items() if link == f"{DEVELOPMENT_URL}/{name}"]


def moved_feed_copies(output: Path) -> dict[str, str]:
    """Copies of a renamed feed at its old address: {old file: the feed's own address}."""
    return {
        name: str(link).removeprefix(f"{DEVELOPMENT_URL}/")
        for name, link in _written(output).items()
        if link != f"{DEVELOPMENT_URL}/{name}"
    }


def _resolve(page: str, href: str) -> str:
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), urlsplit(href).path))


def linked_feeds(output: Path, page: str) -> dict[str, set[str]]:
    """The feeds one page links: {"head": autodiscovery links, "body": visible links}."""
    html = BeautifulSoup((output / page).read_text(encoding="utf-8"), "html.parser")
    head = {
        _resolve(page, link["href"])
        for link in html.find_all("link", rel="alternate")
        if link.get("type") in FEED_TYPES
    }
    body = {
        _resolve(page, a["href"])
        for a in html.find_all("a", href=True)
        if urlsplit(a["href"]).path.endswith((".atom.xml", ".rss.xml"))
    }
    return {"head": head, "body": body}


def every_linked_feed(output: Path) -> set[str]:
    linked: set[str] = set()
    for path in output.rglob("*.html"):
        found = linked_feeds(output, str(path.relative_to(output)))
        linked |= found["head"] | found["body"]
    return linked


@dataclass
class Item:
    id: str
    title: str
    link: str
    published: str | None
    updated: str | None


def parse(path: Path) -> etree._Element:
    return etree.parse(str(path)).getroot()


def alternate(element: etree._Element) -> str | None:
    """An Atom element's alternate link: rel="alternate", or no rel at all (RFC 4287 4.2.7.2)."""
    for link in element.findall(f"{ATOM}link"):
        if link.get("rel", "alternate") == "alternate":
            return link.get("href")
    return None


def atom_items(path: Path) -> list[Item]:
    root = parse(path)
    items = []
    for entry in root.findall(f"{ATOM}entry"):
        items.append(
            Item(
                id=entry.findtext(f"{ATOM}id") or "",
                title=entry.findtext(f"{ATOM}title") or "",
                link=alternate(entry) or "",
                published=entry.findtext(f"{ATOM}published"),
                updated=entry.findtext(f"{ATOM}updated"),
            )
        )
    return items


def rss_items(path: Path) -> list[Item]:
    root = parse(path)
    return [
        Item(
            id=item.findtext("guid") or "",
            title=item.findtext("title") or "",
            link=item.findtext("link") or "",
            published=item.findtext("pubDate"),
            updated=None,
        )
        for item in root.iter("item")
    ]


def titles(output: Path, feed: str) -> list[str]:
    return [item.title for item in atom_items(output / feed)]
