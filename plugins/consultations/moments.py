"""Dates as a consultation states them, and as the public reads them.

A date without a time means the whole day in the site's zone: `Opens: 2026-11-02` opens at the
start of the day and `Closes: 2026-12-14` closes at 11:59pm, GOV.UK's usual closing time.
"""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from content_model.clock_window import whole_units
from content_model.schema import parse_date

DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
END_OF_DAY = time(23, 59)


def moment(value: object, zone: str, *, end_of_day: bool = False) -> datetime | None:
    """An aware datetime from front matter (a string or a datetime), or None if it is not one."""
    if isinstance(value, datetime):
        parsed: datetime | None = value
        date_only = False
    else:
        text = str(value).strip()
        parsed = parse_date(text)
        date_only = bool(DATE_ONLY.match(text))
    if parsed is None:
        return None
    if date_only and end_of_day:
        parsed = datetime.combine(parsed.date(), END_OF_DAY)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=ZoneInfo(zone))
    return parsed


def clock_time(value: datetime) -> str:
    """GOV.UK style: 9am, 5:30pm, midday, midnight."""
    if value.hour == 0 and value.minute == 0:
        return "midnight"
    if value.hour == 12 and value.minute == 0:
        return "midday"
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    return f"{hour}{suffix}" if value.minute == 0 else f"{hour}:{value.minute:02d}{suffix}"


def day_text(value: datetime) -> str:
    return f"{value.day} {value:%B %Y}"


def moment_text(value: datetime, zone: str) -> str:
    """`11:59pm on 14 December 2026`, in the site's zone."""
    local = value.astimezone(ZoneInfo(zone))
    return f"{clock_time(local)} on {day_text(local)}"


# (unit, its length, the fewest of it worth saying): "13 days", not "1 week".
DURATION_UNITS: tuple[tuple[str, timedelta, int], ...] = (
    ("week", timedelta(weeks=1), 2),
    ("day", timedelta(days=1), 1),
    ("hour", timedelta(hours=1), 1),
    ("minute", timedelta(minutes=1), 1),
)


def rounded_duration(span: timedelta) -> tuple[str, int]:
    """The largest unit a span holds (at least two of, for weeks) and how many: ("day", 5);
    ("minute", 0) under a minute. Only whole units are read from the span, so the build
    clock's window (content_model/clock_window.py) stays as wide as the words."""
    for unit, size, least in DURATION_UNITS:
        count = whole_units(span, size)
        if count >= least:
            return unit, count
    return "minute", 0


def duration_text(span: timedelta) -> str:
    """A rounded-down length of time for people: 3 weeks, 5 days, 7 hours, 40 minutes."""
    unit, count = rounded_duration(span)
    if count == 0:
        return "less than a minute"
    return f"{count} {unit}{'' if count == 1 else 's'}"
