"""python -m archive package|verify (PYTHONPATH=plugins); see docs/archive.md.

package [-s publishconf.py] [OUTPUT] [DIST]   package a finished production build
verify [DIST]                                 validate every package in DIST
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time

from .errors import ArchiveError
from .package import package
from .settings import archive_settings
from .verify import verify


def _progress(message: str) -> None:
    """Progress on a terminal; quiet in CI and when output is piped."""
    if sys.stderr.isatty() and os.environ.get("CI", "").lower() not in {"true", "1"}:
        sys.stderr.write(f"  {message}\n")


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.2f} MB"


def run_package(arguments: argparse.Namespace) -> int:
    started = time.perf_counter()
    settings = archive_settings(arguments.settings)
    made = package(arguments.output, arguments.dist, settings, progress=_progress)
    sizes = ", ".join(f"{kind} {_megabytes(size)}" for kind, size in made.sizes().items())
    elapsed = time.perf_counter() - started
    print(
        f"archive: {made.files} files, {made.pages} pages, dated "
        f"{settings.moment:%Y-%m-%dT%H:%M:%SZ}, into {arguments.dist}/ ({sizes}) "
        f"in {elapsed:.1f}s"
    )
    return 0


def run_verify(arguments: argparse.Namespace) -> int:
    started = time.perf_counter()
    try:
        results = verify(arguments.dist)
    except FileNotFoundError as error:
        print(f"error: {error}")
        return 2
    for result in results:
        print(result)
    failed = [result.name for result in results if not result.passed]
    elapsed = time.perf_counter() - started
    if failed:
        print(f"verify-archive: {', '.join(failed)} failed validation ({elapsed:.1f}s)")
        return 1
    print(f"verify-archive: bag, WARC and WACZ are valid and agree ({elapsed:.1f}s)")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m archive", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    make = commands.add_parser("package", help="package a finished production build")
    make.add_argument("-s", "--settings", default="publishconf.py")
    make.add_argument("output", nargs="?", default="output")
    make.add_argument("dist", nargs="?", default="dist")
    make.set_defaults(run=run_package)
    check = commands.add_parser("verify", help="validate the packages in DIST")
    check.add_argument("dist", nargs="?", default="dist")
    check.set_defaults(run=run_verify)
    arguments = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    try:
        return int(arguments.run(arguments))
    except ArchiveError as error:
        print(f"error: {error}")
        return 2


if __name__ == "__main__":
    sys.exit(main())
