"""The benchmark's scenarios, run in one go and alternating, on one generated site.

Each round: plain Pelican's clean build and ours (which goes first alternates by round),
then our rebuilds after one new approved comment, after one edited post, and with nothing
changed. Every rebuild is checked for what a reader would see: the new comment and the
edit must be on their pages at once. A clean build starts with no output and no cache.
"""

from __future__ import annotations

import io
import json
import os
import pstats
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Final

from bench import measure, plain, site, store
from bench.set_aside import SetAside

PELICAN: Final = Path(sys.executable).parent / "pelican"
OURS_CLEAN: Final = "ours, clean"
PLAIN_CLEAN: Final = "plain Pelican, clean"
NEW_COMMENT: Final = "ours, one new comment"
EDITED_POST: Final = "ours, one edited post"
UNCHANGED: Final = "ours, nothing changed"
SCENARIOS: Final = (PLAIN_CLEAN, OURS_CLEAN, NEW_COMMENT, EDITED_POST, UNCHANGED)
EDIT_WORD: Final = "okapieditedpost"
PROFILE_FILE: Final = "ours-clean.prof"
CACHE_FOLDER: Final = "cache"
"""Our build's cache for the benchmark site (BUILD_CACHE_PATH), beside its output."""


class BuildFailed(RuntimeError):
    pass


@dataclass
class Result:
    scenario: str
    runs: list[measure.Run] = field(default_factory=list)
    size: measure.Size | None = None

    @property
    def seconds(self) -> float:
        return statistics.median(r.seconds for r in self.runs)

    @property
    def cpu_seconds(self) -> float:
        return statistics.median(r.cpu_seconds for r in self.runs)

    @property
    def max_rss(self) -> int:
        return max(r.max_rss for r in self.runs)

    @property
    def tree_pss(self) -> int:
        return max(r.tree_pss for r in self.runs)

    @property
    def load(self) -> float:
        return max(r.load for r in self.runs)

    @property
    def tree_peak(self) -> str:
        """The breakdown of the run with the largest tree peak."""
        return max(self.runs, key=lambda r: r.tree_pss).tree_peak


@dataclass
class SizeReport:
    manifest: site.Manifest
    results: dict[str, Result]
    generated_in: float
    load_before: tuple[float, float, float]
    load_after: tuple[float, float, float]
    store: str

    def to_json(self) -> dict[str, object]:
        return {
            "manifest": asdict(self.manifest),
            "store": self.store,
            "generated_in": self.generated_in,
            "load_before": self.load_before,
            "load_after": self.load_after,
            "results": {
                name: {
                    "seconds": [r.seconds for r in result.runs],
                    "cpu_seconds": [r.cpu_seconds for r in result.runs],
                    "max_rss": result.max_rss,
                    "tree_pss": result.tree_pss,
                    "tree_peak": result.tree_peak,
                    "load": [r.load for r in result.runs],
                    "files": result.size.files if result.size else None,
                    "bytes": result.size.bytes if result.size else None,
                }
                for name, result in self.results.items()
            },
        }


class Bench:
    def __init__(
        self,
        folder: Path,
        *,
        posts: int,
        comments_per_post: int,
        store_kind: str,
        rounds: int,
        progress: Callable[[str], None],
        set_aside: SetAside,
        profile: bool = False,
        cache: bool = True,
    ) -> None:
        self.folder = folder
        self.posts = posts
        self.comments_per_post = comments_per_post
        self.store_kind = store_kind
        self.rounds = rounds
        self.progress = progress
        self.set_aside = set_aside
        self.profile = profile
        self.cache = cache
        self.results = {name: Result(name) for name in SCENARIOS}
        self.url = ""
        self.manifest: site.Manifest | None = None

    def run(self) -> SizeReport:
        load_before = os.getloadavg()
        started = time.perf_counter()
        self.progress(
            f"generating {self.posts:,} posts with {self.comments_per_post} comments each "
            f"in {self.folder}"
        )
        self.folder.mkdir(parents=True, exist_ok=True)
        self.manifest = site.generate(
            self.folder, self.posts, self.comments_per_post, set_aside=self.set_aside.move
        )
        self.url = store.make_store(self.folder, self.store_kind)
        plain.write_settings(self.folder)
        generated_in = time.perf_counter() - started
        self.progress(
            f"generated {self.manifest.words:,} words and {self.manifest.comments:,} comments "
            f"in {generated_in:.1f} s"
        )
        for number in range(self.rounds):
            clean = [self.plain_clean, self.ours_clean]
            for step in clean if number % 2 == 0 else reversed(clean):
                step()
            self.new_comment(number)
            self.edited_post(number)
            self.unchanged()
        return SizeReport(
            self.manifest,
            self.results,
            generated_in,
            load_before,
            os.getloadavg(),
            self.store_kind,
        )

    # --- the scenarios ---

    def plain_clean(self) -> None:
        output = self.folder / "plain-output"
        self.set_aside.move(output)
        command = [str(PELICAN), "content", "-s", plain.FILE_NAME, "-o", str(output)]
        self._record(PLAIN_CLEAN, command, self.folder, dict(os.environ), output)

    def ours_clean(self) -> None:
        for name in ("output", "output.partial", "output.previous", CACHE_FOLDER):
            self.set_aside.move(self.folder / name)
        self._ours(OURS_CLEAN, size=True, profile=self.profile)

    def new_comment(self, number: int) -> None:
        assert self.manifest is not None
        comment_id = self.manifest.next_comment_id + number
        store.add_comment(self.folder, self.store_kind, self.manifest.comment_thread, comment_id)
        self._ours(NEW_COMMENT)
        page = self.folder / "output" / self.manifest.comment_page
        if f'id="comment-{comment_id}"' not in page.read_text(encoding="utf-8"):
            raise BuildFailed(f"the new comment {comment_id} is not on {page}")

    def edited_post(self, number: int) -> None:
        assert self.manifest is not None
        source = self.folder / "content" / self.manifest.edit_post
        word = f"{EDIT_WORD}{number}"
        with source.open("a", encoding="utf-8") as text:
            text.write(f"\nUpdated: this post was edited ({word}).\n")
        self._ours(EDITED_POST)
        page = self.folder / "output" / self.manifest.edit_post_page
        if word not in page.read_text(encoding="utf-8"):
            raise BuildFailed(f"the edit {word} is not on {page}")

    def unchanged(self) -> None:
        self._ours(UNCHANGED)

    # --- running builds ---

    def _ours(self, scenario: str, *, size: bool = False, profile: bool = False) -> None:
        output = self.folder / "output"
        environment = {k: v for k, v in os.environ.items() if not k.startswith("DIALOGUES_")}
        environment["DIALOGUES_BUILD_TIME"] = site.BUILD_TIME.isoformat()
        environment["DIALOGUES_COMMENTS_STORE"] = self.url
        content = self.folder / "content"
        command = [str(PELICAN), str(content.resolve()), "-s", "pelicanconf.py"]
        command += ["-o", str(output.resolve())]
        if self.cache:
            environment["DIALOGUES_CACHE_PATH"] = str((self.folder / CACHE_FOLDER).resolve())
        else:  # every build as the first: how the build did before it had a cache
            command += ["-e", "BUILD_CACHE_PATH=null"]
        if profile:  # in the build's own process; worker processes are not profiled
            profile_file = (self.folder / PROFILE_FILE).resolve()
            command = [sys.executable, "-m", "cProfile", "-o", str(profile_file), *command]
        self._record(scenario, command, site.REPO, environment, output if size else None)

    def _record(
        self,
        scenario: str,
        command: list[str],
        cwd: Path,
        environment: dict[str, str],
        output: Path | None,
    ) -> None:
        self.progress(f"{scenario}: building")
        slug = scenario.replace(",", "").replace(" ", "-")
        outcome = measure.run(
            command, cwd=cwd, env=environment, log_file=self.folder / f"{slug}.log"
        )
        if outcome.returncode != 0:
            tail = "\n".join(outcome.log.splitlines()[-30:])
            raise BuildFailed(f"{scenario} failed ({outcome.returncode}):\n{tail}")
        result = self.results[scenario]
        result.runs.append(outcome)
        if output is not None:
            result.size = measure.folder_size(output)
        self.progress(
            f"{scenario}: {outcome.seconds:.1f} s ({outcome.cpu_seconds:.1f} s CPU), "
            f"{outcome.max_rss / 2**20:.0f} MiB "
            f"(load {outcome.load:.2f})"
        )


def profile_summary(folder: Path, entries: int = 25) -> str:
    """The profile's top entries, by time spent in each function itself and cumulatively."""
    text = io.StringIO()
    stats = pstats.Stats(str(folder / PROFILE_FILE), stream=text)
    stats.strip_dirs().sort_stats("tottime").print_stats(entries)
    stats.sort_stats("cumulative").print_stats(entries)
    return text.getvalue()


def save(reports: list[SizeReport], path: Path) -> None:
    path.write_text(json.dumps([r.to_json() for r in reports], indent=1) + "\n")
