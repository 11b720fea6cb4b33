"""The search page, its script, and the Pagefind index of the finished site.

Two generators, because they run at opposite ends of the build: the page is written with the
other pages (so the sitemaps list it); the index is made last, from the staging folder the
publishing plugin is about to swap into place, so it holds exactly what is published.
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path
from typing import Any

from content_model.build_cache import cache_folder
from content_model.problems import stop_build
from content_model.shared_writing import gather
from pelican.generators import Generator

from .index_reuse import IndexReuse, pages_digest
from .indexer import IndexSummary, SearchIndexError, index_site, remove_bundle
from .settings import BUNDLE_FOLDER, SearchSettings, SearchSettingsError, search_settings

logger = logging.getLogger(__name__)

CONTEXT_KEY = "SEARCH"
SCRIPT = Path(__file__).with_name("search.js")
# After Pelican's generators, the sitemap (10) and permanent_urls (20), which writes redirects.
INDEX_FINISH_ORDER = 30

# Output files whose page carries data-pagefind-body in the build in progress (templates add
# to it through search_record()); emptied when a build starts.
MARKED: set[str] = gather("search: pages marked for the index", set())


def settings_for(generator: Generator) -> SearchSettings:
    try:
        return search_settings(generator.settings)
    except SearchSettingsError as error:
        raise stop_build(f"settings: {error}", 2) from None


class SearchPageGenerator(Generator):
    """Writes the search page and the script that runs Pagefind in the reader's browser."""

    def generate_context(self) -> None:
        MARKED.clear()
        self.config = settings_for(self)
        self.context[CONTEXT_KEY] = self.config

    def generate_output(self, writer: Any) -> None:
        config = self.config
        writer.write_file(
            config.save_as,
            self.get_template("search"),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            url=config.url,
            search_script_url=config.script_save_as,
            search_bundle_url=f"{BUNDLE_FOLDER}/",
        )
        target = os.path.join(self.output_path, config.script_save_as)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copyfile(SCRIPT, target)


class SearchIndexGenerator(Generator):
    """Runs Pagefind over the finished staging folder, after every page is written."""

    finish_order = INDEX_FINISH_ORDER
    indexed = True  # False when the published index was kept (index_reuse.py)

    def generate_output(self, writer: Any) -> None:
        config = settings_for(self)
        remove_bundle(self.output_path, BUNDLE_FOLDER)
        if not MARKED:
            logger.info("Search: no published content to index")
            return
        keep_index_url = str(self.settings.get("INDEX_SUFFIX") or "").endswith("index.html")
        try:
            summary = self._index(config.ignore, keep_index_url)
        except SearchIndexError as error:
            raise stop_build(str(error), 5) from None
        if summary.pages != len(MARKED):
            raise stop_build(
                f"search: Pagefind indexed {summary.pages} pages but {len(MARKED)} were marked "
                "for it; nothing was published",
                5,
            )
        logger.info(
            "Search: %s %d pages into %s/ (%d files, %.0f kB) in %.2f s",
            "indexed" if self.indexed else "no page changed; kept the published index of",
            summary.pages,
            BUNDLE_FOLDER,
            summary.files,
            summary.size / 1024,
            summary.seconds,
        )

    def _index(self, ignore: tuple[str, ...], keep_index_url: bool) -> IndexSummary:
        """Pagefind's index of the staging folder, or the published one if made from the same
        pages (index_reuse.py)."""
        folder = cache_folder(self.settings)
        self.indexed = True
        if folder is None:
            return index_site(self.output_path, BUNDLE_FOLDER, ignore, keep_index_url)
        reuse = IndexReuse(folder, str(self.settings["OUTPUT_PATH"]))
        options = (BUNDLE_FOLDER, repr(ignore), str(keep_index_url))
        key = pages_digest(self.output_path, BUNDLE_FOLDER, options)
        summary = reuse.reuse(key, self.output_path, BUNDLE_FOLDER)
        if summary is None:
            summary = index_site(self.output_path, BUNDLE_FOLDER, ignore, keep_index_url)
            reuse.remember(key, self.output_path, BUNDLE_FOLDER, summary)
        else:
            self.indexed = False
        reuse.save()
        return summary
