"""Work done in two processes: a forked copy of the build shares the jobs.

Some steps between reading and writing are pure Python over the whole site (the page
digests: 2.2 s of a 5,000-post rebuild) while the second core idles, and the site they read is
already in memory. A forked copy holds the same site, so it can take jobs as this process
does, a few at a time, and send the answers back through a pipe, with no site to send. The
answers must be what `marshal` writes (tuples, strings, bytes), and a job's error must be an
answer too (`Refused`).

The copy only reads and computes: it logs nothing, writes no file, and ends with `os._exit`.
If it fails or dies, this process does its jobs itself, so the answers, and any error a job
raises, are those of one process doing everything.
"""

from __future__ import annotations

import gc
import marshal
import multiprocessing
import os
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from typing import TypeVar

from .worker_helpers import die_with_parent, fork_with_pipe, read_then_wait, stop_child

Job = TypeVar("Job", bound=Hashable)


class Refused(Exception):
    """A job that has no answer; its message is kept as the answer instead."""


def answers(
    jobs: Sequence[Job], work: Callable[[Job], bytes], processes: int
) -> dict[Job, bytes | str]:
    """`work(job)` for every job: bytes, or the message of the `Refused` it raised. With two
    processes or more (and `fork`), a forked copy shares the jobs."""
    if processes < 2 or len(jobs) < 2 or not hasattr(os, "fork"):
        return _done(jobs, work)
    taken = _Counter()
    pid, pipe = fork_with_pipe()
    if pid == 0:  # the copy
        _in_copy(jobs, work, taken, pipe)
    try:
        found = _done(jobs, work, taken)
    except BaseException:
        stop_child(pid, pipe)
        raise
    sent: dict[Job, bytes | str] | None = _collect(pid, pipe)
    if sent is not None:
        found.update(sent)
    if sent is None or len(found) < len(jobs):  # the copy failed: its jobs are done here
        found.update(_done([job for job in jobs if job not in found], work))
    return found


class _Counter:
    """How many jobs have been taken, in memory both processes share (made before the fork):
    each process takes the next few jobs whenever it is free, so both end together, whatever
    else slows one of them. Split in halves up front, the build's half of the page digests
    took 1.36 s and the copy's 1.04 s in a 5,000-post rebuild."""

    CHUNK = 32  # jobs taken at a time: a few milliseconds of digests
    WAIT_SECONDS = 10.0  # for the lock, held for microseconds unless its holder died

    def __init__(self) -> None:
        self._value = multiprocessing.get_context("fork").Value("q", 0)

    def next(self, total: int) -> range:
        """The next jobs' places; none once every job is taken, or if the other process
        died holding the lock (then this one takes no more, and does what the copy did not
        answer itself, as when the copy fails)."""
        lock = self._value.get_lock()
        if not lock.acquire(timeout=self.WAIT_SECONDS):
            return range(0)
        try:
            start = self._value.value
            end = min(start + self.CHUNK, total)
            self._value.value = end
        finally:
            lock.release()
        return range(start, end)


def _done(
    jobs: Sequence[Job], work: Callable[[Job], bytes], taken: _Counter | None = None
) -> dict[Job, bytes | str]:
    """The answers to `jobs`: all of them, or, with `taken`, those this process takes."""
    found: dict[Job, bytes | str] = {}
    places: Iterable[int] = range(len(jobs)) if taken is None else _taking(taken, len(jobs))
    for place in places:
        job = jobs[place]
        try:
            found[job] = work(job)
        except Refused as refused:
            found[job] = str(refused)
    return found


def _taking(taken: _Counter, total: int) -> Iterator[int]:
    while places := taken.next(total):
        yield from places


def _in_copy(
    jobs: Sequence[Job], work: Callable[[Job], bytes], taken: _Counter, writing: int
) -> None:
    """Do the jobs this copy takes, send the answers, and exit; never return into the build."""
    status = 1
    try:
        die_with_parent()
        # A collection would touch every object, and copy the memory each lies in.
        gc.disable()
        data = marshal.dumps(_done(jobs, work, taken))
        with os.fdopen(writing, "wb") as pipe:
            pipe.write(data)
        status = 0
    finally:
        os._exit(status)


def _collect(pid: int, reading: int) -> dict[Job, bytes | str] | None:
    """The copy's answers, or None if it failed."""
    code, data = read_then_wait(pid, reading)
    if code != 0:
        return None
    try:
        found: dict[Job, bytes | str] = marshal.loads(data)
    except (EOFError, ValueError, TypeError):
        return None
    return found
