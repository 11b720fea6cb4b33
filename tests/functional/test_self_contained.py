"""Publishing invariant 5: no page, stylesheet, script or image makes a browser fetch anything
from another host. Links (`<a href>`) to other sites are fine; fetched resources are not."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

SITE_HOST = "dialogues.example.gov.uk"
# <link> relations a browser does not fetch on its own.
NOT_FETCHED = {"canonical", "alternate", "author", "license", "help", "next", "prev", "bookmark"}
FETCHING_ATTRIBUTES = ("src", "srcset", "poster", "data", "background", "action", "formaction")
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""", re.I)
JS_URL = re.compile(r"""['"`]((?:https?:)?//[^'"`\s]+)""")
NAMESPACES = ("http://www.w3.org/", "https://www.w3.org/")


def remote(url: str) -> bool:
    """An address on another host: absolute or protocol-relative, and not this site."""
    url = url.strip()
    if url.startswith(("data:", "#", "mailto:")):
        return False
    parts = urlsplit(url)
    return bool(parts.netloc) and parts.hostname != SITE_HOST


def srcset_urls(value: str) -> list[str]:
    return [candidate.strip().split(" ")[0] for candidate in value.split(",") if candidate.strip()]


def in_css(text: str) -> list[str]:
    return [first or second for first, second in CSS_URL.findall(text)]


def in_html(text: str) -> list[str]:
    page = BeautifulSoup(text, "html.parser")
    found: list[str] = []
    for element in page.find_all(True):
        for attribute in FETCHING_ATTRIBUTES:
            value = element.get(attribute)
            if value and element.name != "form":
                found += srcset_urls(value) if attribute == "srcset" else [value]
        if element.name == "link" and not set(element.get("rel", [])) <= NOT_FETCHED:
            found.append(element.get("href", ""))
        if element.name in ("use", "image") and element.get("href"):
            found.append(element["href"])
        if element.name == "base" and element.get("href"):
            found.append(element["href"])
        if element.get("style"):
            found += in_css(element["style"])
        if element.name == "meta" and element.get("http-equiv", "").lower() == "refresh":
            found.append(element.get("content", "").partition("url=")[2])
    for style in page.find_all("style"):
        found += in_css(style.get_text())
    for script in page.find_all("script"):
        if script.get("type") != "application/ld+json":
            found += JS_URL.findall(script.get_text())
    return found


def in_svg(text: str) -> list[str]:
    found: list[str] = []
    for element in ElementTree.fromstring(text).iter():
        for name, value in element.attrib.items():
            if name.rsplit("}", 1)[-1] in ("href", "src"):
                found.append(value)
            if name == "style":
                found += in_css(value)
        if element.tag.rsplit("}", 1)[-1] == "style" and element.text:
            found += in_css(element.text)
    return found


def in_javascript(text: str) -> list[str]:
    """Quoted addresses, less XML namespaces and template literals that build an address at
    run time (Pagefind parses paths against `https://example.com${path}`; nothing is fetched)."""
    return [
        url for url in JS_URL.findall(text) if not url.startswith(NAMESPACES) and "${" not in url
    ]


READERS = {".html": in_html, ".css": in_css, ".svg": in_svg, ".js": in_javascript}
READERS[".mjs"] = in_javascript


def remote_references(folder: Path) -> list[str]:
    """`file: address` for every fetched resource on another host, in every checked file."""
    problems = []
    for path in sorted(folder.rglob("*")):
        reader = READERS.get(path.suffix)
        if reader is None or not path.is_file():
            continue
        for url in reader(path.read_text(encoding="utf-8")):
            if remote(url):
                problems.append(f"{path.relative_to(folder)}: {url}")
    return problems


def test_no_output_file_fetches_anything_from_another_host(production_build) -> None:
    checked = [p for p in production_build.output.rglob("*") if p.suffix in READERS]
    assert any(p.suffix == ".css" for p in checked) and any(p.suffix == ".svg" for p in checked)
    assert remote_references(production_build.output) == []


def test_links_to_other_sites_are_allowed_but_counted_as_links(production_build) -> None:
    footer_links = BeautifulSoup(production_build.read("index.html"), "html.parser").select(
        "footer a[href^='https://']"
    )
    assert any(urlsplit(a["href"]).hostname != SITE_HOST for a in footer_links)


def test_the_check_finds_every_kind_of_fetched_remote_resource(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(
        '<link rel="stylesheet" href="https://cdn.example.com/a.css">'
        '<link rel="canonical" href="https://elsewhere.example.org/">'
        '<img src="//img.example.com/b.png" srcset="/ok.png 1x, https://img.example.com/c.png 2x">'
        '<a href="https://www.example.org/">a link is fine</a>'
        '<div style="background: url(https://bg.example.com/d.png)"></div>'
        '<script>fetch("https://api.example.com/e")</script>'
        '<script type="application/ld+json">{"@context": "https://schema.org"}</script>'
        '<meta http-equiv="refresh" content="0; url=https://away.example.com/">',
        encoding="utf-8",
    )
    (tmp_path / "style.css").write_text(
        "@import 'https://fonts.example.com/f.css'; a { background: url('/local.png') }"
    )
    (tmp_path / "icon.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
        '<image xlink:href="https://img.example.com/g.png"/></svg>'
    )
    (tmp_path / "app.js").write_text(
        'const ns = "http://www.w3.org/2000/svg"; import("https://cdn.example.com/h.js");'
    )

    found = remote_references(tmp_path)

    hosts = sorted({urlsplit(line.split(": ", 1)[1]).hostname or "" for line in found})
    assert hosts == [
        "api.example.com",
        "away.example.com",
        "bg.example.com",
        "cdn.example.com",
        "fonts.example.com",
        "img.example.com",
    ]
    assert not any("www.example.org" in line or "schema.org" in line for line in found)
