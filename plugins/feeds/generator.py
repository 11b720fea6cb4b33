"""Writes every feed in Atom and RSS, the two OPML lists and the Subscribe page.

Files go under the generator's output_path, which is the publishing plugin's staging folder,
so feeds are swapped into place with the rest of the site or not at all.
"""

from __future__ import annotations

import logging
import os
from typing import Any

from content_model.problems import stop_build
from content_model.shared_writing import owns
from content_model.site_words import setting_in
from pelican.generators import Generator

from .catalog import FeedCatalog, build_catalog
from .consultations import add_consultation_feeds
from .feed_cache import feed_bytes, open_cache
from .model import EPOCH, Feed, updated_of
from .opml import opml_bytes
from .render import FeedDocument
from .settings import FeedSettingsError, feed_settings

logger = logging.getLogger(__name__)

CONTEXT_KEY = "FEEDS"
ICON = "images/favicon.svg"  # under the theme's static folder


class FeedsGenerator(Generator):
    shares_writing = True  # writes only what `owns` gives it (content_model/shared_writing.py)
    catalog: FeedCatalog | None = None

    def generate_context(self) -> None:
        """Check the settings before anything is written; feeds are catalogued later."""
        try:
            self.config = feed_settings(self.settings)
        except FeedSettingsError as error:
            raise stop_build(f"settings: {error}", 2) from None

    def build_catalog(self) -> None:
        """Called once every generator has read its sources and comments are attached."""
        self.catalog = build_catalog(self.context, self.config)
        add_consultation_feeds(self.catalog, self.context, self.catalog.clock)
        self.context[CONTEXT_KEY] = self.catalog

    def generate_output(self, writer: Any) -> None:
        catalog = self.catalog
        if catalog is None:
            return
        newest = EPOCH
        items = 0
        cache = open_cache(self.settings)
        for feed in catalog.feeds:
            document = self._document(catalog, feed)
            newest = max(newest, document.updated)
            items += len(document.entries)
            if owns(feed.atom_url):  # both formats of a feed are written by one process
                atom, rss = feed_bytes(document, feed.atom_url, feed.rss_url, cache)
                self._write(feed.atom_url, atom)
                self._write(feed.rss_url, rss)
        if cache is not None:
            cache.save()
        groups = catalog.feed_groups
        absolute = catalog.addresses.absolute
        for url, label, link in (
            (catalog.opml_atom_url, "Atom", lambda f: absolute(f.atom_url)),
            (catalog.opml_rss_url, "RSS", lambda f: absolute(f.rss_url)),
        ):
            title = f"Every {label} feed of {catalog.sitename}"
            if owns(url):
                self._write(
                    url, opml_bytes(title, groups, link, lambda f: absolute(f.page_url), newest)
                )
        writer.write_file(
            catalog.subscribe_save_as,
            self.get_template("subscribe"),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            url=catalog.subscribe_url,
            feed_groups=groups,
        )
        logger.info(
            "Feeds: %d feeds in Atom and RSS (%d items), 2 OPML lists, under %s/",
            len(catalog.feeds),
            items,
            catalog.config.path,
        )

    def _document(self, catalog: FeedCatalog, feed: Feed) -> FeedDocument:
        entries = feed.entries()
        absolute = catalog.addresses.absolute
        icon = f"{self.settings.get('THEME_STATIC_DIR', 'theme')}/{ICON}"
        has_icon = os.path.isfile(os.path.join(self.theme, "static", ICON))
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
        path = os.path.join(self.output_path, relative)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as handle:
            handle.write(data)
