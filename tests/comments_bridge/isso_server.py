"""A real Isso server on 127.0.0.1, driven as a browser and a moderator would drive it.

Isso runs from its own virtualenv (`.venv-isso`, pinned in requirements-isso.txt), which
`make test` creates; if it is missing, `isso_executable` builds it once per machine.
"""

from __future__ import annotations

import fcntl
import os
import re
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import requests

REPO = Path(__file__).resolve().parents[2]
ISSO_VENV = REPO / ".venv-isso"
ISSO_REQUIREMENTS = REPO / "requirements-isso.txt"
ADMIN_PASSWORD = "moderator-test-password"
# A request to the server: generous, as a loaded machine (two builds and Pagefind beside the
# test) has made Isso take more than 10 s to answer; the tests time nothing.
REQUEST_SECONDS = 60


def skip_or_fail(reason: str) -> None:
    """Outside CI a missing component skips with the fix; in CI it fails."""
    if os.environ.get("CI", "").lower() in {"true", "1"}:
        pytest.fail(reason)
    pytest.skip(reason)


def isso_executable(lock_folder: Path) -> Path:
    """`.venv-isso/bin/isso`, building the virtualenv first if this machine lacks it."""
    executable = ISSO_VENV / "bin" / "isso"
    if executable.exists():
        return executable
    with (lock_folder / "venv-isso.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not executable.exists():
            _build_isso_venv()
    if not executable.exists():
        skip_or_fail(".venv-isso missing and could not be built: run make test")
    return executable


def _build_isso_venv() -> None:
    base_python = getattr(sys, "_base_executable", sys.executable)
    commands = [
        [base_python, "-m", "venv", str(ISSO_VENV)],
        [
            str(ISSO_VENV / "bin" / "python"),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "-r",
            str(ISSO_REQUIREMENTS),
        ],
    ]
    for command in commands:
        result = subprocess.run(command, capture_output=True, text=True, timeout=600)
        if result.returncode != 0:
            skip_or_fail(
                f".venv-isso could not be built ({' '.join(command[:3])}): "
                f"{result.stderr.strip()[-500:]}; run make test"
            )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class IssoServer:
    """One Isso process with its own configuration and database in `folder`."""

    executable: Path
    folder: Path
    latest_enabled: bool = True
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None
    _admin: requests.Session | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def store_url(self) -> str:
        return f"isso+{self.url}"

    @property
    def database(self) -> Path:
        return self.folder / "isso.db"

    def start(self) -> IssoServer:
        self.folder.mkdir(parents=True, exist_ok=True)
        config = self.folder / "isso.cfg"
        config.write_text(
            "[general]\n"
            f"dbpath = {self.database}\n"
            "host = http://127.0.0.1\n"
            f"latest-enabled = {'true' if self.latest_enabled else 'false'}\n"
            "notify = stdout\n"
            "[moderation]\n"
            "enabled = true\n"
            "[admin]\n"
            "enabled = true\n"
            f"password = {ADMIN_PASSWORD}\n"
            "[guard]\n"
            "enabled = false\n"
            "[server]\n"
            f"listen = {self.url}\n",
            encoding="utf-8",
        )
        log = (self.folder / "isso.log").open("wb")
        self.process = subprocess.Popen(
            [str(self.executable), "-c", str(config), "run"],
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=self.folder,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Isso exited at start-up:\n{self.log()}")
            try:
                if requests.get(f"{self.url}/config", timeout=1).status_code == 200:
                    return self
            except requests.ConnectionError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"Isso did not answer within 30 s:\n{self.log()}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        if self._admin is not None:
            self._admin.close()

    def log(self) -> str:
        path = self.folder / "isso.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def post(
        self,
        thread: str,
        text: str,
        *,
        author: str | None,
        email: str | None = None,
        website: str | None = None,
        parent: int | None = None,
    ) -> int:
        """Leave a comment as the embed script in a reader's browser does."""
        response = requests.post(
            f"{self.url}/new",
            params={"uri": thread},
            json={
                "text": text,
                "author": author,
                "email": email,
                "website": website,
                "parent": parent,
                "title": "A test page",
            },
            timeout=REQUEST_SECONDS,
        )
        assert response.status_code == 202, response.text  # moderated: waits for approval
        return int(response.json()["id"])

    def activate(self, comment_id: int) -> None:
        self._moderate(comment_id, "activate", "Comment has been activated")

    def delete(self, comment_id: int) -> None:
        self._moderate(comment_id, "delete", "Comment has been deleted")

    def _moderate(self, comment_id: int, action: str, expected: str) -> None:
        """What the admin page's buttons do: POST to the signed moderation link."""
        key = self._moderation_key(comment_id)
        link = f"{self.url}/id/{comment_id}/{action}/{key}"
        response = requests.post(link, timeout=REQUEST_SECONDS)
        assert response.status_code == 200 and expected in response.text, response.text

    def _moderation_key(self, comment_id: int) -> str:
        """Log in to Isso's admin page and read the key it signs for this comment."""
        if self._admin is None:
            self._admin = requests.Session()
            login = self._admin.post(
                f"{self.url}/login/",
                data={"password": ADMIN_PASSWORD},
                allow_redirects=False,
                timeout=REQUEST_SECONDS,
            )
            assert login.status_code == 302, login.text
        page = self._admin.get(
            f"{self.url}/admin/",
            params={"comment_search_url": f"http://127.0.0.1/#isso-{comment_id}"},
            timeout=REQUEST_SECONDS,
        )
        match = re.search(rf"delete_com\({comment_id}, '([^']+)'", page.text)
        assert match, f"no moderation key for comment {comment_id} on the admin page"
        return match.group(1)
