"""The open data's date is a fact about the data, not about the build (publishing invariant 3).

`generated` in participation.json is the time of the newest event or comment the figures take
in, so rebuilding the same sources and comments later, with nothing new in between, gives the
same bytes, as every other file does.
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from tests.conftest import CONTENT, run_build
from tests.helpers import folder_digest
from tests.plugins.consultations.sources import CLOCK, seed_comments, write_store

OPEN_DATA = (
    "evaluation/participation.json",
    "evaluation/participation.csv",
    "evaluation/comments-per-week.csv",
)


def stamp(moment) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def test_a_later_build_of_the_same_data_gives_the_same_open_data(tmp_path: Path) -> None:
    newest = CLOCK - timedelta(minutes=20)
    thread = next(c["thread"] for c in seed_comments() if c["status"] == "approved")
    store = write_store(
        tmp_path / "store.json",
        [
            {
                "id": "open-data-newest",
                "thread": thread,
                "parent": None,
                "author": "Last Commenter",
                "body": "The newest comment on the site.",
                "created": stamp(newest),
                "status": "approved",
                "official": False,
                "person": None,
                "reason": None,
            }
        ],
    )
    env = {"DIALOGUES_COMMENTS_STORE": store}
    now = run_build(CONTENT, tmp_path / "now", build_time=stamp(CLOCK), env=env)
    later = run_build(
        CONTENT, tmp_path / "later", build_time=stamp(CLOCK + timedelta(minutes=5)), env=env
    )

    assert now.returncode == 0, now.log
    assert later.returncode == 0, later.log
    document = json.loads(now.read("evaluation/participation.json"))
    assert document["generated"] == stamp(newest), "the newest comment, not the build's clock"
    for name in OPEN_DATA:
        assert now.read(name) == later.read(name), f"{name} differs between the two builds"
    assert folder_digest(now.output) == folder_digest(later.output)
