"""Pelican's content cache, skipped when it is off.

With `CACHE_CONTENT` and `LOAD_CONTENT_CACHE` off (pelicanconf.py: the build cache does that
work, build_cache.py), Pelican still asks its cache about every source, twice: the generator
for the content object and the readers for the reading. Each question takes the file's
modification time to compare with a stamp that is never there, and each answer is stored
nowhere: 0.2 s of a 5,000-post rebuild's reading, in stats. With the cache off, the answer is
always the default, so it is given without asking.
"""

from __future__ import annotations

from typing import Any


def _default(_filename: str, default: Any = None) -> Any:
    return default


def _not_kept(_filename: str, _data: Any) -> None:
    return None


def skip_when_off(generator: Any) -> None:
    """At `generator_init`: a generator, and its readers, whose content cache is off."""
    settings = generator.settings
    if settings.get("CACHE_CONTENT") or settings.get("LOAD_CONTENT_CACHE"):
        return
    for cacher in (generator, getattr(generator, "readers", None)):
        if cacher is not None and hasattr(cacher, "get_cached_data"):
            cacher.get_cached_data = _default
            cacher.cache_data = _not_kept
