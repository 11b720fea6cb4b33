"""Feeds: Atom and RSS 2.0 for everything a reader may follow, an OPML list and a Subscribe page.

The catalogue of feeds is made when every generator has read its sources (and the comments
plugin has attached comments), and put in the template context as `FEEDS`, so each page's head
can link the feeds that fit it. The files are written by :class:`FeedsGenerator`. This is the
only module that imports feedgen (in `render`). See docs/feeds.md.
"""

from __future__ import annotations

from typing import Any

from pelican import signals

from .generator import FeedListsGenerator, FeedsGenerator


def add_generator(pelican: Any) -> type[FeedsGenerator]:
    return FeedsGenerator


def add_lists_generator(pelican: Any) -> type[FeedListsGenerator]:
    return FeedListsGenerator


def run_lists_last(generators: list[Any]) -> None:
    """The OPML lists need every feed written: generators with a `finish_order` move to the
    end, after those that share the writing (a stable sort keeps the others' order)."""
    generators.sort(key=lambda generator: getattr(generator, "finish_order", 0))


def catalogue_feeds(generators: list[Any]) -> None:
    for generator in generators:
        if isinstance(generator, FeedsGenerator):
            generator.build_catalog()


def register() -> None:
    signals.get_generators.connect(add_generator)
    signals.get_generators.connect(add_lists_generator)
    signals.all_generators_finalized.connect(catalogue_feeds)
    signals.all_generators_finalized.connect(run_lists_last)
