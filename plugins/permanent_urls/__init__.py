"""Permanent URLs: a published URL never breaks (publishing invariant 4).

Renamed content leaves a redirect page (from `content/redirects.toml`); the committed list of
published URLs (`content/published-urls.txt`) is checked on every build, and the build stops,
naming the URL, when a listed one would disappear. See docs/archive.md.
"""

from __future__ import annotations

from typing import Any

from pelican import signals

from .generator import PermanentUrlsGenerator


def add_generator(pelican: Any) -> type[PermanentUrlsGenerator]:
    return PermanentUrlsGenerator


def run_after_every_other_generator(generators: list[Any]) -> None:
    """Pelican writes in list order with its StaticGenerator last; this check must see every
    file, so generators with a `finish_order` move to the end (a stable sort keeps the rest)."""
    generators.sort(key=lambda generator: getattr(generator, "finish_order", 0))


def register() -> None:
    signals.get_generators.connect(add_generator)
    signals.all_generators_finalized.connect(run_after_every_other_generator)
