"""Posts and pages read in the order of their file names.

Pelican lists a content folder's files as a set, so it read them in an order that changed
from one run to the next (Python salts string hashes). A clean build's Markdown workers
render new sources in name order while reading goes on (markdown_cache.py); reading in that
same order waits only for the few sources not rendered yet, and a build reads the same way
every time.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pelican.generators import ArticlesGenerator, Generator, PagesGenerator

READ_IN_NAME_ORDER = (ArticlesGenerator, PagesGenerator)
"""Generators that only walk their list of files (the static one takes a union with it)."""


def _in_name_order(get_files: Callable[..., set[str]]) -> Callable[..., list[str]]:
    def sorted_files(self: Any, *args: Any, **kwargs: Any) -> list[str]:
        return sorted(get_files(self, *args, **kwargs))

    sorted_files.__wrapped__ = get_files  # type: ignore[attr-defined]
    return sorted_files


def install() -> None:
    """Once per process (a second call leaves the first in place)."""
    for generator in READ_IN_NAME_ORDER:
        if "get_files" not in vars(generator):
            generator.get_files = _in_name_order(Generator.get_files)  # type: ignore[method-assign]
