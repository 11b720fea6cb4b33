"""Markdown rendered once: HTML kept between builds, and new sources rendered on every core.

Pelican's Markdown reader converts each body (and each Summary) on one core, every build.
Here what it would produce for a text (the body's HTML, the front matter as the `meta`
extension reads it, and each formatted field's HTML) is kept under a digest of the text, in a
file whose version is a digest of the Markdown settings and of the code and libraries that
render (Python-Markdown, Pygments, Pelican, this module). A changed source, setting or library
is therefore not found, and rendered again; an unchanged one gives byte for byte what
rendering it would. Only rendering is cached: dates, people, links and embargoes are worked
out from the front matter by every build.

When many sources are new (a clean build), worker processes on every core render them in the
order they will be read (reading_order.py), while reading goes on; reading waits only for a
source whose turn has not come.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import site
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from markdown import Markdown
from pelican.utils import pelican_open

from .build_cache import CacheFile, cache_folder, code_version, digest

logger = logging.getLogger(__name__)

FILE_NAME: Final = "markdown.marshal"
PARALLEL_FROM: Final = 200
"""Below this many new sources, starting workers costs more than it saves."""
CHUNK: Final = 25
PLUGINS_FOLDER: Final = str(Path(__file__).resolve().parent.parent)
MARKDOWN_SUFFIXES: Final = (".md", ".markdown", ".mkd", ".mdown")

Needed = Callable[[str, str], bool]
"""Whether reading will render a source (its path and text): not if its reading is kept."""


@dataclass(frozen=True)
class Rendered:
    """What Pelican's Markdown reader makes of one text, before it reads the metadata."""

    html: str
    meta: dict[str, list[str]]
    formatted: dict[str, str]
    """Formatted fields' joined text -> HTML, rendered with the meta extension removed."""


def render(
    text: str, markdown_settings: dict[str, Any], formatted_fields: Sequence[str]
) -> Rendered:
    """Exactly the conversions `pelican.readers.MarkdownReader.read` and `_parse_metadata` do."""
    key = repr(sorted(markdown_settings.items()))
    renderer = _renderers.get(key)
    if renderer is None:
        renderer = _renderers[key] = _Renderer(markdown_settings)
    return renderer.render(text, formatted_fields)


class _Renderer:
    """The two `Markdown` objects Pelican's reader uses for a source, kept for the next.

    Pelican builds a new one per source, and building it (registering every extension)
    took a tenth of the rendering time; `reset()` between texts gives the same HTML, which
    the tests check against Pelican's reader source by source.
    """

    def __init__(self, markdown_settings: dict[str, Any]) -> None:
        self.body = Markdown(**markdown_settings)
        # Pelican renders formatted fields with the same object, the meta extension removed.
        self.fields = Markdown(**markdown_settings)
        if "meta" in self.fields.preprocessors:
            self.fields.preprocessors.deregister("meta")

    def render(self, text: str, formatted_fields: Sequence[str]) -> Rendered:
        self.body.reset()
        html = self.body.convert(text)
        meta: dict[str, list[str]] = dict(getattr(self.body, "Meta", {}))
        formatted = {}
        for name, value in meta.items():
            if name.lower() in formatted_fields:
                joined = "\n".join(value)
                self.fields.reset()
                formatted[joined] = self.fields.convert(joined)
        return Rendered(html, meta, formatted)


_renderers: dict[str, _Renderer] = {}
"""This process's renderers, by Markdown settings."""


class Replay:
    """Stands in for the `Markdown` object `_parse_metadata` uses, answering from a `Rendered`."""

    def __init__(self, rendered: Rendered, markdown_settings: dict[str, Any]) -> None:
        self.rendered = rendered
        self.markdown_settings = markdown_settings
        self.preprocessors = self
        self.Meta = rendered.meta

    def deregister(self, name: str) -> None:
        """`preprocessors.deregister("meta")`: already done when the fields were rendered."""

    def reset(self) -> Replay:
        return self

    def convert(self, text: str) -> str:
        if text in self.rendered.formatted:
            return self.rendered.formatted[text]
        md = Markdown(**self.markdown_settings)  # never expected: render it as Pelican would
        if "meta" in md.preprocessors:
            md.preprocessors.deregister("meta")
        return md.convert(text)


@dataclass(frozen=True, eq=False)
class _Pending:
    """A chunk of sources given to the workers: its result, when it comes, and their keys."""

    future: Future[list[Rendered]]
    keys: tuple[bytes, ...]


class MarkdownCache:
    """The cache folder's `markdown.marshal`, for one set of Markdown settings."""

    def __init__(
        self, folder: str | Path, markdown_settings: dict[str, Any], formatted_fields: Sequence[str]
    ) -> None:
        self.markdown_settings = markdown_settings
        self.formatted_fields = tuple(formatted_fields)
        settings_text = repr((sorted(markdown_settings.items()), self.formatted_fields))
        code = code_version(__file__, packages=("markdown", "pygments", "pelican"))
        self.file = CacheFile(folder, FILE_NAME, f"{code}:{digest(settings_text).hex()}")
        self._pool: ProcessPoolExecutor | None = None
        self._pending: dict[bytes, _Pending] = {}

    @property
    def entries(self) -> dict[bytes, Any]:
        return self.file.entries

    def rendered(self, text: str) -> Rendered:
        key = digest(text)
        found = self.file.get(key)
        if found is not None:
            return Rendered(*found)
        if key in self._pending and self._collect(self._pending[key]):
            return Rendered(*self.file.get(key))
        made = render(text, self.markdown_settings, self.formatted_fields)
        self._keep(key, made)
        return made

    def prepare(self, paths: Iterable[str], workers: int, needed: Needed | None = None) -> None:
        """Start rendering, on `workers` processes, every source among `paths` not in the
        cache yet (and `needed`, if given), in the order given, and return: reading goes
        on meanwhile, and waits only for a source whose turn has not come."""
        texts = {}
        for path in paths:
            with pelican_open(path) as text:
                if needed is not None and not needed(path, text):
                    continue
                key = digest(text)
            if key not in self.file:
                texts[key] = str(text)
        if workers < 2 or len(texts) < PARALLEL_FROM:
            return  # reading renders them one by one
        keys = list(texts)
        try:
            self._pool = ProcessPoolExecutor(
                max_workers=workers,
                mp_context=multiprocessing.get_context("spawn"),
                # Pelican imports plugins from PLUGIN_PATHS, which a spawned worker's
                # sys.path does not have: add the folder this plugin was imported from.
                initializer=site.addsitedir,
                initargs=(PLUGINS_FOLDER,),
            )
            for i in range(0, len(keys), CHUNK):
                chunk = keys[i : i + CHUNK]
                future = self._pool.submit(
                    _render_chunk,
                    [texts[key] for key in chunk],
                    self.markdown_settings,
                    self.formatted_fields,
                )
                pending = _Pending(future, tuple(chunk))
                self._pending.update(dict.fromkeys(chunk, pending))
        except (OSError, RuntimeError) as error:
            self._give_up(error)
            return
        logger.info("rendering %d new Markdown sources on %d workers", len(keys), workers)

    def save(self) -> None:
        """Keep what this build read, and only that (and what the workers rendered)."""
        for pending in set(self._pending.values()):
            self._collect(pending)
        if self._pool is not None:  # idle now: closed before the writing processes fork
            self._pool.shutdown(wait=True)
            self._pool = None
        self.file.save()

    def _collect(self, pending: _Pending) -> bool:
        """Keep a chunk the workers rendered, once it is done; False if they failed."""
        try:
            results = pending.future.result()
        except (OSError, BrokenProcessPool, TypeError, ValueError) as error:
            self._give_up(error)
            return False
        for key, found in zip(pending.keys, results, strict=True):
            self._keep(key, found)
            self._pending.pop(key, None)
        return True

    def _give_up(self, error: BaseException | None) -> None:
        """Stop the workers; what they had not rendered is rendered while reading."""
        if error is not None:
            logger.warning("rendering Markdown in one process: workers failed (%s)", error)
        self._pending.clear()
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

    def _keep(self, key: bytes, found: Rendered) -> None:
        self.file.put(key, (found.html, found.meta, found.formatted))


def _render_chunk(
    texts: list[str], markdown_settings: dict[str, Any], formatted_fields: Sequence[str]
) -> list[Rendered]:
    return [render(text, markdown_settings, formatted_fields) for text in texts]


_current: MarkdownCache | None = None
"""The cache of the build that is reading now; saved and dropped once reading is done."""


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def markdown_sources(content_path: str, folders: Iterable[str]) -> list[str]:
    """Every Markdown file under the content type folders: folder by folder, in the order
    given, and by name within each, the order in which the generators read them."""
    found = []
    for folder in folders:
        inside = []
        for root, _, names in os.walk(os.path.join(content_path, folder)):
            inside += [os.path.join(root, n) for n in names if n.endswith(MARKDOWN_SUFFIXES)]
        found += sorted(inside)
    return found


def cache_for_build(
    settings: dict[str, Any], folders: Iterable[str], needed: Needed | None = None
) -> MarkdownCache | None:
    """This build's cache (None when BUILD_CACHE_PATH is off), prepared on first use."""
    global _current
    folder = cache_folder(settings)
    if folder is None:
        return None
    if _current is None:
        _current = MarkdownCache(folder, settings["MARKDOWN"], settings["FORMATTED_FIELDS"])
        sources = markdown_sources(settings["PATH"], folders)
        _current.prepare(sources, available_cores(), needed)
    return _current


_still_rendered: set[bytes] = set()
"""The texts whose reading this build took from read_cache.py: their renderings stay kept."""


def rendering_key(text: str) -> bytes:
    """The key of a source's rendering in the cache: a digest of its text."""
    return digest(text)


def keep_rendering(key: bytes) -> None:
    """A source read from the kept readings still needs its rendering (its `rendering_key`):
    a change to what the readings depend on (a plugin's code, say) reads every source again,
    and should not render them all again."""
    _still_rendered.add(key)


def save_build_cache(*_: Any) -> None:
    """Once every source is read (`all_generators_finalized`). Not loaded this build (every
    reading was kept), the file is left as it is."""
    global _current
    if _current is not None:
        _current.file.used.update(key for key in _still_rendered if key in _current.file)
        _current.save()
        _current = None
    _still_rendered.clear()
