"""The search index is made beside the feeds, in a folder of its own, and kept only if it was
made from the very pages that are published."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from search.background import IndexRun, Make, in_progress_folder
from search.indexer import SearchIndexError, run_on_pages
from search.site_index import PartIndex, index_site

from tests.helpers import run_watched_build

WATCHED_BUILD = """
import json, os, sys, threading
from pelican import main, signals
seen = {"parts worked out in": [], "keys worked out in": []}
def watch_split():
    from search import site_index  # a plugin: importable once Pelican has loaded it
    from search.index_reuse import IndexReuse
    split, part_digest = site_index.split, IndexReuse.part_digest
    def watched_split(*args, **kwargs):
        seen["parts worked out in"].append(threading.current_thread().name)
        return split(*args, **kwargs)
    def watched_digest(*args, **kwargs):
        seen["keys worked out in"].append(threading.current_thread().name)
        return part_digest(*args, **kwargs)
    site_index.split = watched_split
    IndexReuse.part_digest = watched_digest
def watch(generators):
    watch_split()
    named = {type(generator).__name__: generator for generator in generators}
    index, feeds = named["SearchIndexGenerator"], named["FeedsGenerator"]
    write = feeds.generate_output
    def generate_output(writer):
        run = index.run
        seen["started before the feeds"] = run is not None
        seen["pages it indexes"] = len(run.pages) if run else 0
        seen["made in"] = str(run.folder) if run else ""
        bundle = os.path.join(writer.output_path, "pagefind")
        seen["bundle in the site meanwhile"] = os.path.exists(bundle)
        write(writer)
    feeds.generate_output = generate_output
signals.all_generators_finalized.connect(watch)
sys.argv = ["pelican", sys.argv[1], "-s", "pelicanconf.py", "-o", sys.argv[2]]
main()
print(json.dumps(seen))
"""


def test_a_build_makes_the_index_while_it_writes_the_feeds(tmp_path: Path) -> None:
    output = tmp_path / "output"
    result = run_watched_build(WATCHED_BUILD, tmp_path)
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["started before the feeds"]
    # Planned in the build's own thread, so that Pagefind starts at once in the other.
    assert seen["parts worked out in"] == [threading.main_thread().name]
    # A first build keeps no part: each part's key (every page read) is left to the thread
    # that finishes its bundle beside Pagefind.
    assert seen["keys worked out in"]
    assert threading.main_thread().name not in seen["keys worked out in"]
    assert seen["made in"] == str(output) + ".partial.search"
    assert not seen["bundle in the site meanwhile"]
    manifest = json.loads((output / "pagefind" / "parts.json").read_text())
    indexed = sum(count for part in manifest["parts"] for count in part["languages"].values())
    assert indexed == seen["pages it indexes"] > 20
    assert "made again" not in result.stderr
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith("output")] == [
        "output"
    ]


def tiny_site(site: Path) -> frozenset[str]:
    pages = {
        "posts/one/index.html": "Flood warnings for the river valley",
        "posts/two/index.html": "A consultation on bus lanes",
    }
    for page, words in pages.items():
        (site / page).parent.mkdir(parents=True, exist_ok=True)
        (site / page).write_text(
            f"<html lang='en'><body><main data-pagefind-body><h1>{words}</h1>"
            f"<p>{words}.</p></main></body></html>"
        )
    return frozenset(pages)


def make_from(site: Path, pages: frozenset[str]) -> Make:
    def make(into: Path, go_on: Callable[[], bool]) -> list[PartIndex]:
        return index_site(
            str(site),
            "pagefind",
            set(pages),
            ignore=(),
            keep_index_url=False,
            part_size=24_000_000,
            into=into,
            go_on=go_on,
        )

    return make


def test_an_index_made_from_the_published_pages_is_moved_into_the_site(tmp_path: Path) -> None:
    site = tmp_path / "site.partial"
    pages = tiny_site(site)
    run = IndexRun(str(site), pages, make_from(site, pages))
    done = run.finish(pages)
    assert done is not None and sum(found.summary.pages for found in done) == 2
    run.move_into(site / "pagefind")
    assert (site / "pagefind" / "parts.json").is_file()
    assert not in_progress_folder(str(site)).exists()


def test_an_index_is_refused_when_a_page_changed_after_it_started(tmp_path: Path) -> None:
    site = tmp_path / "site.partial"
    pages = tiny_site(site)
    run = IndexRun(str(site), pages, make_from(site, pages))
    page = site / "posts/two/index.html"
    # Rewritten as a writer does it, another file put in its place at once (never missing
    # while Pagefind's links are made).
    rewritten = site / "posts/two/index.html.new"
    rewritten.write_text(
        "<html><body><main data-pagefind-body>Bus lanes withdrawn</main></body></html>"
    )
    rewritten.replace(page)
    assert run.finish(pages) is None
    assert not in_progress_folder(str(site)).exists()


def test_an_index_is_refused_when_a_page_was_marked_after_it_started(tmp_path: Path) -> None:
    site = tmp_path / "site.partial"
    pages = tiny_site(site)
    run = IndexRun(str(site), pages, make_from(site, pages))
    assert run.finish(pages | {"posts/three/index.html"}) is None


def test_its_failure_is_raised_by_the_build(tmp_path: Path) -> None:
    site = tmp_path / "site.partial"
    pages = tiny_site(site)
    missing = pages | {"posts/gone/index.html"}
    run = IndexRun(str(site), missing, make_from(site, missing))
    with pytest.raises(OSError):
        run.finish(missing)
    assert not in_progress_folder(str(site)).exists()


def test_pagefind_is_stopped_when_the_build_stops(tmp_path: Path) -> None:
    site = tmp_path / "site"
    pages = tiny_site(site)
    with pytest.raises(SearchIndexError, match="the build stopped before the index was made"):
        run_on_pages(str(site), tuple(pages), str(tmp_path / "bundle"), (), False, lambda: False)


def test_a_new_run_stops_the_last_one(tmp_path: Path) -> None:
    """`pelican --autoreload` goes on after a failed build; its index must not go on being
    made into the folder the next build makes its own in."""
    site = tmp_path / "site.partial"
    pages = tiny_site(site)
    went_on: list[bool] = []

    def slow(into: Path, go_on: Callable[[], bool]) -> list[PartIndex]:
        into.mkdir(parents=True)
        while go_on():
            (into / "written-by-the-first-run").touch()
        went_on.append(False)
        raise SearchIndexError("search: the build stopped before the index was made")

    first = IndexRun(str(site), pages, slow)
    second = IndexRun(str(site), pages, make_from(site, pages))
    assert went_on == [False]  # the first run was stopped before the second began
    done = second.finish(pages)
    assert done is not None and sum(found.summary.pages for found in done) == 2
    assert not (in_progress_folder(str(site)) / "written-by-the-first-run").exists()
    with pytest.raises(SearchIndexError, match="stopped"):
        first.finish(pages)  # and leaves the second run's index alone
    second.move_into(site / "pagefind")
    assert (site / "pagefind" / "parts.json").is_file()
