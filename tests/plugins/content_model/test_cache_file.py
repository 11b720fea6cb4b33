"""A file of the build cache that cannot be read counts as empty, and the build goes on."""

from __future__ import annotations

import marshal
from pathlib import Path

import pytest
from content_model.build_cache import CacheFile


def test_a_saved_file_is_read_back(tmp_path: Path) -> None:
    first = CacheFile(tmp_path, "kept.marshal", "v1")
    first.put(b"key", ["a reading", b"bytes", {"n": 1}])
    first.save()
    assert CacheFile(tmp_path, "kept.marshal", "v1").get(b"key") == [
        "a reading",
        b"bytes",
        {"n": 1},
    ]
    assert CacheFile(tmp_path, "kept.marshal", "v2").entries == {}


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # a build stopped while another wrote it
        lambda data: b"\x00not a cache",
        lambda data: marshal.dumps(["v1", ["not", "a", "table"]]),
        lambda data: b"",
    ],
)
def test_a_damaged_file_counts_as_empty(tmp_path: Path, damage) -> None:
    kept = CacheFile(tmp_path, "kept.marshal", "v1")
    kept.put(b"key", "x" * 10_000)
    kept.save()
    path = tmp_path / "kept.marshal"
    path.write_bytes(damage(path.read_bytes()))

    again = CacheFile(tmp_path, "kept.marshal", "v1")
    assert again.entries == {} and again.get(b"key") is None
    again.put(b"key", "y")
    again.save()
    assert CacheFile(tmp_path, "kept.marshal", "v1").get(b"key") == "y"
