"""Full garbage collections are held off while a build reads, and come back for writing and
after the build."""

from __future__ import annotations

import gc
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from content_model import full_collections

from tests.helpers import run_watched_build

WATCHED_BUILD = """
import gc, json, sys
from pelican import main, signals
seen = {"before": gc.get_threshold()}
def at(name):
    def record(*_, **__):
        seen[name] = gc.get_threshold()
    return record
hooks = {name: at(name) for name in ("all_generators_finalized", "article_writer_finalized")}
for name, hook in hooks.items():
    getattr(signals, name).connect(hook)
sys.argv = ["pelican", sys.argv[1], "-s", "pelicanconf.py", "-o", sys.argv[2]]
main()
seen["after"] = gc.get_threshold()
print(json.dumps(seen))
"""


@pytest.fixture
def thresholds() -> Iterator[tuple[int, int, int]]:
    found = gc.get_threshold()
    yield found
    full_collections._held.clear()
    gc.set_threshold(*found)


def test_holding_stops_full_collections_only_and_release_restores_them(
    thresholds: tuple[int, int, int],
) -> None:
    young, older, full = thresholds
    full_collections.hold()
    full_collections.hold()  # a run's start after the build's: still one hold
    assert gc.get_threshold() == (young, older, full_collections.NEVER)
    full_collections.release()
    assert gc.get_threshold() == (young, older, full)
    full_collections.release()  # nothing held: nothing changes
    assert gc.get_threshold() == (young, older, full)


def test_a_build_holds_them_while_reading_and_restores_them_to_write(tmp_path: Path) -> None:
    result = run_watched_build(WATCHED_BUILD, tmp_path)
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["all_generators_finalized"][2] == full_collections.NEVER
    assert seen["article_writer_finalized"] == seen["before"]
    assert seen["after"] == seen["before"]
    assert (tmp_path / "output" / "index.html").is_file()
