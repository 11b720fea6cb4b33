"""The moderators' command line against a real PostgreSQL server, as separate processes.

Each step is `python -m comments_bridge ... --store postgresql://...`, exactly what a
moderator types; what a build would then show is read back through the bridge.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from comments_bridge.read import load_comments
from tests.comments_bridge.isso_server import REPO, free_port
from tests.comments_bridge.postgresql_server import (
    MODERATOR,
    MODERATOR_PASSWORD,
    PASSWORD,
    PostgresqlServer,
)
from tests.comments_bridge.test_cli import SEED


def bridge(*arguments: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    """`python -m comments_bridge`, with no PG* or DIALOGUES_* variables but those given."""
    environment = {
        key: value for key, value in os.environ.items() if not key.startswith(("PG", "DIALOGUES_"))
    }
    environment.update(env or {})
    result = subprocess.run(
        [sys.executable, "-m", "comments_bridge", *arguments],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=environment,
        timeout=60,
    )
    return result.returncode, result.stdout, result.stderr


@pytest.fixture
def seed_file(tmp_path: Path) -> Path:
    path = tmp_path / "seed.json"
    path.write_text(json.dumps(SEED), encoding="utf-8")
    return path


def test_a_moderators_session_on_the_shared_database(
    postgresql_server: PostgresqlServer, seed_file: Path, tmp_path: Path
) -> None:
    database = postgresql_server.create_database()
    url = postgresql_server.moderator_url(database)
    name = postgresql_server.public_url(database)
    store = ("--store", url)

    assert bridge("import", str(seed_file), *store) == (
        0,
        f"imported 3 comments from {seed_file} into {name}\n",
        "",
    )
    code, out, _ = bridge("list", *store)
    assert code == 0
    assert out.splitlines() == [
        "2\t/consultations/waste/\t2026-03-01T11:00:00Z\tBob: Buy cheap watches",
        "3\t/posts/2026/bins/\t2026-03-02T09:00:00Z\tCat: When do the new bins arrive?",
        "2 pending comments",
    ]
    assert bridge("approve", "3", *store)[1] == "approved comment 3 on /posts/2026/bins/\n"
    assert bridge("reject", "2", *store)[1] == "rejected comment 2 on /consultations/waste/\n"
    assert bridge("remove", "1", "--reason", "rule-4", *store)[1] == (
        "removed comment 1 on /consultations/waste/ for breaking rule-4\n"
    )
    assert bridge("reply", "3", "--person", "jane-minister", "--body", "Next **May**.", *store)[
        1
    ] == ("recorded official reply 4 by jane-minister to comment 3 on /posts/2026/bins/\n")
    assert bridge("check", *store) == (
        0,
        f"{name} is reachable: 2 approved, 0 pending, 1 rejected, 1 removed\n",
        "",
    )

    comments = load_comments(url)
    assert [(c.id, c.status.value, c.reason, c.official) for c in comments] == [
        ("1", "removed", "rule-4", False),
        ("3", "approved", None, False),
        ("4", "approved", None, True),
    ]

    exported = tmp_path / "export.json"
    code, out, err = bridge("export", "--out", str(exported), *store)
    assert code == 0 and "personal data" in err
    assert out == f"exported 4 comments from {name} to {exported}\n"
    assert json.loads(exported.read_text(encoding="utf-8"))["comments"][0]["ip"] == "192.0.2.7"

    snapshot = tmp_path / "snapshot.json"
    code, out, _ = bridge("pull", "--snapshot", str(snapshot), *store)
    assert (code, out) == (0, f"snapshot of 3 comments in 2 threads written to {snapshot}\n")


def test_the_store_and_its_credentials_can_come_from_the_environment(
    postgresql_server: PostgresqlServer, seed_file: Path
) -> None:
    database = postgresql_server.create_database()
    environment = {
        "DIALOGUES_COMMENTS_STORE": f"postgresql:///{database}?host={postgresql_server.socket_folder}",
        "PGPORT": str(postgresql_server.port),
        "PGUSER": MODERATOR,
        "PGPASSWORD": MODERATOR_PASSWORD,
    }
    assert bridge("import", str(seed_file), env=environment)[0] == 0
    code, out, _ = bridge("check", env=environment)
    assert code == 0
    assert out == (
        f"postgresql:///{database}?host={postgresql_server.socket_folder}"
        f"&port={postgresql_server.port} is reachable: 1 approved, 2 pending, 0 rejected, "
        "0 removed\n"
    )


def test_a_bad_url_a_wrong_password_and_a_server_that_is_down_each_give_one_line(
    postgresql_server: PostgresqlServer,
) -> None:
    database = postgresql_server.create_database()
    cases = {
        "bad URL": (postgresql_server.url(database).replace("127.0.0.1", "[::1"), 2),
        "wrong password": (
            postgresql_server.url(database, user=MODERATOR, password="wrong-password"),
            3,
        ),
        "server down": (
            postgresql_server.moderator_url(database).replace(
                str(postgresql_server.port), str(free_port())
            ),
            3,
        ),
    }
    messages = {}
    for case, (url, expected) in cases.items():
        code, out, err = bridge("list", "--store", url)
        assert (code, out) == (expected, ""), case
        assert len(err.splitlines()) == 1 and err.startswith("error: "), (case, err)
        for secret in ("wrong-password", MODERATOR_PASSWORD, "%20pass%2Fword", PASSWORD):
            assert secret not in err, case
        messages[case] = err
    assert "not a valid PostgreSQL URL" in messages["bad URL"]
    assert "refused the login: password authentication failed" in messages["wrong password"]
    assert "cannot connect: Connection refused" in messages["server down"]
