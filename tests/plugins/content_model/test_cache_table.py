"""The SQLite cache file (content_model/cache_table.py) keeps what one build used, forgets
another version's entries, survives a broken file, and is untouched by a build that fails."""

from __future__ import annotations

from pathlib import Path

from content_model.cache_table import CacheTable

NAME = "reads.sqlite"


def test_a_saved_build_keeps_what_it_used_and_added_and_nothing_else(tmp_path: Path) -> None:
    first = CacheTable(tmp_path, NAME, "v1")
    first.put(b"kept", b"one")
    first.put(b"dropped", b"two")
    first.save()

    second = CacheTable(tmp_path, NAME, "v1")
    assert b"kept" in second and b"dropped" in second
    assert second.get(b"kept") == b"one"
    second.put(b"new", b"three")
    second.save()

    third = CacheTable(tmp_path, NAME, "v1")
    assert third.keys == {b"kept", b"new"}
    assert third.get(b"dropped") is None
    third.close()


def test_another_versions_entries_are_never_given(tmp_path: Path) -> None:
    first = CacheTable(tmp_path, NAME, "v1")
    first.put(b"key", b"made by v1")
    first.save()

    other = CacheTable(tmp_path, NAME, "v2")

    assert b"key" not in other
    assert other.get(b"key") is None
    other.close()


def test_a_build_that_does_not_save_leaves_the_file_as_it_was(tmp_path: Path) -> None:
    first = CacheTable(tmp_path, NAME, "v1")
    first.put(b"key", b"before")
    first.save()

    failed = CacheTable(tmp_path, NAME, "v2")  # a new version empties it, then the build fails
    failed.put(b"key", b"half done")
    failed.close()

    again = CacheTable(tmp_path, NAME, "v1")
    assert again.get(b"key") == b"before"
    again.close()


def test_a_broken_file_is_started_again(tmp_path: Path) -> None:
    (tmp_path / NAME).write_bytes(b"not a database, " * 100)

    table = CacheTable(tmp_path, NAME, "v1")
    table.put(b"key", b"value")
    table.save()

    assert CacheTable(tmp_path, NAME, "v1").get(b"key") == b"value"


def test_only_its_owner_can_read_it(tmp_path: Path) -> None:
    """It holds the readings of embargoed sources, as the other cache files do."""
    CacheTable(tmp_path, NAME, "v1").save()

    assert (tmp_path / NAME).stat().st_mode & 0o077 == 0
