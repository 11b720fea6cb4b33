"""`make check`: validate every source without building the site.

Prints one `path:line: what is wrong and what to do` per problem, then one summary line, and
exits 1 when anything is wrong. It runs the build's own checks of each file, then asks of the
files what the build asks of the objects it reads: links between consultations, responses,
transcripts and posts; comments cited or answered (from the comment store); addresses that
two sources claim; and the published-URL list, as far as the sources alone decide it.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pelican.settings import read_settings
from publishing.build_clock import BuildClockError, resolve_build_time

from .addresses import address_problems
from .archive_links import archive_problems
from .comment_citations import citation_problems, read_published
from .inventory import read_sources
from .permanence import permanence_problems
from .problems import Problem, display_path
from .reader import registries_for
from .site_paths import site_paths


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what could not be checked, and why
    sources: int = 0
    urls_judged: int = 0
    urls_listed: int = 0


def _setting_line(settings_file: str, name: str) -> int:
    try:
        with open(settings_file, encoding="utf-8") as handle:
            lines = handle.read().splitlines()
    except OSError:
        return 1
    pattern = re.compile(rf"^{name}\s*=")
    return next((n for n, text in enumerate(lines, start=1) if pattern.match(text)), 1)


def _zone_problem(settings_file: str, settings: dict[str, Any]) -> Problem | None:
    zone = settings.get("TIMEZONE")
    try:
        ZoneInfo(str(zone))
    except (ZoneInfoNotFoundError, ValueError):
        return Problem(
            display_path(settings_file),
            _setting_line(settings_file, "TIMEZONE"),
            f"TIMEZONE '{zone}' is not a time zone: use a name such as 'Europe/London'",
        )
    return None


def build_clock(settings: dict[str, Any]) -> datetime | None:
    """The moment the next build will treat as now; None for a preview, which shows all."""
    if settings.get("PREVIEW"):
        return None
    return resolve_build_time(settings.get("BUILD_TIME"), settings["TIMEZONE"])


def check(settings_file: str, content_path: str | None = None) -> Report:
    settings = read_settings(settings_file)
    if content_path:
        settings["PATH"] = os.path.abspath(content_path)
    report = Report()
    zone_problem = _zone_problem(settings_file, settings)
    if zone_problem:
        report.problems.append(zone_problem)
        return report
    clock = build_clock(settings)
    settings["BUILD_TIME"] = clock
    registries = registries_for(settings)
    sources = read_sources(settings, registries)
    report.sources = len(sources)
    problems = list(registries.problems)
    for source in sources:
        problems += [Problem(source.shown_path, line, text) for line, text in source.problems]
    problems += address_problems(sources, settings)
    problems += archive_problems(sources, registries, settings, clock)
    comments, note = read_published(settings)
    if comments is None:
        report.notes.append(note or "comments were not checked")
    else:
        problems += citation_problems(sources, comments, clock)
    unsure = {source.slug for source in sources if source.problems}
    unsure |= {entry.split(":", 1)[1] for entry in registries.faulty}
    paths = site_paths(sources, registries, settings, clock)
    urls = permanence_problems(sources, paths, settings, frozenset(unsure))
    problems += urls.problems
    report.urls_judged, report.urls_listed = urls.judged, urls.listed
    report.problems = sorted(set(problems))
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make check", description=__doc__)
    parser.add_argument("-s", "--settings", default="pelicanconf.py")
    parser.add_argument("content", nargs="?", help="the content folder (default: PATH)")
    arguments = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        report = check(arguments.settings, arguments.content)
    except BuildClockError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    for problem in report.problems:
        print(problem)
    for note in report.notes:
        print(f"note: {note}")
    elapsed = time.perf_counter() - started
    urls = f"{report.urls_judged} of {report.urls_listed} listed URLs checked against sources"
    if report.problems:
        count = len(report.problems)
        print(f"check: {count} problem(s) in {report.sources} sources; {urls} ({elapsed:.2f}s)")
        return 1
    print(f"check: {report.sources} sources and both registries are fine; {urls} ({elapsed:.2f}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
