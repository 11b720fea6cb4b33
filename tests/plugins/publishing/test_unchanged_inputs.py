"""The settings part of an unchanged build's record (publishing/unchanged.py)."""

from __future__ import annotations

import subprocess
import sys

from publishing.unchanged import settings_text

from tests.conftest import REPO

# Two processes give the same text for a settings file's function, and another body differs.
SCRIPT = """
import sys
sys.path.insert(0, "plugins")
from publishing.unchanged import settings_text
def slug(text):
    return text.{method}()
print(settings_text({{"SLUGIFY": slug, "PATH": "content"}}))
"""


def text_in_a_new_process(method: str) -> str:
    return subprocess.run(
        [sys.executable, "-c", SCRIPT.format(method=method)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def test_a_function_in_the_settings_reads_the_same_in_every_build() -> None:
    first, second = text_in_a_new_process("lower"), text_in_a_new_process("lower")
    assert first == second
    assert first != text_in_a_new_process("upper")


def test_values_are_read_whatever_the_order_of_a_mapping() -> None:
    assert settings_text({"A": 1, "B": {"x", "y"}}) == settings_text({"B": {"y", "x"}, "A": 1})
    assert settings_text({"A": 1}) != settings_text({"A": 2})
