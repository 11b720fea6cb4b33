"""The parts of the search index that must be indexed again go first, in a thread of their
own, while the kept parts are put in place; each part's bundle is finished while Pagefind runs
on the next (search/site_index.py)."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from search import indexer, site_index
from search.index_reuse import IndexReuse

PAGES = [f"posts/{n}/index.html" for n in range(8)]


def write_pages(site: Path, changed: str = "") -> None:
    for number, page in enumerate(PAGES):
        path = site / page
        path.parent.mkdir(parents=True, exist_ok=True)
        words = f"Consultation number {number} on river flooding{changed if number == 5 else ''}"
        path.write_text(
            f"<html lang='en'><body><main data-pagefind-body><h1>{words}</h1>"
            f"<p>{words}.</p></main></body></html>"
        )


def index(site: Path, published: Path, cache: Path) -> list[site_index.PartIndex]:
    return site_index.index_site(
        str(site),
        "pagefind",
        set(PAGES),
        ignore=(),
        keep_index_url=False,
        part_size=300,  # a part of two or three pages
        reuse=IndexReuse(str(cache), str(published), "pagefind"),
    )


def test_kept_parts_are_put_in_place_while_a_changed_part_is_indexed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    published, cache = tmp_path / "published", tmp_path / "cache"
    write_pages(published)
    first = index(published, published, cache)
    assert len(first) > 2 and not any(found.kept for found in first)

    rebuilt = tmp_path / "rebuilt"
    write_pages(rebuilt, changed=" and the coast")
    indexing, placed = threading.Event(), threading.Event()
    seen_indexing: list[bool] = []
    run_on_pages, reuse = site_index.run_on_pages, IndexReuse.reuse

    def slow_index(*args: Any, **kwargs: Any) -> Any:
        indexing.set()
        placed.wait(timeout=20)  # Pagefind is still running when a kept part is placed
        return run_on_pages(*args, **kwargs)

    def placing(self: IndexReuse, *args: Any) -> Any:
        seen_indexing.append(indexing.wait(timeout=20))
        found = reuse(self, *args)
        placed.set()
        return found

    monkeypatch.setattr(site_index, "run_on_pages", slow_index)
    monkeypatch.setattr(IndexReuse, "reuse", placing)
    second = index(rebuilt, published, cache)

    assert [found.kept for found in second].count(False) == 1
    assert seen_indexing and all(seen_indexing)
    assert [found.part.pages for found in second] == [found.part.pages for found in first]
    monkeypatch.undo()
    alone = tmp_path / "alone"  # the same pages indexed from nothing give the same bytes
    write_pages(alone, changed=" and the coast")
    index(alone, alone, tmp_path / "no cache")
    assert _files(rebuilt / "pagefind") == _files(alone / "pagefind")


def _files(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_pagefind_runs_on_the_next_part_while_a_bundle_is_finished_and_the_next_linked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    write_pages(site)
    runs: list[str] = []
    next_started = threading.Event()
    finished_while_next_ran: list[bool] = []
    run_on_pages, finish_bundle = site_index.run_on_pages, site_index.finish_bundle

    def running(*args: Any, **kwargs: Any) -> Any:
        runs.append(args[2])
        if len(runs) == 2:
            next_started.set()
        return run_on_pages(*args, **kwargs)

    def finishing(ran: Any) -> Any:
        if ran.output == runs[0]:
            finished_while_next_ran.append(next_started.wait(timeout=30))
        return finish_bundle(ran)

    linked_in: list[str] = []
    link_pages = site_index.link_pages

    def linking(*args: Any) -> Any:
        linked_in.append(threading.current_thread().name)
        return link_pages(*args)

    monkeypatch.setattr(site_index, "run_on_pages", running)
    monkeypatch.setattr(site_index, "finish_bundle", finishing)
    monkeypatch.setattr(site_index, "link_pages", linking)
    done = index(site, site, tmp_path / "cache")

    assert len(done) > 2 and not any(found.kept for found in done)
    assert finished_while_next_ran == [True]
    # Every part after the first is linked beside the run before it, not by Pagefind's thread.
    assert len(linked_in) == len(done) - 1
    assert all(name.startswith("search beside") for name in linked_in), linked_in
    assert not list((site / "pagefind").glob(".pages-*"))
    monkeypatch.undo()
    for found in done:  # each bundle as Pagefind makes it on that part alone, then finished
        alone = tmp_path / "alone" / found.part.folder
        ran = indexer.run_on_pages(str(site), found.part.pages, str(alone), (), False)
        indexer.finish_bundle(ran)
        assert _files(site / "pagefind" / found.part.folder) == _files(alone)
