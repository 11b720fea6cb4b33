"""Every output page is valid HTML for the Nu Html Checker (npm vnu-jar, run with Java)."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from tests.conftest import REPO

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_nu_checker_finds_no_errors_on_any_page(example_build) -> None:
    java = shutil.which("java")
    if not java or not VNU.exists():
        pytest.skip("Java or npm vnu-jar is missing: run `make test`")
    pages = example_build.pages()
    assert len(pages) > 40

    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, pages)],
        capture_output=True,
        text=True,
        timeout=600,
    )

    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [
        f"{m.get('url', '').rsplit('/output/', 1)[-1]}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m.get("type") == "error"
    ]
    assert errors == []
    assert result.returncode == 0
