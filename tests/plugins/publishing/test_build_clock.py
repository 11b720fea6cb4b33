"""The build clock comes from DIALOGUES_BUILD_TIME, then BUILD_TIME, then the real time."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from publishing.build_clock import BuildClockError, resolve_build_time


def test_environment_overrides_setting() -> None:
    clock = resolve_build_time(
        "2020-01-01T00:00:00Z", "Europe/London", {"DIALOGUES_BUILD_TIME": "2026-06-01T12:00:00Z"}
    )
    assert clock == datetime(2026, 6, 1, 12, tzinfo=UTC)


def test_naive_time_is_read_in_the_site_time_zone() -> None:
    clock = resolve_build_time("2026-06-01T12:00:00", "Europe/London", {})
    assert clock == datetime(2026, 6, 1, 11, tzinfo=UTC)  # British Summer Time


def test_without_either_it_is_now() -> None:
    before = datetime.now(UTC)
    clock = resolve_build_time(None, "Europe/London", {})
    assert before <= clock <= datetime.now(UTC)


def test_garbage_is_refused_with_the_variable_named() -> None:
    with pytest.raises(BuildClockError, match="DIALOGUES_BUILD_TIME 'soon'"):
        resolve_build_time(None, "Europe/London", {"DIALOGUES_BUILD_TIME": "soon"})
