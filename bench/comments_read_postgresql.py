"""How long a build's comment read takes from PostgreSQL, beside the same from SQLite.

The same generated comments (see `comments_read.py`) go into a temporary embedded store
and a PostgreSQL database; then each is read the way a build reads it: the one SQL read
(`read_all` of the published statuses, rows decoded) and the whole `load_comments`
(Markdown rendering and sanitising included). Without `--url`, a throwaway server is
started from Debian's packages, as the tests do. Run:

    .venv/bin/python bench/comments_read_postgresql.py [--count 100000] [--url postgresql://...]

`--url` must name an empty database the user may create tables in; it is left filled.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from comments_read import generate

from comments_bridge.model import PUBLIC_STATUSES
from comments_bridge.read import load_comments
from comments_bridge.store import CommentStore
from comments_bridge.stores import PostgresqlStore, open_store

REPEATS = 3


def read_public(url: str) -> int:
    """What a build's one query returns: the published rows, decoded."""
    store: CommentStore = open_store(url)
    try:
        return len(store.read_all(PUBLIC_STATUSES))
    finally:
        store.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--threads", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--url", help="an empty PostgreSQL database (default: a throwaway server)")
    args = parser.parse_args()

    server = None
    if args.url is None:
        from tests.comments_bridge.postgresql_server import start_server

        server = start_server()
        url = server.moderator_url(server.create_database())
    else:
        url = args.url
    try:
        with tempfile.TemporaryDirectory() as folder:
            sqlite_url = f"sqlite:///{Path(folder) / 'comments.db'}"
            records = generate(args.count, args.threads, args.seed)
            made = {}
            for label, target in (("SQLite", sqlite_url), ("PostgreSQL", url)):
                started = time.perf_counter()
                store = open_store(target, create=True)
                store.add(records)
                store.close()
                made[label] = time.perf_counter() - started
            del records
            probe = PostgresqlStore.open(url)
            where = f"{probe.name} ({'throwaway local server' if server else 'given server'})"
            probe.close()
            print(
                f"stores: {args.count:,} comments in {args.threads:,} threads; imported in "
                f"{made['SQLite']:.1f} s (SQLite), {made['PostgreSQL']:.1f} s (PostgreSQL, {where})"
            )

            stores = {"SQLite": sqlite_url, "PostgreSQL": url}
            reads: dict[str, list[float]] = {label: [] for label in stores}
            rows = 0
            for _ in range(REPEATS):  # interleaved, so a busy machine slows both alike
                for label, target in stores.items():
                    started = time.perf_counter()
                    rows = read_public(target)
                    reads[label].append(time.perf_counter() - started)
            results = {}
            for label, target in stores.items():
                started = time.perf_counter()
                shown = len(load_comments(target))
                loaded = time.perf_counter() - started
                read = statistics.median(reads[label])
                results[label] = (read, loaded)
                print(
                    f"{label:>10}: the SQL read of {rows:,} published rows in {read:.2f} s "
                    f"(median of {REPEATS}, {args.count / read:,.0f} stored comments/s); "
                    f"load_comments of {shown:,} comments in {loaded:.2f} s"
                )
    finally:
        if server is not None:
            server.stop()
    sqlite_read, sqlite_load = results["SQLite"]
    pg_read, pg_load = results["PostgreSQL"]
    print(
        f"benchmark done: {args.count:,} comments pulled by a build in {pg_load:.2f} s from "
        f"PostgreSQL, {sqlite_load:.2f} s from SQLite (the SQL read alone: {pg_read:.2f} s "
        f"and {sqlite_read:.2f} s)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
