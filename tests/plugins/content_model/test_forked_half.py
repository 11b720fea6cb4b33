"""Jobs shared with a forked copy give the answers one process gives, errors included."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from content_model import forked_half
from content_model.forked_half import Refused

JOBS = [(f"Article:posts/{n}.md", group) for n in range(40) for group in ("text", "comments")]


def answer(job: tuple[str, str]) -> bytes:
    """What a job gives, and which process gave it."""
    name, group = job
    if name.endswith("/13.md") and group == "comments":
        raise Refused(f"{name}: cannot be digested")
    return f"{name}|{group}|{os.getpid()}".encode()


def given(found: dict[tuple[str, str], bytes | str]) -> dict[tuple[str, str], str]:
    """The answers without the process that gave each."""
    return {
        job: value if isinstance(value, str) else value.decode().rpartition("|")[0]
        for job, value in found.items()
    }


def pids(found: dict[tuple[str, str], bytes | str]) -> set[int]:
    return {
        int(value.decode().rpartition("|")[2]) for value in found.values() if type(value) is bytes
    }


def once_the_copy_works(
    marker: Path, pause_here: float = 0.0, pause_there: float = 0.0
) -> Callable[[tuple[str, str]], bytes]:
    """A job's work that this process does only once the copy has begun a job of its own
    (so the copy always takes some, however loaded the machine), each process pausing as
    long as asked."""
    parent = os.getpid()

    def work(job: tuple[str, str]) -> bytes:
        if os.getpid() != parent:
            marker.touch()
            time.sleep(pause_there)
        else:
            waited = time.monotonic()
            while not marker.exists() and time.monotonic() - waited < 60:
                time.sleep(0.002)
            time.sleep(pause_here)
        return answer(job)

    return work


def test_a_forked_copy_shares_the_jobs_and_the_answers_are_those_of_one_process(
    tmp_path: Path,
) -> None:
    work = once_the_copy_works(tmp_path / "copy began")
    alone = forked_half.answers(JOBS, answer, 1)
    shared = forked_half.answers(JOBS, work, 2)
    assert given(shared) == given(alone)
    assert list(shared) and set(shared) == set(JOBS)
    assert shared[("Article:posts/13.md", "comments")] == "Article:posts/13.md: cannot be digested"
    assert pids(alone) == {os.getpid()}
    assert len(pids(shared) - {os.getpid()}) == 1, "a forked copy answered some of the jobs"


def test_the_process_that_is_slower_takes_fewer_jobs(tmp_path: Path) -> None:
    """Jobs are taken a few at a time by whichever process is free, so a process slowed by
    something else on its core (a background deletion, the other build's threads) does less,
    and both end together: split in halves up front, the build's half took 1.36 s and the
    copy's 1.04 s in a 5,000-post rebuild."""
    jobs = [(f"Article:posts/{n}.md", "text") for n in range(800)]
    work = once_the_copy_works(tmp_path / "copy began", pause_here=0.001, pause_there=0.006)
    found = forked_half.answers(jobs, work, 2)
    assert given(found) == given(forked_half.answers(jobs, answer, 1))
    by_copy = sum(
        1
        for value in found.values()
        if type(value) is bytes and pids({("", ""): value}) != {os.getpid()}
    )
    assert 0 < by_copy < len(jobs) / 3, by_copy  # split in halves, it did 400


def test_when_the_copy_fails_this_process_does_its_jobs() -> None:
    parent = os.getpid()

    def fails_in_copy(job: tuple[str, str]) -> bytes:
        if os.getpid() != parent:
            raise RuntimeError("the copy ran out of memory")
        return answer(job)

    found = forked_half.answers(JOBS, fails_in_copy, 2)
    assert given(found) == given(forked_half.answers(JOBS, answer, 1))
    assert pids(found) == {parent}


def test_an_error_in_this_process_is_raised_and_the_copy_is_stopped(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    parent = os.getpid()
    forked: list[int] = []
    fork = os.fork

    def watched_fork() -> int:
        pid = fork()
        if pid:
            forked.append(pid)
        return pid

    began = tmp_path / "this process began"

    def fails_here(job: tuple[str, str]) -> bytes:
        if os.getpid() == parent:  # whichever job this process takes first
            began.touch()
            raise KeyError(job[0])
        waited = time.monotonic()  # the copy leaves jobs for this process to take
        while not began.exists() and time.monotonic() - waited < 60:
            time.sleep(0.002)
        return answer(job)

    monkeypatch.setattr(os, "fork", watched_fork)
    with pytest.raises(KeyError, match=r"posts/[0-9]+\.md"):
        forked_half.answers(JOBS, fails_here, 2)
    assert len(forked) == 1
    with pytest.raises(ChildProcessError):  # the copy was stopped and waited for
        os.waitpid(forked[0], os.WNOHANG)


def test_a_copy_that_dies_holding_the_lock_leaves_its_jobs_to_this_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The build must not wait forever for a lock the copy can no longer release."""
    parent = os.getpid()
    take = forked_half._Counter.next

    def dies_holding_it(self: forked_half._Counter, total: int) -> range:
        if os.getpid() != parent:
            self._value.get_lock().acquire()
            os.kill(os.getpid(), signal.SIGKILL)
        return take(self, total)

    monkeypatch.setattr(forked_half._Counter, "WAIT_SECONDS", 0.5)
    monkeypatch.setattr(forked_half._Counter, "next", dies_holding_it)
    found = forked_half.answers(JOBS, slowly_here, 2)
    assert given(found) == given(forked_half.answers(JOBS, answer, 1))
    assert pids(found) == {parent}


def slowly_here(job: tuple[str, str]) -> bytes:
    """Slow enough that the copy takes the lock before this process has taken every job."""
    time.sleep(0.01)
    return answer(job)
