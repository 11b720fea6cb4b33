"""Jobs shared with a forked copy give the answers one process gives, errors included."""

from __future__ import annotations

import os

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


def test_a_forked_copy_does_half_the_jobs_and_the_answers_are_those_of_one_process() -> None:
    alone = forked_half.answers(JOBS, answer, 1)
    shared = forked_half.answers(JOBS, answer, 2)
    assert given(shared) == given(alone)
    assert list(shared) and set(shared) == set(JOBS)
    assert shared[("Article:posts/13.md", "comments")] == "Article:posts/13.md: cannot be digested"
    assert pids(alone) == {os.getpid()}
    copy = pids(shared) - {os.getpid()}
    assert len(copy) == 1, "a forked copy answered some of the jobs"
    by_copy = [
        job for job, value in shared.items() if type(value) is bytes and pids({job: value}) == copy
    ]
    refused = ("Article:posts/13.md", "comments")
    mine, theirs = forked_half.halves(JOBS)
    assert sorted(by_copy) == sorted(job for job in theirs if job != refused)
    assert abs(len(mine) - len(theirs)) <= 2


def test_each_half_has_its_share_of_every_kind_of_job() -> None:
    """Jobs come four by four (an object's lasting parts, then its three groups); every other
    job would give one process two kinds and the other the rest."""
    jobs = [(f"Article:posts/{n}.md", kind) for n in range(1000) for kind in "ABCD"]
    for half in forked_half.halves(jobs):
        for kind in "ABCD":
            assert 450 <= sum(1 for _, each in half if each == kind) <= 550


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
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    parent = os.getpid()
    forked: list[int] = []
    fork = os.fork

    def watched_fork() -> int:
        pid = fork()
        if pid:
            forked.append(pid)
        return pid

    def fails_here(job: tuple[str, str]) -> bytes:
        if os.getpid() == parent and job[0].endswith("/20.md"):
            raise KeyError(job[0])
        return answer(job)

    monkeypatch.setattr(os, "fork", watched_fork)
    with pytest.raises(KeyError, match=r"20\.md"):
        forked_half.answers(JOBS, fails_here, 2)
    assert len(forked) == 1
    with pytest.raises(ChildProcessError):  # the copy was stopped and waited for
        os.waitpid(forked[0], os.WNOHANG)
