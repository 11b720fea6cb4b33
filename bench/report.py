"""The benchmark's table, its budgets (issue 10) and its one-line summary."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from bench.runner import (
    EDITED_POST,
    NEW_COMMENT,
    OURS_CLEAN,
    PLAIN_CLEAN,
    SCENARIOS,
    UNCHANGED,
    SizeReport,
)

MIB: Final = 2**20
MEMORY_BUDGET: Final = 600 * MIB
BUDGET_SIZE: Final = 5_000
"""The budgets are set for 5,000 posts and 100,000 comments; elsewhere they are indicative."""


@dataclass(frozen=True)
class Budget:
    name: str
    value: str
    holds: bool


def table(report: SizeReport) -> str:
    m = report.manifest
    plain = report.results[PLAIN_CLEAN]
    ours = report.results[OURS_CLEAN]
    lines = [
        f"{m.posts:,} posts ({m.published_posts:,} published), {m.consultations:,} "
        f"consultations, {m.comments:,} comments ({m.public_comments:,} public) in a "
        f"{report.store} store; {len(plain.runs)} round(s), median times; load average "
        f"{_load(report.load_before)} before, {_load(report.load_after)} after",
        "",
        "| build | wall s | CPU s | ms/post | vs plain | vs our clean | max RSS MiB "
        "| tree PSS MiB | files | output MiB | load |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name in SCENARIOS:
        result = report.results[name]
        if not result.runs:
            continue
        size = result.size
        lines.append(
            f"| {name} | {result.seconds:.1f} | {result.cpu_seconds:.1f} "
            f"| {1000 * result.seconds / m.posts:.1f} "
            f"| {result.seconds / plain.seconds:.2f} "
            f"| {'' if name == PLAIN_CLEAN else f'{result.seconds / ours.seconds:.0%}'} "
            f"| {result.max_rss / MIB:.0f} | {result.tree_pss / MIB:.0f} "
            f"| {f'{size.files:,}' if size else ''} "
            f"| {f'{size.bytes / MIB:.0f}' if size else ''} | {result.load:.2f} |"
        )
    peaks = [
        f"  {name}: {result.tree_peak}"
        for name in SCENARIOS
        if name != PLAIN_CLEAN and (result := report.results[name]).runs and result.tree_peak
    ]
    if peaks:  # a peak is a sample: which processes held it tells a spike from a trend
        lines += ["", "memory peak of each of our builds: when, and PSS MiB by process", *peaks]
    return "\n".join(lines)


def budgets(report: SizeReport) -> list[Budget]:
    r = report.results
    clean = r[OURS_CLEAN].seconds
    ratio = clean / r[PLAIN_CLEAN].seconds
    memory = max(r[name].tree_pss or r[name].max_rss for name in SCENARIOS if name != PLAIN_CLEAN)
    found = [Budget("clean build <= plain Pelican's", f"{ratio:.2f}x", ratio <= 1.0)]
    for name, limit in ((NEW_COMMENT, 0.15), (EDITED_POST, 0.15), (UNCHANGED, 0.10)):
        share = r[name].seconds / clean
        found.append(
            Budget(f"{name.removeprefix('ours, ')} <= {limit:.0%}", f"{share:.0%}", share <= limit)
        )
    found.append(
        Budget("peak memory <= 600 MiB", f"{memory / MIB:.0f} MiB", memory <= MEMORY_BUDGET)
    )
    return found


def scaling(small: SizeReport, large: SizeReport) -> Budget:
    def per_post(report: SizeReport) -> float:
        return report.results[OURS_CLEAN].seconds / report.manifest.posts

    ratio = per_post(large) / per_post(small)
    return Budget(
        f"{large.manifest.posts:,} posts cost <= 1.2x per post what {small.manifest.posts:,} cost",
        f"{ratio:.2f}x",
        ratio <= 1.2,
    )


def budget_lines(found: list[Budget], posts: int) -> str:
    note = "" if posts == BUDGET_SIZE else f" (set for {BUDGET_SIZE:,} posts; indicative here)"
    lines = [f"budgets{note}:"]
    lines += [f"  {'holds' if b.holds else 'FAILS'}  {b.name}: {b.value}" for b in found]
    return "\n".join(lines)


def summary(reports: list[SizeReport], seconds: float) -> str:
    parts = []
    for report in reports:
        r = report.results
        ours, plain = r[OURS_CLEAN].seconds, r[PLAIN_CLEAN].seconds
        parts.append(
            f"{report.manifest.posts:,} posts: ours {ours:.1f} s vs plain Pelican {plain:.1f} s "
            f"({ours / plain:.2f}x), rebuilds {r[NEW_COMMENT].seconds / ours:.0%}/"
            f"{r[EDITED_POST].seconds / ours:.0%}/{r[UNCHANGED].seconds / ours:.0%}"
        )
    return f"bench: {'; '.join(parts)}; done in {seconds:.0f} s"


def _load(load: tuple[float, float, float]) -> str:
    return " ".join(f"{value:.2f}" for value in load)
