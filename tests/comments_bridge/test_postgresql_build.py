"""The example site built from PostgreSQL shows exactly what it shows from the embedded store.

The example comments are imported into a SQLite file and a PostgreSQL database, the same
comment is removed from both by the command line (so each build is proved to read its
own store, not the committed file), and the two sites are built with the real `pelican`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from comments_bridge.cli import main
from tests.comments_bridge.postgresql_server import PostgresqlServer
from tests.conftest import CONTENT, SEED_COMMENTS, Build
from tests.helpers import folder_digest


def comments_on_pages(build: Build) -> dict[str, list[tuple[str, str]]]:
    """Every page's comments as (anchor, visible text), in page order."""
    shown = {}
    for page in build.pages():
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        items = soup.select("li.dialogues-comment")
        if items:
            shown[str(page.relative_to(build.output))] = [
                (str(item.get("id")), " ".join(item.get_text(" ").split())) for item in items
            ]
    return shown


def test_the_example_site_shows_the_same_comments_from_postgresql_as_from_sqlite(
    postgresql_server: PostgresqlServer,
    build_site: Callable[..., Build],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    stores = {
        "sqlite": f"sqlite:///{tmp_path / 'comments.db'}",
        "postgresql": postgresql_server.moderator_url(postgresql_server.create_database()),
    }
    seed = json.loads(SEED_COMMENTS.read_text(encoding="utf-8"))["comments"]
    removed = next(c["id"] for c in seed if c["status"] == "approved" and c["parent"] is None)
    builds = {}
    for kind, url in stores.items():
        assert main(["import", str(SEED_COMMENTS), "--store", url]) == 0
        assert main(["remove", removed, "--reason", "rule-1", "--store", url]) == 0
        build = build_site(
            CONTENT, tmp_path / kind / "output", env={"DIALOGUES_COMMENTS_STORE": url}
        )
        assert build.returncode == 0, build.log
        builds[kind] = build
    capsys.readouterr()

    from_sqlite = comments_on_pages(builds["sqlite"])
    from_postgresql = comments_on_pages(builds["postgresql"])
    assert from_postgresql == from_sqlite
    assert sum(len(items) for items in from_sqlite.values()) >= 50
    tombstones = [
        text
        for items in from_postgresql.values()
        for anchor, text in items
        if anchor == f"comment-{removed}"
    ]
    assert len(tombstones) == 1 and "rule 1" in tombstones[0].lower()
    # Nothing else differs either: every page and feed is byte for byte the same. (The search
    # index is made from these pages; its own reproducibility is test_reproducible's.)
    assert pages_and_feeds(builds["postgresql"]) == pages_and_feeds(builds["sqlite"])


def pages_and_feeds(build: Build) -> dict[str, str]:
    digests = folder_digest(build.output)
    return {path: digest for path, digest in digests.items() if path.endswith((".html", ".xml"))}
