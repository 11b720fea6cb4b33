"""The PRE_ELECTION_PERIODS setting: (start, end) pairs, past and planned, in the site's zone.

A date without a time runs from the start of its first day to 11:59pm on its last. A period is
in force while start <= build clock <= end.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from consultations.moments import moment, moment_text

EXAMPLE = '[("2026-03-26", "2026-05-07")]'


class PreElectionSettingError(ValueError):
    """PRE_ELECTION_PERIODS is not a list of (start, end) pairs; the message says what is."""


@dataclass(frozen=True)
class Period:
    start: datetime
    end: datetime
    start_text: str
    end_text: str

    def in_force(self, clock: datetime) -> bool:
        return self.start <= clock <= self.end


def parse_periods(value: object, zone: str) -> list[Period]:
    """Every period, oldest first; all mistakes in one PreElectionSettingError."""
    if value is None:
        return []
    if isinstance(value, str | bytes) or not isinstance(value, Sequence):
        raise PreElectionSettingError(
            f"PRE_ELECTION_PERIODS must be a list of (start, end) pairs, e.g. {EXAMPLE}"
        )
    periods, problems = [], []
    for index, pair in enumerate(value, start=1):
        if isinstance(pair, str | bytes) or not isinstance(pair, Sequence) or len(pair) != 2:
            problems.append(f"period {index} {pair!r} is not a (start, end) pair")
            continue
        start, end = moment(pair[0], zone), moment(pair[1], zone, end_of_day=True)
        if start is None or end is None:
            problems.append(f"period {index} {pair!r} needs ISO 8601 dates, e.g. {EXAMPLE}")
        elif end < start:
            problems.append(f"period {index} {pair!r} ends before it starts")
        else:
            periods.append(Period(start, end, moment_text(start, zone), moment_text(end, zone)))
    if problems:
        raise PreElectionSettingError("PRE_ELECTION_PERIODS: " + "; ".join(problems))
    return sorted(periods, key=lambda p: p.start)
