"""A copy of the example site with its own store, theme and cache, rebuilt the way a
scheduled job rebuilds it: for the tests of what a rebuild keeps."""

from __future__ import annotations

import json
import marshal
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from tests.conftest import EXAMPLE_BUILD_TIME, REPO, SEED_COMMENTS, Build, run_build

POST = "posts/2025-01-why-we-publish-our-working.md"
POST_PAGE = "posts/2025/why-we-publish-our-working/index.html"
THREAD = "/posts/2025/why-we-publish-our-working/"


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text + "\n", encoding="utf-8")


class Site:
    """One site folder, rebuilt the way a scheduled job rebuilds it."""

    def __init__(self, tmp_path: Path, content: Path) -> None:
        self.content = content
        self.output = tmp_path / "output"
        self.cache = tmp_path / "cache"
        self.store = tmp_path / "comments.json"
        shutil.copyfile(SEED_COMMENTS, self.store)
        self.theme = tmp_path / "theme"
        shutil.copytree(REPO / "themes" / "dialogues", self.theme)
        self.clock = EXAMPLE_BUILD_TIME
        self.env: dict[str, str] = {}
        self.settings: dict[str, str] = {}  # setting -> JSON value, as `pelican -e` takes it

    def build(self, output: Path | None = None, cache: Path | None = None) -> Build:
        """A build into the site's output with its cache, or into `output` with `cache`."""
        output = output or self.output
        env = {
            "COLUMNS": "400",  # the log's lines unwrapped, for the tests that count from it
            "DIALOGUES_CACHE_PATH": str(cache or self.cache),
            "DIALOGUES_COMMENTS_STORE": f"json:///{self.store}",
            **self.env,
        }
        build = run_build(
            self.content,
            output,
            build_time=self.clock,
            env=env,
            extra_settings={"THEME": json.dumps(str(self.theme)), **self.settings},
            verbose=True,
        )
        assert build.returncode == 0, build.log
        assert not Path(f"{output}.partial").exists()
        return build

    def add_comment(self, body: str, thread: str = THREAD, number: str = "9001") -> None:
        document = json.loads(self.store.read_text(encoding="utf-8"))
        document["comments"].append(
            {
                "id": number,
                "thread": thread,
                "parent": None,
                "author": "A Reader",
                "body": body,
                "created": "2025-03-01T10:00:00Z",
                "status": "approved",
                "official": False,
                "person": None,
                "reason": None,
            }
        )
        self.store.write_text(json.dumps(document), encoding="utf-8")

    def moderate(self, number: str, **fields: Any) -> None:
        """A moderator's change to one comment in the store (status, reason...)."""
        document = json.loads(self.store.read_text(encoding="utf-8"))
        (comment,) = (c for c in document["comments"] if c["id"] == number)
        comment.update(fields)
        self.store.write_text(json.dumps(document), encoding="utf-8")


def window_of(cache: Path) -> tuple[datetime, datetime]:
    _, records = marshal.loads((cache / "unchanged.marshal").read_bytes())
    ((_, start, end, _),) = records.values()
    epoch = datetime(1970, 1, 1, tzinfo=UTC)
    return epoch + timedelta(microseconds=start), epoch + timedelta(microseconds=end)
