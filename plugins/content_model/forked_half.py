"""Work done in two processes: a forked copy of the build does every other job.

Some steps between reading and writing are pure Python over the whole site (the page
digests: 2.2 s of a 5,000-post rebuild) while the second core idles, and the site they read is
already in memory. A forked copy holds the same site, so it can do half the jobs and send
the answers back through a pipe, with no site to send. The answers must be what `marshal`
writes (tuples, strings, bytes), and a job's error must be an answer too (`Refused`).

The copy only reads and computes: it logs nothing, writes no file, and ends with `os._exit`.
If it fails or dies, this process does its jobs itself, so the answers, and any error a job
raises, are those of one process doing everything.
"""

from __future__ import annotations

import gc
import marshal
import os
from collections.abc import Callable, Hashable, Sequence
from typing import TypeVar

from .worker_helpers import die_with_parent, fork_with_pipe, read_then_wait, stop_child

Job = TypeVar("Job", bound=Hashable)
GOLDEN = 0x9E3779B9  # 2**32 divided by the golden ratio


class Refused(Exception):
    """A job that has no answer; its message is kept as the answer instead."""


def answers(
    jobs: Sequence[Job], work: Callable[[Job], bytes], processes: int
) -> dict[Job, bytes | str]:
    """`work(job)` for every job: bytes, or the message of the `Refused` it raised. With two
    processes or more (and `fork`), a forked copy does every other job."""
    if processes < 2 or len(jobs) < 2 or not hasattr(os, "fork"):
        return _done(jobs, work)
    mine, theirs = halves(jobs)
    pid, pipe = fork_with_pipe()
    if pid == 0:  # the copy
        _in_copy(theirs, work, pipe)
    try:
        found = _done(mine, work)
    except BaseException:
        stop_child(pid, pipe)
        raise
    sent: dict[Job, bytes | str] | None = _collect(pid, pipe)
    found.update(sent if sent is not None else _done(theirs, work))
    return found


def halves(jobs: Sequence[Job]) -> tuple[list[Job], list[Job]]:
    """This process's jobs and the copy's, about half each, and each half a sample of the
    whole: jobs often come in a pattern (an object's parts, then the next object's), and
    taking every other job gave one process all the costly parts (1.5 s against 0.3 s).
    The top bit of the place times the golden ratio alternates with no period."""
    mine: list[Job] = []
    theirs: list[Job] = []
    for place, job in enumerate(jobs):
        (theirs if (place * GOLDEN) & 0x80000000 else mine).append(job)
    return mine, theirs


def _done(jobs: Sequence[Job], work: Callable[[Job], bytes]) -> dict[Job, bytes | str]:
    found: dict[Job, bytes | str] = {}
    for job in jobs:
        try:
            found[job] = work(job)
        except Refused as refused:
            found[job] = str(refused)
    return found


def _in_copy(jobs: Sequence[Job], work: Callable[[Job], bytes], writing: int) -> None:
    """Do `jobs`, send the answers, and exit; never return into the build."""
    status = 1
    try:
        die_with_parent()
        # A collection would touch every object, and copy the memory each lies in.
        gc.disable()
        data = marshal.dumps(_done(jobs, work))
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
