"""The search page, its script, and the Pagefind index of the finished site.

Two generators, because they run at opposite ends of the build: the page is written with the
other pages (so the sitemaps list it); the index is made from the staging folder the
publishing plugin will swap into place, once every page it indexes is written, beside the
feeds (background.py), and finished last, so it holds exactly what is published. The search
page learns which parts the index has from the `parts.json` the index step writes.
"""

from __future__ import annotations

import logging
import os
import shutil
from functools import partial
from pathlib import Path
from typing import Any

from content_model.build_cache import cache_folder
from content_model.problems import stop_build
from content_model.shared_writing import gather, when_pages_written
from pelican.generators import Generator

from .background import IndexRun, stamps
from .index_reuse import IndexReuse
from .indexer import SearchIndexError, remove_bundle
from .settings import BUNDLE_FOLDER, SearchSettings, SearchSettingsError, search_settings
from .site_index import link_first_changed_part, make_index, plan_index

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
    """Runs Pagefind over the staging folder, part by part (site_index.py): started in the
    background once every marked page is written (background.py), finished after every
    other generator."""

    finish_order = INDEX_FINISH_ORDER

    def generate_context(self) -> None:
        self.run: IndexRun | None = None
        when_pages_written("search index", self.start)

    def start(self) -> None:
        """Start making the index of the pages marked so far, beside the rest of the build."""
        config = settings_for(self)
        if MARKED:
            self._check_written()
            try:
                self.run = self._run_of(config)
            except SearchIndexError as error:  # no Pagefind to plan for
                raise stop_build(str(error), 5) from None

    def _run_of(self, config: SearchSettings) -> IndexRun:
        """Plan the index here, then make it in a thread: Pagefind starts at once."""
        pages = frozenset(MARKED)
        found = stamps(self.output_path, pages)
        folder = cache_folder(self.settings)
        plan = plan_index(
            self.output_path,
            {page: stamp for page, stamp in found.items() if stamp is not None},
            ignore=config.ignore,
            keep_index_url=str(self.settings.get("INDEX_SUFFIX") or "").endswith("index.html"),
            part_size=config.part_size,
            reuse=(
                IndexReuse(folder, str(self.settings["OUTPUT_PATH"]), BUNDLE_FOLDER)
                if folder
                else None
            ),
        )
        return IndexRun(
            self.output_path,
            pages,
            partial(make_index, plan),
            found,
            prepare=partial(link_first_changed_part, plan),
        )

    def _check_written(self) -> None:
        site = self.output_path
        missing = sorted(page for page in MARKED if not os.path.isfile(os.path.join(site, page)))
        if missing:
            raise stop_build(f"search: {missing[0]} was marked for the index but not written", 5)

    def generate_output(self, writer: Any) -> None:
        remove_bundle(self.output_path, BUNDLE_FOLDER)
        run, self.run = self.run, None
        try:
            done = run.finish(frozenset(MARKED)) if run is not None else None
            if run is not None and done is None:
                logger.info("Search: pages changed while the index was made; made again")
            if not MARKED:
                logger.info("Search: no published content to index")
                return
            if done is None:
                self._check_written()
                run = self._run_of(settings_for(self))
                done = run.finish(frozenset(MARKED))
        except SearchIndexError as error:
            raise stop_build(str(error), 5) from None
        assert run is not None and done is not None
        run.move_into(Path(self.output_path, BUNDLE_FOLDER))
        pages = sum(found.summary.pages for found in done)
        if pages != len(MARKED):
            raise stop_build(
                f"search: Pagefind indexed {pages} pages but {len(MARKED)} were marked "
                "for it; nothing was published",
                5,
            )
        kept = sum(1 for found in done if found.kept)
        logger.info(
            "Search: %s; %d pages into %s/ (%d files, %.0f kB) in %.2f s",
            "no page changed; kept the published index"
            if kept == len(done)
            else f"indexed {len(done) - kept} of {len(done)} parts, kept {kept}",
            pages,
            BUNDLE_FOLDER,
            sum(found.summary.files for found in done),
            sum(found.summary.size for found in done) / 1024,
            sum(found.summary.seconds for found in done),
        )
