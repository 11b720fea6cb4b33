"""The helper process that multiprocessing leaves behind once every worker pool has closed.

Spawned worker pools (the Markdown cache's, the comment bridge's) start multiprocessing's
resource tracker, a Python process that lives until the build ends. Once the pools have
closed it tracks nothing, but it still held 8 MiB of the clean build's memory peak, which
comes later, while pages are written (docs/performance.md, "Memory"). A pool started
afterwards starts it again.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import signal
import sys
from multiprocessing import resource_tracker


def stop_idle_resource_tracker() -> bool:
    """Stop the tracker if it runs; whether it did. CPython 3.11 names the method `_stop`."""
    tracker = resource_tracker._resource_tracker
    stop = getattr(tracker, "_stop", None)
    if stop is None or getattr(tracker, "_pid", None) is None:
        return False
    stop()
    return True


def release_free_heap() -> bool:
    """Give the C heap's free pages back to the system (glibc's `malloc_trim`); whether it
    could. Memory freed by Python stays in the process, and forked copies would share it."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        trim = libc.malloc_trim
    except (OSError, AttributeError):
        return False
    trim.argtypes = [ctypes.c_size_t]
    return bool(trim(0))


def fork_with_pipe() -> tuple[int, int]:
    """Fork a child that answers through a pipe: (its pid, the end to read) in this process,
    (0, the end to write) in the child. Buffered output is flushed first, or the child would
    print it again."""
    for stream in (sys.stdout, sys.stderr):
        stream.flush()
    reading, writing = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(reading)
        return 0, writing
    os.close(writing)
    return pid, reading


def stop_child(pid: int, reading: int) -> None:
    """Kill a forked child, close its pipe, and wait for it (a child already gone is fine)."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    os.close(reading)
    os.waitpid(pid, 0)


def read_then_wait(pid: int, reading: int) -> tuple[int, bytes]:
    """A forked child's exit code and all it wrote to the pipe `reading` (read to the end
    first: the child may be blocked on a full pipe until it is read)."""
    with os.fdopen(reading, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), data


def die_with_parent() -> None:
    """In a forked child: Linux ends it if the build dies first (PR_SET_PDEATHSIG);
    elsewhere nothing."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)
