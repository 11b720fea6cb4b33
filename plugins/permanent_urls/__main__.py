"""`make published-urls`: add every URL a finished build published to the committed list.

Usage: python -m permanent_urls [-s SETTINGS] [--content FOLDER] [OUTPUT]   (PYTHONPATH=plugins)

It only ever adds: a path leaves the list when someone deletes its line, which a review sees.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

from content_model.problems import display_path
from pelican.settings import read_settings

from .addresses import url_paths_in
from .published_list import list_path, read_published_list, write_published_list


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m permanent_urls", description=__doc__)
    parser.add_argument("-s", "--settings", default="pelicanconf.py")
    parser.add_argument("--content", help="the content folder (default: the settings' PATH)")
    parser.add_argument("output", nargs="?", default="output", help="a finished build")
    arguments = parser.parse_args(argv)
    started = time.perf_counter()
    if not os.path.isfile(os.path.join(arguments.output, "index.html")):
        print(f"error: {arguments.output} holds no finished build: run `make html` first")
        return 2
    settings = read_settings(arguments.settings)
    if arguments.content:
        settings["PATH"] = os.path.abspath(arguments.content)
    file = list_path(settings)
    listed = read_published_list(file)
    if listed.problems:
        for problem in listed.problems:
            print(problem)
        return 1
    published = url_paths_in(arguments.output, settings.get("PUBLISHED_URLS_IGNORE", []))
    new = published - listed.paths
    write_published_list(file, listed.paths | published)
    elapsed = time.perf_counter() - started
    print(
        f"published-urls: {len(new)} new, {len(listed.paths | published)} listed in "
        f"{display_path(file)} ({elapsed:.2f}s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
