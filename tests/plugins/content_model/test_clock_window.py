"""The build clock notes where each use of it would change its answer (clock_window.py)."""

from __future__ import annotations

import copy
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from consultations.moments import duration_text
from content_model import clock_window
from content_model.clock_window import observe, window
from pelican.utils import SafeDatetime

NOW = datetime(2026, 11, 27, 10, 30, tzinfo=UTC)


@pytest.fixture(autouse=True)
def fresh_flips():
    clock_window.FLIPS.clear()
    yield
    clock_window.FLIPS.clear()


def test_comparisons_bound_the_window_by_the_nearest_moments_either_side() -> None:
    clock = observe(NOW)
    embargo = datetime(2026, 11, 27, 11, 0, tzinfo=UTC)
    published = SafeDatetime(2026, 11, 1, tzinfo=UTC)
    assert embargo > clock  # the moment on the left, as Pelican's own code writes it
    assert published <= clock
    assert not clock >= datetime(2026, 12, 1, tzinfo=UTC)
    assert window(NOW) == (published + timedelta(microseconds=1), embargo)


def test_a_clock_shifted_by_a_span_flips_where_the_unshifted_one_would() -> None:
    clock = observe(NOW)
    closes = datetime(2026, 12, 1, tzinfo=UTC)
    assert clock + timedelta(days=14) > closes  # "closing soon": within 14 days
    assert window(NOW)[0] == closes - timedelta(days=14) + timedelta(microseconds=1)


def test_time_left_in_words_holds_while_its_whole_units_do() -> None:
    closes = datetime(2026, 12, 2, 23, 59, tzinfo=UTC)
    clock = observe(NOW)
    assert duration_text(closes - clock) == "5 days"
    start, end = window(NOW)
    # "5 days" from just after 6 days are left until 5 are (the microsecond either side of
    # each change is given up: both are noted).
    assert (start, end) == (
        closes - timedelta(days=6) + timedelta(microseconds=1),
        closes - timedelta(days=5),
    )


def test_a_day_in_the_site_zone_holds_from_its_midnight_to_the_next() -> None:
    london = ZoneInfo("Europe/London")
    local = observe(datetime(2027, 6, 1, 12, tzinfo=UTC)).astimezone(london)
    assert local.strftime("%-d %B %Y") == "1 June 2027"
    assert window(datetime(2027, 6, 1, 12, tzinfo=UTC)) == (
        datetime(2027, 5, 31, 23, 0, 0, 1, tzinfo=UTC),
        datetime(2027, 6, 1, 23, tzinfo=UTC),
    )


@pytest.mark.parametrize(
    "use",
    [
        str,
        repr,
        lambda c: c.isoformat(),
        lambda c: c.timestamp(),
        lambda c: c.strftime("%H:%M"),
        lambda c: f"{c:%H:%M}",
        lambda c: c.second,
        lambda c: c.replace(tzinfo=None),
        hash,
        lambda c: c.time(),
    ],
)
def test_a_use_it_does_not_understand_holds_for_this_very_clock_only(use) -> None:
    use(observe(NOW))
    assert window(NOW) == (NOW, NOW + timedelta(microseconds=1))


def test_copies_are_the_same_observed_clock_and_values_stay_right() -> None:
    clock = observe(NOW)
    assert copy.deepcopy(clock) is clock
    assert clock.plain == NOW and clock == NOW and clock - NOW == timedelta(0)
    assert (clock + timedelta(hours=1)).plain == NOW + timedelta(hours=1)
    assert clock.date() == NOW.date() and clock.year == 2026 and clock.hour == 10
