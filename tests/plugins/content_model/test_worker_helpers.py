"""Once worker pools have closed, their helper process does not stay for the whole build."""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import resource_tracker

from content_model.worker_helpers import stop_idle_resource_tracker


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
