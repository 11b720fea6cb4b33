"""Each run of Pelican first asks whether the published site is already what it would build
(unchanged.py); only if not does it build, and then records what it published."""

from __future__ import annotations

import logging
import shutil
from typing import Any

from comments.early_read import read_public
from comments.settings import CommentSettingsError, comment_settings
from content_model.read_ahead import first_answer
from content_model.read_ahead import stop as stop_reading_ahead
from content_model.reader import start_reading_ahead
from pelican.log import console

from comments_bridge.errors import BridgeError

from .build_clock import BuildClockError, resolve_build_time
from .staging import staging_path
from .unchanged import BuildRecord, files_digest, inputs_digest, keep_unchanged, plain_clock

logger = logging.getLogger(__name__)

_PUBLISHED: list[Any] = []  # the Pelican objects whose run has published, this run


def note_published(pelican: Any) -> None:
    _PUBLISHED.append(pelican)


def _reads_comments(pelican: Any) -> bool:
    names = [getattr(p, "__name__", str(p)) for p in getattr(pelican, "plugins", [])]
    return any(name.rsplit(".", 1)[-1] == "comments" for name in names)


def _inputs(pelican: Any) -> bytes | None:
    """The digest of the build's inputs: the comments read here, the files by the copy
    that reads ahead (read_ahead.py), on the other core meanwhile, or here if it could not."""
    settings = pelican.settings
    try:
        comments = None
        if _reads_comments(pelican):
            comments = read_public(comment_settings(settings).store)
        return inputs_digest(settings, comments, first_answer())
    except (BridgeError, CommentSettingsError, OSError) as error:
        logger.info("Could not tell whether anything changed (%s); building", error)
        return None


def _left_by_a_failed_build(final: str) -> list[str]:
    """Its staging folder, and the search index it was making beside it (when the site has
    the search plugin, which loads before this one)."""
    staging = staging_path(final)
    try:
        from search.background import in_progress_folder
    except ImportError:
        return [staging]
    return [staging, str(in_progress_folder(staging))]


def keep_when_unchanged(pelican: Any, clock_source: str, final_output: str) -> None:
    """Wrap `pelican.run` (once per Pelican object; autoreload calls it again and again)."""
    settings = pelican.settings
    if not keep_unchanged(settings) or getattr(pelican, "_dialogues_keeps", False):
        return
    build = pelican.run

    def run() -> None:
        final = settings[final_output]
        record = BuildRecord(settings, final)
        # On the other core, while the store is read: the files' digest, then the readings.
        start_reading_ahead(settings, lambda: files_digest(settings))
        inputs = _inputs(pelican)
        try:
            clock = plain_clock(resolve_build_time(settings[clock_source], settings["TIMEZONE"]))
        except BuildClockError:
            clock = None  # the build itself says what is wrong with it
        reason = record.keeps(inputs, clock) if inputs is not None and clock else None
        if reason:
            stop_reading_ahead()
            for left in _left_by_a_failed_build(final):
                shutil.rmtree(left, ignore_errors=True)
            # Where Pelican says "Done: Processed ...", so that `make html` says it too.
            console.print(
                f"Done: Nothing changed since the published build: {reason}. Kept {final}."
            )
            return
        _PUBLISHED.clear()
        build()
        if inputs is not None and pelican in _PUBLISHED:
            record.remember(inputs, plain_clock(settings["BUILD_TIME"]))

    pelican.run = run
    pelican._dialogues_keeps = True
