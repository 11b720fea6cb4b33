"""pywb replays the WARC: every archived URL comes back byte for byte as the built file.

pywb runs from its own virtualenv (`make pywb`, requirements-pywb.txt), as a real `wayback`
server on 127.0.0.1, over a collection made with `wb-manager init` and `wb-manager add`.
"""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest

from tests.conftest import REPO

from .conftest import Archive

PYWB = REPO / ".venv-pywb" / "bin"
TIMESTAMP = "20261120120000"  # SOURCE_DATE_EPOCH of the archive fixture


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@pytest.fixture(scope="module")
def wayback(archive: Archive, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not (PYWB / "wayback").exists():
        pytest.skip("pywb is not installed: run `make pywb` (make test does)")
    root = tmp_path_factory.mktemp("pywb")
    manager = str(PYWB / "wb-manager")
    (warc,) = archive.dist.glob("*.warc.gz")
    for arguments in (["init", "site"], ["add", "site", str(warc)]):
        subprocess.run(
            [manager, *arguments], cwd=root, check=True, capture_output=True, timeout=120
        )
    port = free_port()
    log = (root / "wayback.log").open("wb")
    server = subprocess.Popen(
        [str(PYWB / "wayback"), "-b", "127.0.0.1", "-p", str(port)],
        cwd=root,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}/site/"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if server.poll() is not None:
                pytest.fail(f"wayback exited: {(root / 'wayback.log').read_text()}")
            try:
                fetch(base)
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.2)
        else:
            pytest.fail("wayback did not answer within 60 seconds")
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def test_every_archived_url_replays_byte_identical(archive: Archive, wayback: str) -> None:
    manifest = archive.one("*.sha256").read_text()
    files = [line.split("  ", 1)[1] for line in manifest.splitlines()]
    assert len(files) > 100
    different = []
    for relative in files:
        url = "https://dialogues.example.gov.uk/" + relative.removesuffix("index.html")
        status, body = fetch(f"{wayback}{TIMESTAMP}id_/{url}")
        if status != 200 or body != (archive.output / relative).read_bytes():
            different.append(f"{relative}: HTTP {status}, {len(body)} bytes")
    assert different == []


def test_replay_finds_nothing_the_site_did_not_publish(wayback: str) -> None:
    status, _body = fetch(f"{wayback}{TIMESTAMP}id_/https://dialogues.example.gov.uk/no-such/")
    assert status == 404
