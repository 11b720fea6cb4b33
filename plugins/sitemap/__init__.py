"""Findable: an XML sitemap, an HTML sitemap page and a robots.txt that welcomes archives.

Every page any generator writes is recorded as it is written (Pelican's `content_written`
signal); the sitemaps are written after all of them, with `lastmod` from content dates.
"""

from __future__ import annotations

from typing import Any

from pelican import signals

from .generator import SitemapGenerator, record_written


def add_generator(pelican: Any) -> type[SitemapGenerator]:
    return SitemapGenerator


def run_after_every_other_generator(generators: list[Any]) -> None:
    """Pelican writes in list order; the sitemap must come after every page is written, so
    generators with a `finish_order` move to the end (a stable sort keeps the others' order)."""
    generators.sort(key=lambda generator: getattr(generator, "finish_order", 0))


def register() -> None:
    signals.get_generators.connect(add_generator)
    signals.content_written.connect(record_written)
    signals.all_generators_finalized.connect(run_after_every_other_generator)
