"""A memory sample is summed only over processes that are not exiting.

A process that exits unmaps its memory page by page; the pages it shared are then counted in
full by the processes that still map them, while its own figure, read a moment before,
still counts its share: summing the two counts those pages one and a half times. Such a
sample is dropped.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

from bench.measure import exiting, sample_of


def _zombie() -> subprocess.Popen[bytes]:
    """A child that has exited and is not reaped yet."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    for _ in range(500):
        with open(f"/proc/{child.pid}/stat", "rb") as stat:
            if stat.read().rsplit(b")", 1)[1].split()[0] == b"Z":
                return child
        time.sleep(0.01)
    raise AssertionError("the child did not exit")


def test_a_process_that_has_exited_or_is_gone_counts_as_exiting() -> None:
    child = _zombie()
    try:
        assert exiting(child.pid)
        assert not exiting(os.getpid())
    finally:
        child.wait()
    assert exiting(child.pid)  # reaped: gone


def test_a_sample_with_an_exiting_process_is_dropped_and_others_are_summed() -> None:
    child = _zombie()
    try:
        assert sample_of({os.getpid(), child.pid}) is None
    finally:
        child.wait()
    sizes = sample_of({os.getpid()})
    assert sizes is not None and sizes[os.getpid()] > 1_000_000
