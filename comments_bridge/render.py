"""Rendering many comment bodies at once, on every core when there are enough of them.

Rendering Markdown (markdown-it-py, pure Python) is most of a large read, so past a few
thousand bodies the work is split over worker processes, each with its own reused
`Sanitiser`. Workers are spawned, not forked, so a build running threads is safe;
results come back in order, so the output is the same whichever way it was made.
If worker processes cannot be started, rendering goes on in this process.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Final

from comments_bridge.model import BodyFormat
from comments_bridge.sanitise import Sanitiser

log = logging.getLogger(__name__)

PARALLEL_FROM: Final = 5_000
"""Below this many bodies, starting workers costs more than it saves."""
CHUNK: Final = 1_000

Body = tuple[str, BodyFormat]

_worker_sanitiser: Sanitiser | None = None


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def render_all(
    bodies: Sequence[Body],
    sanitiser: Sanitiser,
    *,
    workers: int | None = None,
    parallel_from: int = PARALLEL_FROM,
) -> list[str]:
    """Safe HTML for each body, in order."""
    workers = available_cores() if workers is None else workers
    if workers < 2 or len(bodies) < parallel_from:
        return [sanitiser.render(text, body_format) for text, body_format in bodies]
    chunks = [bodies[i : i + CHUNK] for i in range(0, len(bodies), CHUNK)]
    try:
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            rendered = [html for part in pool.map(_render_chunk, chunks) for html in part]
    except (OSError, BrokenProcessPool) as error:
        log.warning("rendering comments in one process: workers could not start (%s)", error)
        return [sanitiser.render(text, body_format) for text, body_format in bodies]
    log.debug("rendered %d bodies with %d workers", len(bodies), workers)
    return rendered


def _render_chunk(chunk: Sequence[Body]) -> list[str]:
    global _worker_sanitiser
    if _worker_sanitiser is None:
        _worker_sanitiser = Sanitiser()
    return [_worker_sanitiser.render(text, body_format) for text, body_format in chunk]
