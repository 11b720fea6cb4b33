"""The search index made while the feeds and the last files of the site are written.

Pagefind needs every page it indexes, so it ran after everything else, alone: 17.5 s of a
70-second build of 5,000 posts with the second core idle, and 1.9 s of a rebuild. The pages
it indexes are the own pages of posts, pages and consultations, which the generators that
share the writing make (content_model/shared_writing.py); once they are written, the index
is made in a thread (Pagefind is a process of its own) while the feeds, the lists of feeds,
the sitemap and the published-URL check are written.

It is made in a folder beside the staging folder, `<staging>.search`, so that nothing the
build writes or walks meanwhile sees it half made, and moved into the site once finished. The
index is kept only if it was made from what is published: the same set of marked pages, each
the very file it read (its size, time and inode). Otherwise it is made again, there and then.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Callable
from pathlib import Path

from content_model.published_files import Identity, identity

from .site_index import PartIndex

Make = Callable[[Path, Callable[[], bool]], list[PartIndex]]
"""Makes the index into a folder, while the second argument says to go on."""


def in_progress_folder(site: str) -> Path:
    return Path(os.path.normpath(site) + ".search")


def stamps(site: str, pages: frozenset[str]) -> dict[str, Identity | None]:
    found: dict[str, Identity | None] = {}
    for page in pages:
        try:
            found[page] = identity(os.stat(os.path.join(site, page)))
        except OSError:
            found[page] = None
    return found


class IndexRun:
    """An index being made in a thread from `pages` of `site`."""

    running: IndexRun | None = None
    """The run of the last build, stopped when the next starts (`pelican --autoreload` goes
    on after a failed build, whose index may still be being made)."""

    def __init__(
        self,
        site: str,
        pages: frozenset[str],
        make: Make,
        found: dict[str, Identity | None] | None = None,
        prepare: Callable[[Path], None] | None = None,
    ) -> None:
        """`found` is `stamps(site, pages)` if the caller took them already; `prepare` is
        called with the (new, empty) folder the index is made in, before the thread starts."""
        if IndexRun.running is not None:
            IndexRun.running.stop()
        self.site = site
        self.pages = pages
        self.stamps = found if found is not None else stamps(site, pages)
        self.folder = in_progress_folder(site)
        shutil.rmtree(self.folder, ignore_errors=True)
        if prepare is not None:
            try:
                prepare(self.folder)
            except BaseException:
                shutil.rmtree(self.folder, ignore_errors=True)
                raise
        self._make = make
        self._done: list[PartIndex] | None = None
        self._error: BaseException | None = None
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, name="search index")
        IndexRun.running = self
        self._thread.start()

    def _go_on(self) -> bool:
        """False once the build has ended (failed) without waiting for the index, or a new
        run has started: Pagefind is then stopped."""
        return threading.main_thread().is_alive() and not self._stopped.is_set()

    def _run(self) -> None:
        try:
            self._done = self._make(self.folder, self._go_on)
        except BaseException as error:  # raised in the build's own thread by `finish`
            self._error = error

    def stop(self) -> None:
        self._stopped.set()
        self._thread.join()
        if IndexRun.running is self:
            IndexRun.running = None

    def finish(self, pages: frozenset[str]) -> list[PartIndex] | None:
        """The parts, once made, if they were made from these very pages; None if the pages
        changed since (the caller makes the index again). Its error, if it failed."""
        self._thread.join()
        if IndexRun.running is self:
            IndexRun.running = None
        if self._error is not None:
            self._discard()
            raise self._error
        if pages != self.pages or stamps(self.site, pages) != self.stamps:
            self._discard()
            return None
        return self._done

    def _discard(self) -> None:
        if not self._stopped.is_set():  # once stopped, the folder is the next run's
            shutil.rmtree(self.folder, ignore_errors=True)

    def move_into(self, bundle: Path) -> None:
        """Put the finished index in its place in the site."""
        shutil.rmtree(bundle, ignore_errors=True)
        os.replace(self.folder, bundle)
