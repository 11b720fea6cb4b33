"""The two machine-read files: sitemap.xml (the sitemaps.org protocol) and robots.txt."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import quote
from xml.sax.saxutils import escape

from .entries import Entry

NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"


def absolute(site_url: str, path: str) -> str:
    """The address of a path; root-relative when the site has no SITEURL (previews)."""
    return site_url.rstrip("/") + quote(path, safe="/~-._!$&'()*+,;=:@")


def sitemap_xml(entries: Iterable[Entry], site_url: str) -> str:
    """Sorted by address, so the same pages always give the same bytes."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f'<urlset xmlns="{NAMESPACE}">']
    for entry in sorted(entries, key=lambda e: e.path):
        lines.append("  <url>")
        lines.append(f"    <loc>{escape(absolute(site_url, entry.path))}</loc>")
        if entry.lastmod is not None:
            lines.append(f"    <lastmod>{entry.lastmod.isoformat(timespec='seconds')}</lastmod>")
        lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots_txt(site_url: str, sitemap_path: str) -> str:
    """Every crawler may read everything: web archives keep the public record."""
    text = (
        "# Every crawler may read every page, web archives' crawlers included.\n"
        "User-agent: *\n"
        "Disallow:\n"
    )
    if site_url.startswith(("http://", "https://")):
        text += f"\nSitemap: {absolute(site_url, sitemap_path)}\n"
    return text
