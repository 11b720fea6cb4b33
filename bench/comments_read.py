"""How long the build's one comment read takes for a large site.

Generates comments (Markdown bodies, threads, replies, every status) into a temporary
embedded store, then times `load_comments`: one query, Markdown rendering and
sanitising of every published body. Run:

    .venv/bin/python bench/comments_read.py [--count 100000] [--threads 2000]
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from comments_bridge import timestamps
from comments_bridge.model import PUBLIC_STATUSES, CommentStatus, StoredComment
from comments_bridge.read import load_comments, publish
from comments_bridge.stores import SqliteStore

WORDS = [
    "consultation",
    "proposal",
    "waste",
    "recycling",
    "council",
    "budget",
    "transport",
    "housing",
    "energy",
    "evidence",
    "policy",
    "minister",
    "response",
    "timetable",
    "cost",
    "benefit",
    "community",
    "local",
    "national",
    "support",
    "oppose",
    "concern",
    "question",
    "answer",
    "agree",
    "disagree",
    "plan",
    "review",
    "data",
    "impact",
]
STATUSES = (
    [CommentStatus.APPROVED] * 85
    + [CommentStatus.REMOVED] * 5
    + [CommentStatus.PENDING] * 7
    + [CommentStatus.REJECTED] * 3
)


def sentence(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(6, 18))
    if rng.random() < 0.3:
        words[rng.randrange(len(words))] = f"*{rng.choice(WORDS)}*"
    if rng.random() < 0.2:
        words[rng.randrange(len(words))] = f"**{rng.choice(WORDS)}**"
    if rng.random() < 0.15:
        words.append(f"[source](https://example.org/{rng.choice(WORDS)})")
    if rng.random() < 0.05:
        words.append("<script>alert(1)</script>")
    return " ".join(words).capitalize() + "."


def body(rng: random.Random) -> str:
    """One to three paragraphs, sometimes a quote or a list: what people write."""
    parts = [" ".join(sentence(rng) for _ in range(rng.randint(1, 4)))]
    if rng.random() < 0.15:
        parts.insert(0, f"> {sentence(rng)}")
    if rng.random() < 0.1:
        parts.append("\n".join(f"- {sentence(rng)}" for _ in range(rng.randint(2, 4))))
    if rng.random() < 0.3:
        parts.append(sentence(rng))
    return "\n\n".join(parts)


def generate(count: int, threads: int, seed: int) -> list[StoredComment]:
    rng = random.Random(seed)
    start = datetime(2025, 1, 1, tzinfo=UTC)
    thread_paths = [f"/consultations/topic-{n:05d}/" for n in range(threads)]
    in_thread: dict[str, list[str]] = {path: [] for path in thread_paths}
    records = []
    for n in range(count):
        thread = thread_paths[rng.randrange(threads)]
        earlier = in_thread[thread]
        parent = rng.choice(earlier) if earlier and rng.random() < 0.3 else None
        status = rng.choice(STATUSES)
        records.append(
            StoredComment(
                id=str(n + 1),
                thread=thread,
                parent=parent,
                author=f"Reader {rng.randrange(20_000)}",
                body=body(rng),
                created=start + timedelta(seconds=n * 37),
                status=status,
                reason="rule-2" if status is CommentStatus.REMOVED else None,
                email=f"reader{n}@mail.example",
                ip=f"192.0.2.{n % 250}",
            )
        )
        earlier.append(str(n + 1))
    return records


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--threads", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "comments.db"
        started = time.perf_counter()
        records = generate(args.count, args.threads, args.seed)
        store = SqliteStore.open(path, create=True)
        store.add(records)
        store.close()
        del records
        setup = time.perf_counter() - started
        print(
            f"store: {args.count:,} comments in {args.threads:,} threads, "
            f"{path.stat().st_size / 2**20:.0f} MiB, made in {setup:.1f} s"
        )

        url = f"sqlite:///{path}"
        started = time.perf_counter()
        comments = load_comments(url)
        elapsed = time.perf_counter() - started
        print(
            f"load_comments: {len(comments):,} published comments "
            f"({len(comments.threads):,} threads) in {elapsed:.2f} s, "
            f"{args.count / elapsed:,.0f} stored comments/s, "
            f"{len(comments) / elapsed:,.0f} published comments/s"
        )
        del comments

        store = SqliteStore.open(path)
        started = time.perf_counter()
        records = store.read_all(PUBLIC_STATUSES)
        read = time.perf_counter() - started
        publish(records, as_of=timestamps.now_utc(), workers=1)
        serial = time.perf_counter() - started
        store.close()
        del records
        print(
            f"  of which the SQL read and row decoding: {read:.2f} s; "
            f"the same load on one core: {serial:.2f} s ({args.count / serial:,.0f} stored/s)"
        )

        tracemalloc.start()
        load_comments(url)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"memory: peak {peak / 2**20:.0f} MiB allocated by load_comments in the build "
            f"process (tracemalloc); its max RSS {own:.0f} MiB, generation included"
        )
    print(f"benchmark done: {args.count:,} comments read in {elapsed:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
