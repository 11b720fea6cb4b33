"""Writes the HTML sitemap page, sitemap.xml and robots.txt once every other page is written."""

from __future__ import annotations

import logging
import os
from datetime import datetime
from typing import Any

from content_model.build_cache import cache_folder
from content_model.shared_writing import collect, in_copy, owns
from pelican.generators import Generator

from .entries import Entry, entry_for, relative_path
from .files import robots_txt, sitemap_xml
from .sections import DEFAULT_SECTIONS, sections_for
from .titles import TitleCache

logger = logging.getLogger(__name__)

# Runs after Pelican's own generators, before permanent_urls (finish_order 20).
FINISH_ORDER = 10
DEFAULT_EXCLUDE = ("404.html",)

# The generator of the build in progress; Pelican's content_written signal names no generator.
_RECORDING: list[SitemapGenerator] = []


# Each writing process works out the entries of the pages it writes (Pelican still sends
# `content_written` for every page in every process, content_model/shared_writing.py); the
# copies' entries reach the first process, which writes the sitemaps, through this list.
FROM_COPIES: list[Entry] = collect("sitemap: entries")


def record_written(path: str, context: dict[str, Any] | None = None) -> None:
    if _RECORDING and context is not None:
        _RECORDING[0].record(path, context)


def record_file(
    relative: str, title: str, lastmod: datetime | None, published: datetime | None = None
) -> None:
    """A published file that is not a page (a consultation's PDF), for both sitemaps; other
    plugins call this from their generate_output, which runs before the sitemap's."""
    if _RECORDING:
        path = "/" + relative.lstrip("/")
        entry = Entry(path, path.lstrip("/"), title, lastmod, published, continuation=False)
        _RECORDING[0].entries[path] = entry


class SitemapGenerator(Generator):
    finish_order = FINISH_ORDER

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.entries: dict[str, Entry] = {}
        self.titles = TitleCache(cache_folder(self.settings))
        _RECORDING[:] = [self]
        FROM_COPIES.clear()

    def record(self, path: str, context: dict[str, Any]) -> None:
        if not owns(relative_path(path, self.output_path)):
            return  # another writing process records it
        exclude = self.settings.get("SITEMAP_EXCLUDE", DEFAULT_EXCLUDE)
        # The page is written (or, kept, linked in place) before `content_written` is sent:
        # its title is read here, by the process that wrote it, not after every page is.
        sitename = self.settings.get("SITENAME", "")
        entry = entry_for(
            path, context, self.output_path, self.context, exclude, sitename, self.titles.title
        )
        if entry is None:
            return
        if in_copy():
            FROM_COPIES.append(entry)
        else:
            self.entries[entry.path] = entry

    def generate_output(self, writer: Any) -> None:
        # The pages the forked copies wrote (content_model/shared_writing.py).
        for entry in FROM_COPIES:
            self.entries[entry.path] = entry
        FROM_COPIES.clear()
        site_url = self.settings.get("SITEURL", "")
        save_as = self.settings.get("SITEMAP_SAVE_AS", "sitemap/index.html")
        if save_as:
            sections = sections_for(
                self.entries.values(), self.settings.get("SITEMAP_SECTIONS", DEFAULT_SECTIONS)
            )
            writer.write_file(
                save_as,
                self.get_template("sitemap"),
                self.context,
                relative_urls=self.settings["RELATIVE_URLS"],
                url=self.settings.get("SITEMAP_URL", "sitemap/"),
                sitemap_sections=sections,
                sitemap_xml_url="sitemap.xml",
            )
        _RECORDING.clear()
        self._write("sitemap.xml", sitemap_xml(self.entries.values(), site_url))
        self._write("robots.txt", robots_txt(site_url, "/sitemap.xml"))
        read = self.titles.save()
        logger.info(
            "Sitemap: %d pages (%d titles read from their files, the others kept from the "
            "last build)",
            len(self.entries),
            read,
        )

    def _write(self, name: str, text: str) -> None:
        with open(os.path.join(self.output_path, name), "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
