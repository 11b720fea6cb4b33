"""`make check`, for translations: every translation has its original and is not older than
it, and every page BILINGUAL_REQUIRED names exists in each of the site's languages.

Prints one `path:line: what is wrong and what to do` per problem and a summary line; exits 1
when anything is wrong. The build runs the same check.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

from pelican.settings import read_settings

from .languages import LanguageSettingsError, site_languages
from .pairs import pair_problems, paired_sources


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make check (translations)", description=__doc__)
    parser.add_argument("-s", "--settings", default="pelicanconf.py")
    parser.add_argument("content", nargs="?", help="the content folder (default: PATH)")
    arguments = parser.parse_args(argv)
    started = time.perf_counter()
    settings = read_settings(arguments.settings)
    if arguments.content:
        settings["PATH"] = os.path.abspath(arguments.content)
    try:
        languages = site_languages(settings)
    except LanguageSettingsError as error:
        print(f"error: settings: {error}", file=sys.stderr)
        return 2
    problems = sorted(set(pair_problems(settings)))
    for problem in problems:
        print(problem)
    elapsed = time.perf_counter() - started
    sources = len(paired_sources(settings))
    if problems:
        print(
            f"check: {len(problems)} translation problem(s) in {sources} sources ({elapsed:.2f}s)"
        )
        return 1
    print(
        f"check: translations of {sources} posts, pages and consultations are complete and up "
        f"to date "
        f"({', '.join(languages)}; {elapsed:.2f}s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
