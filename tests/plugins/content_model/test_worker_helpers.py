"""Before the writing processes fork, the build gives back what it no longer holds: the helper
process closed worker pools leave, and the heap's free memory."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import resource_tracker

from content_model.worker_helpers import stop_idle_resource_tracker

from tests.conftest import REPO


def _spawned_pool_runs() -> int:
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(abs, -3).result()


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_the_tracker_a_closed_pool_left_is_stopped_and_a_new_pool_still_works() -> None:
    assert _spawned_pool_runs() == 3
    tracker = resource_tracker._resource_tracker._pid
    assert tracker is not None and _running(tracker)

    assert stop_idle_resource_tracker()

    assert resource_tracker._resource_tracker._pid is None
    assert not _running(tracker)
    assert not stop_idle_resource_tracker()  # nothing left to stop
    assert _spawned_pool_runs() == 3


FREED_IN_THE_MIDDLE = """
import os
from content_model.worker_helpers import release_free_heap

def resident() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")

# Freed blocks with a survivor after each, so the heap cannot shrink from its top.
blocks = [(bytes(16384), bytes(600)) for _ in range(6000)]
survivors = [small for _, small in blocks]
del blocks
before = resident()
released = release_free_heap()
print(released, before - resident())
"""


def test_memory_freed_inside_the_heap_goes_back_to_the_system() -> None:
    found = subprocess.run(
        [sys.executable, "-c", FREED_IN_THE_MIDDLE],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(REPO / "plugins")},
    )
    released, given_back = found.stdout.split()
    assert released == "True"
    assert int(given_back) > 60 * 2**20  # of the 94 MiB freed
