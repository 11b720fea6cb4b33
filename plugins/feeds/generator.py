"""Writes every feed in Atom and RSS, the two OPML lists and the Subscribe page.

Files go under the generator's output_path, which is the publishing plugin's staging folder,
so feeds are swapped into place with the rest of the site or not at all.
"""

from __future__ import annotations

import logging
import os
from datetime import datetime
from functools import partial
from typing import Any

from content_model.problems import stop_build
from content_model.shared_writing import gather, owns, will_write_feeds, write_feed
from content_model.site_words import setting_in
from pelican.generators import Generator

from .catalog import FeedCatalog, build_catalog
from .consultations import add_consultation_feeds
from .feed_cache import FeedCache, document_key, open_cache
from .model import EPOCH, Feed, updated_of
from .opml import opml_bytes
from .render import FeedDocument, atom_bytes, rss_bytes
from .settings import FeedSettingsError, feed_settings

logger = logging.getLogger(__name__)

CONTEXT_KEY = "FEEDS"
ICON = "images/favicon.svg"  # under the theme's static folder
# After every generator that shares the writing, so after the processes that wrote feeds
# have sent what they wrote (content_model/shared_writing.py), before the sitemap (10).
LISTS_FINISH_ORDER = 5

# "updated<TAB>entries<TAB>feed id" of each feed written, by whichever process wrote it: the
# OPML lists are dated by the newest feed, and the log counts the entries.
WRITTEN: set[str] = gather("feeds: the feeds written", set())


class FeedsGenerator(Generator):
    # Written in the first process alone, after the pages: the copies end once the pages are
    # written, and the search index is made beside the feeds on the core they leave
    # (search/background.py), in the memory they held (docs/performance.md).
    shares_writing = False
    catalog: FeedCatalog | None = None

    def generate_context(self) -> None:
        """Check the settings before anything is written; feeds are catalogued later."""
        try:
            self.config = feed_settings(self.settings)
        except FeedSettingsError as error:
            raise stop_build(f"settings: {error}", 2) from None

    def build_catalog(self) -> None:
        """Called once every generator has read its sources and comments are attached."""
        WRITTEN.clear()
        self.catalog = build_catalog(self.context, self.config)
        add_consultation_feeds(self.catalog, self.context, self.catalog.clock)
        self.context[CONTEXT_KEY] = self.catalog
        will_write_feeds(self.catalog.feeds)

    def generate_output(self, writer: Any) -> None:
        catalog = self.catalog
        if catalog is None:
            return
        cache = open_cache(self.settings)
        has_icon = os.path.isfile(os.path.join(self.theme, "static", ICON))
        for feed in catalog.feeds:
            # Only the process that writes a feed makes its document: the others would read
            # every comment for nothing (and, forked, copy the memory holding them).
            if owns(feed.atom_url):  # both formats of a feed are written by one process
                write_feed(feed, self.output_path, partial(self._feed, feed, has_icon, cache))
        if cache is not None:
            cache.save()
        writer.write_file(
            catalog.subscribe_save_as,
            self.get_template("subscribe"),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            url=catalog.subscribe_url,
            feed_groups=catalog.feed_groups,
        )

    def _feed(self, feed: Feed, has_icon: bool, cache: FeedCache | None) -> None:
        """A feed's document and its Atom and RSS files (those published, if the same)."""
        assert self.catalog is not None
        document = self._document(self.catalog, feed, has_icon)
        WRITTEN.add(f"{document.updated.isoformat()}\t{len(document.entries)}\t{feed.id}")
        if cache is None:
            atom, rss = atom_bytes(document), rss_bytes(document)
        else:
            key = document_key(document)
            if cache.keep(key, (feed.atom_url, feed.rss_url), self.output_path):
                return
            atom, rss = cache.rendered(document, key)
        self._write(feed.atom_url, atom)
        self._write(feed.rss_url, rss)

    def _document(self, catalog: FeedCatalog, feed: Feed, has_icon: bool) -> FeedDocument:
        entries = feed.entries()
        absolute = catalog.addresses.absolute
        icon = f"{self.settings.get('THEME_STATIC_DIR', 'theme')}/{ICON}"
        return FeedDocument(
            id=feed.id,
            title=feed.title,
            description=feed.description,
            page_link=absolute(feed.page_url),
            atom_link=absolute(feed.atom_url),
            rss_link=absolute(feed.rss_url),
            language=feed.lang or str(self.settings.get("DEFAULT_LANG") or "en"),
            author=setting_in(self.settings, "SITE_OWNER", feed.lang or "") or catalog.sitename,
            icon=absolute(icon) if has_icon else None,
            updated=updated_of(entries, feed.subject_date),
            entries=entries,
        )

    def _write(self, relative: str, data: bytes) -> None:
        write_bytes(self.output_path, relative, data)


def write_bytes(output_path: str, relative: str, data: bytes) -> None:
    path = os.path.join(output_path, relative)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as handle:
        handle.write(data)


class FeedListsGenerator(Generator):
    """The two OPML lists of every feed, dated by the newest feed: written once every feed
    is, in the first process, from what each writing process reported."""

    finish_order = LISTS_FINISH_ORDER

    def generate_output(self, writer: Any) -> None:
        catalog = self.context.get(CONTEXT_KEY)
        if not isinstance(catalog, FeedCatalog):
            return
        written = [line.split("\t", 2) for line in WRITTEN]
        newest = max((datetime.fromisoformat(updated) for updated, _, _ in written), default=EPOCH)
        groups = catalog.feed_groups
        absolute = catalog.addresses.absolute
        for url, label, link in (
            (catalog.opml_atom_url, "Atom", lambda f: absolute(f.atom_url)),
            (catalog.opml_rss_url, "RSS", lambda f: absolute(f.rss_url)),
        ):
            title = f"Every {label} feed of {catalog.sitename}"
            opml = opml_bytes(title, groups, link, lambda f: absolute(f.page_url), newest)
            write_bytes(self.output_path, url, opml)
        logger.info(
            "Feeds: %d feeds in Atom and RSS (%d items), 2 OPML lists, under %s/",
            len(written),
            sum(int(entries) for _, entries, _ in written),
            catalog.config.path,
        )
