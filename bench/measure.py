"""Run one build as a child process and measure it: wall time, peak memory, output size.

Peak memory is reported two ways, because a build may start worker processes:
- `max_rss`: the largest single process of the build's tree (the kernel's ru_maxrss of the
  child and its waited-for descendants, from `os.wait4`);
- `tree_pss`: the largest sum of the proportional set sizes of the whole process tree,
  sampled from /proc every 50 ms: what the machine had to hold at once, with a page shared
  by forked processes (the build writes pages in one per core) counted once, not once per
  process as summed resident sets would; it can miss a short spike. `tree_peak` says when
  that peak came and which processes made it up, to show where to look.
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

SAMPLE_EVERY = 0.05


@dataclass(frozen=True)
class Run:
    seconds: float
    cpu_seconds: float
    """User and system time of the build and every worker it waited for."""
    max_rss: int
    """Bytes."""
    tree_pss: int
    """Bytes; 0 where /proc cannot be read."""
    tree_peak: str
    """When the tree's peak came and each process's share: "51.5 s: pelican 281, ..." (MiB)."""
    returncode: int
    log: str
    load: float
    """The one-minute load average when the build started."""


@dataclass(frozen=True)
class Size:
    files: int
    bytes: int


def run(command: list[str], *, cwd: Path, env: dict[str, str], log_file: Path) -> Run:
    load = os.getloadavg()[0]
    with log_file.open("w+", encoding="utf-8") as log:
        started = time.perf_counter()
        child = subprocess.Popen(command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
        sampler = TreeSampler(child.pid)
        sampler.start()
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        sampler.stop()
        child.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        text = log.read()
    return Run(
        seconds=seconds,
        cpu_seconds=usage.ru_utime + usage.ru_stime,
        max_rss=usage.ru_maxrss * 1024,
        tree_pss=sampler.peak,
        tree_peak=sampler.describe_peak(),
        returncode=child.returncode,
        log=text,
        load=load,
    )


def folder_size(folder: Path) -> Size:
    files = 0
    total = 0
    for root, _, names in os.walk(folder):
        for name in names:
            files += 1
            total += os.lstat(os.path.join(root, name)).st_size
    return Size(files, total)


class TreeSampler(threading.Thread):
    """Samples the summed resident set of a process and all its descendants."""

    def __init__(self, root: int) -> None:
        super().__init__(daemon=True)
        self.root = root
        self.peak = 0
        self.peak_at = 0.0
        self.peak_parts: list[tuple[int, str]] = []  # (bytes, process name), largest first
        self._began = time.perf_counter()
        self._done = threading.Event()

    def stop(self) -> None:
        self._done.set()
        self.join()

    def run(self) -> None:
        while not self._done.is_set():
            try:
                sizes = sample_of(tree_processes(self.root))
            except OSError:
                return
            if sizes is None:  # a process was exiting: its sharers' figures were growing
                self._done.wait(SAMPLE_EVERY)
                continue
            total = sum(sizes.values())
            if total > self.peak:
                self.peak = total
                self.peak_at = time.perf_counter() - self._began
                parts = [(size, process_name(pid)) for pid, size in sizes.items() if size]
                self.peak_parts = sorted(parts, reverse=True)
            self._done.wait(SAMPLE_EVERY)

    def describe_peak(self) -> str:
        shares = ", ".join(f"{name} {size / 2**20:.0f}" for size, name in self.peak_parts)
        return f"{self.peak_at:.1f} s: {shares}" if self.peak_parts else ""


PF_EXITING = 0x4
"""The kernel's flag for a process that has begun to exit (the ninth field of its stat)."""


def sample_of(pids: set[int]) -> dict[int, int] | None:
    """Each process's PSS, or None if one of them was exiting when it was read.

    A process that exits unmaps its memory page by page, and each page it shared is then
    counted in full by the processes still mapping it, while its own figure, read a moment
    before, still holds its share: the sum would count those pages one and a half times
    (at 5,000 posts a forked writing process's exit gave samples 40-150 MiB too high).
    """
    sizes = {pid: proportional_set_size(pid) for pid in pids}
    if any(exiting(pid) for pid in pids):
        return None
    return sizes


def exiting(pid: int) -> bool:
    """Whether the process is gone, a zombie, or has begun to exit."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            fields = stat.read().rsplit(b")", 1)[1].split()
    except OSError:
        return True
    state, flags = fields[0], int(fields[6])
    return state in (b"Z", b"X", b"x") or bool(flags & PF_EXITING)


def tree_pss(root: int) -> int:
    return sum(proportional_set_size(pid) for pid in tree_processes(root))


def process_name(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/comm", encoding="utf-8") as comm:
            return comm.read().strip()
    except OSError:
        return "?"


def tree_processes(root: int) -> set[int]:
    """The process and all its descendants, from /proc."""
    parents: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as stat:
                fields = stat.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry.name)] = int(fields[1])  # fields after "(name)": state, ppid, ...
    tree = {root}
    grew = True
    while grew:
        grew = False
        for pid, parent in parents.items():
            if parent in tree and pid not in tree:
                tree.add(pid)
                grew = True
    return tree


def proportional_set_size(pid: int) -> int:
    """Bytes: the process's private pages plus its share of each page it shares."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as rollup:
            for line in rollup:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1]) * 1024  # kB
    except OSError:
        pass
    return 0
