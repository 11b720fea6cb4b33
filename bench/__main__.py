"""`python -m bench`: a generated site built by Dialogues and by plain Pelican, side by side.

.venv/bin/python -m bench --posts 1000 5000 --comments-per-post 20 --rounds 1
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from bench import report, runner, store
from bench.set_aside import SetAside

DEFAULT_FOLDER = runner.site.REPO / "var" / "bench"
SET_ASIDE = "set-aside"


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--posts", type=int, nargs="+", default=[200], help="site sizes (default: 200)"
    )
    parser.add_argument("--comments-per-post", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=1, help="repeat every scenario (median)")
    parser.add_argument("--store", choices=store.KINDS, default="sqlite")
    parser.add_argument("--folder", type=Path, default=DEFAULT_FOLDER)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument(
        "--no-cache", action="store_true", help="build without the build cache (var/cache)"
    )
    parser.add_argument(
        "--profile", action="store_true", help="run our clean build under cProfile; print its top"
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    on_terminal = sys.stderr.isatty() and os.environ.get("CI", "").lower() not in {"true", "1"}
    started = time.perf_counter()

    def progress(message: str) -> None:
        if on_terminal:
            print(f"[{time.perf_counter() - started:6.0f} s] {message}", file=sys.stderr)

    set_aside = SetAside(args.folder / SET_ASIDE)
    try:
        return _run(args, set_aside, progress, started)
    finally:
        set_aside.remove()  # only once every build is measured (set_aside.py)


def _run(
    args: argparse.Namespace,
    set_aside: SetAside,
    progress: Callable[[str], None],
    started: float,
) -> int:
    reports = []
    for posts in args.posts:
        bench = runner.Bench(
            args.folder / f"posts-{posts}",
            posts=posts,
            comments_per_post=args.comments_per_post,
            store_kind=args.store,
            rounds=args.rounds,
            progress=progress,
            set_aside=set_aside,
            profile=args.profile,
            cache=not args.no_cache,
        )
        try:
            found = bench.run()
        except runner.BuildFailed as error:
            print(f"bench: {error}", file=sys.stderr)
            return 1
        reports.append(found)
        if args.profile:
            print(runner.profile_summary(bench.folder))
        print(report.table(found))
        print()
        print(report.budget_lines(report.budgets(found), posts))
        print()
    ordered = sorted(reports, key=lambda r: r.manifest.posts)
    if len(ordered) > 1:
        print(report.budget_lines([report.scaling(ordered[-2], ordered[-1])], report.BUDGET_SIZE))
    if args.json:
        runner.save(reports, args.json)
    print(report.summary(reports, time.perf_counter() - started))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
