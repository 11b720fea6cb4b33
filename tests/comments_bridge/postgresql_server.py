"""A real PostgreSQL server from Debian's packages, in a temporary folder, for the tests.

`initdb` refuses to run as root, and CI runs as root: then the server runs as the
`postgres` account the Debian package creates (or `nobody`), in a folder made for it
outside pytest's private temporary tree. It listens on 127.0.0.1 on a free port and on
a socket in its own folder, asks every client for a password (SCRAM), and runs without
fsync: the tests want a real server, not a durable one. Each test gets a fresh database
from `create_database`, with an ICU en-GB collation as a department's server would
have, so ordering that only holds under the C locale is caught.
"""

from __future__ import annotations

import ctypes
import glob
import os
import pwd
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any
from urllib.parse import quote

from tests.comments_bridge.isso_server import free_port, skip_or_fail

SUPERUSER = "dialogues_admin"
PASSWORD = "admin-test-password"
MODERATOR = "moderator"
MODERATOR_PASSWORD = "moderator pass/word@1"
"""Characters a URL must escape, so the tests prove credentials are quoted and hidden."""
PR_SET_PDEATHSIG = 1


def server_binaries() -> Path:
    """The folder with Debian's `initdb` and `postgres`, newest version first."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda path: int(Path(path).parts[-3]) if Path(path).parts[-3].isdigit() else 0,
    )
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("initdb")
    if on_path:
        return Path(on_path).resolve().parent
    skip_or_fail("PostgreSQL server not installed: run `make system-test-deps` (Debian postgresql)")
    raise AssertionError("unreachable")


def driver() -> Any:
    try:
        import psycopg
    except ImportError:
        skip_or_fail("psycopg missing: pip install 'dialogues[postgresql]' (make test does)")
    return psycopg


def _server_account() -> tuple[int, int] | None:
    """Whom to run the server as: None for ourselves, else a (uid, gid) that is not root."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            account = pwd.getpwnam(name)
        except KeyError:
            continue
        return account.pw_uid, account.pw_gid
    skip_or_fail("running as root, and neither a postgres nor a nobody account exists")
    raise AssertionError("unreachable")


def _stop_with_parent() -> None:
    """In the server's process: a fast shutdown if the test process dies without stopping it."""
    if sys.platform == "linux":
        ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGINT)


@dataclass
class PostgresqlServer:
    """One postgres process with its data and socket in `folder`, stopped by `stop`."""

    binaries: Path
    folder: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None
    account: tuple[int, int] | None = field(default_factory=_server_account)

    @property
    def socket_folder(self) -> Path:
        return self.folder / "socket"

    def url(
        self,
        database: str = "postgres",
        *,
        user: str = SUPERUSER,
        password: str | None = PASSWORD,
        port: int | None = None,
    ) -> str:
        credentials = quote(user, safe="")
        if password is not None:
            credentials += ":" + quote(password, safe="")
        return f"postgresql://{credentials}@127.0.0.1:{port or self.port}/{database}"

    def public_url(self, database: str) -> str:
        """How the store names itself: no user, no password."""
        return f"postgresql://127.0.0.1:{self.port}/{database}"

    def start(self) -> PostgresqlServer:
        self.folder.mkdir(parents=True, exist_ok=True)
        self.socket_folder.mkdir()
        password_file = self.folder / "superuser-password"
        password_file.write_text(PASSWORD + "\n", encoding="utf-8")
        if self.account is not None:
            for path in (self.folder, self.socket_folder, password_file):
                os.chown(path, *self.account)
        self._run(
            "initdb",
            "--pgdata",
            str(self.folder / "data"),
            "--username",
            SUPERUSER,
            "--pwfile",
            str(password_file),
            "--auth",
            "scram-sha-256",
            "--encoding",
            "UTF8",
            "--locale",
            "C",
            "--no-sync",
        )
        with (self.folder / "postgres.log").open("wb") as log:
            self.process = self._postgres(log)
        self._wait_until_ready()
        with self.connect() as connection:
            connection.execute(
                f"CREATE ROLE {MODERATOR} LOGIN PASSWORD '{MODERATOR_PASSWORD}' CREATEDB"
            )
        return self

    def _postgres(self, log: IO[bytes]) -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            [
                str(self.binaries / "postgres"),
                "-D",
                str(self.folder / "data"),
                "-p",
                str(self.port),
                "-c",
                "listen_addresses=127.0.0.1",
                "-c",
                f"unix_socket_directories={self.socket_folder}",
                "-c",
                "fsync=off",
                "-c",
                "synchronous_commit=off",
                "-c",
                "full_page_writes=off",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=self.folder,
            preexec_fn=_stop_with_parent,
            **self._as_account(),
        )

    def _as_account(self) -> dict[str, Any]:
        if self.account is None:
            return {}
        uid, gid = self.account
        return {"user": uid, "group": gid, "extra_groups": []}

    def _run(self, program: str, *arguments: str) -> None:
        result = subprocess.run(
            [str(self.binaries / program), *arguments],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=self.folder,
            env={**os.environ, "LC_ALL": "C"},
            **self._as_account(),
        )
        if result.returncode != 0:
            raise RuntimeError(f"{program} failed:\n{result.stdout}{result.stderr}")

    def _wait_until_ready(self) -> None:
        psycopg = driver()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                raise RuntimeError(f"postgres exited at start-up:\n{self.log()}")
            try:
                psycopg.connect(self.url(), connect_timeout=2).close()
                return
            except psycopg.OperationalError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"postgres did not answer within 60 s:\n{self.log()}")

    def connect(self, database: str = "postgres") -> Any:
        """A superuser connection in autocommit mode, for setting up and checking."""
        return driver().connect(self.url(database), autocommit=True)

    def create_database(self, *, owner: str = MODERATOR) -> str:
        """A new, empty database owned by the moderator role; its name."""
        name = f"comments_{uuid.uuid4().hex[:12]}"
        with self.connect() as connection:
            connection.execute(
                f"CREATE DATABASE {name} OWNER {owner} TEMPLATE template0 "
                "LOCALE_PROVIDER icu ICU_LOCALE 'en-GB' LOCALE 'C'"
            )
        return name

    def moderator_url(self, database: str) -> str:
        return self.url(database, user=MODERATOR, password=MODERATOR_PASSWORD)

    def stop(self) -> None:
        """A fast shutdown (SIGINT): open sessions are ended, the process waited for."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        shutil.rmtree(self.folder, ignore_errors=True)

    def log(self) -> str:
        path = self.folder / "postgres.log"
        return path.read_text(errors="replace") if path.exists() else ""


def start_server(attempts: int = 3) -> PostgresqlServer:
    """A started server in a new folder the server's account owns.

    Another process may take the free port before the server binds it: then try another.
    """
    binaries = server_binaries()
    driver()
    for attempt in range(1, attempts + 1):
        folder = Path(tempfile.mkdtemp(prefix="dialogues-postgresql-"))
        server = PostgresqlServer(binaries, folder)
        try:
            return server.start()
        except RuntimeError:
            log = server.log()
            server.stop()
            if attempt == attempts or "could not bind" not in log:
                raise
        except BaseException:
            server.stop()
            raise
    raise AssertionError("unreachable")
