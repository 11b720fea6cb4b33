"""`make check`: validate every source without building the site.

Prints one `path:line: what is wrong and what to do` per problem, then one summary line, and
exits 1 when anything is wrong. It runs the same checks as the build, so a clean check means
the build will not stop on the sources.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import defaultdict

from pelican.settings import read_settings

from .front_matter import FrontMatter
from .problems import Problem, display_path
from .reader import FOLDER_TYPES, check_source, content_type_for, registries_for
from .schema import parse_date


def _sources(content_path: str) -> list[str]:
    found = []
    for folder in FOLDER_TYPES:
        for root, _dirs, files in os.walk(os.path.join(content_path, folder)):
            found += [os.path.join(root, name) for name in files if name.endswith(".md")]
    return sorted(found)


def _claim(front_matter: FrontMatter, path: str, kind: str) -> str | None:
    """The URL a source will be written to, as far as its front matter says."""
    slug_field = front_matter.first("slug")
    slug = slug_field.value if slug_field else os.path.splitext(os.path.basename(path))[0]
    if kind == "page":
        return f"pages/{slug}"
    if kind == "reply":
        return None  # shown in its comment's thread, not on a page of its own
    if kind == "consultation":
        return f"consultations/{slug}"
    if kind in ("response", "transcript"):
        consultation = front_matter.first("consultation")
        if consultation is None:
            return None
        if kind == "response":
            return f"consultations/{consultation.value}/response"
        return f"consultations/{consultation.value}/transcripts/{slug}"
    date_field = front_matter.first("date")
    date = parse_date(date_field.value) if date_field else None
    return f"posts/{date:%Y}/{slug}" if date else None


def check(settings_file: str, content_path: str | None = None) -> list[Problem]:
    settings = read_settings(settings_file)
    if content_path:
        settings["PATH"] = os.path.abspath(content_path)
    registries = registries_for(settings)
    problems = list(registries.problems)
    claims: dict[str, list[str]] = defaultdict(list)
    for path in _sources(settings["PATH"]):
        kind = content_type_for(path, settings)
        if kind is None:
            continue
        front_matter, found = check_source(path, kind, registries, settings)
        problems += [Problem(display_path(path), line, message) for line, message in found]
        claim = _claim(front_matter, path, kind)
        if claim:
            claims[claim].append(path)
    for claim, paths in claims.items():
        first, *others = paths
        problems += [
            Problem(
                display_path(other),
                1,
                f"has the same slug and URL ({claim}/) as {display_path(first)}: "
                "give one of them a different Slug",
            )
            for other in others
        ]
    return sorted(set(problems))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make check", description=__doc__)
    parser.add_argument("-s", "--settings", default="pelicanconf.py")
    parser.add_argument("content", nargs="?", help="the content folder (default: PATH)")
    arguments = parser.parse_args(argv)
    started = time.perf_counter()
    problems = check(arguments.settings, arguments.content)
    for problem in problems:
        print(problem)
    elapsed = time.perf_counter() - started
    content = arguments.content or read_settings(arguments.settings)["PATH"]
    count = len(_sources(content))
    if problems:
        print(f"check: {len(problems)} problem(s) in {count} sources ({elapsed:.2f}s)")
        return 1
    print(f"check: {count} sources and both registries are fine ({elapsed:.2f}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
