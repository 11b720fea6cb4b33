"""A consultation's phase, derived from its dates, its response and the build clock.

The clock is the build's (`context["BUILD_TIME"]`), so a frozen clock gives the same phase on
every build. Opens is the first moment a consultation is open; Closes is the first moment it is
closed. A response makes the outcome known only once it is published itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum


class Phase(StrEnum):
    UPCOMING = "upcoming"
    """Announced, not open yet."""
    OPEN = "open"
    """Taking part is possible now."""
    CLOSED = "closed"
    """Closed; the department is analysing the feedback."""
    OUTCOME = "outcome"
    """Closed, and the response summary is published."""


LABELS = {
    Phase.UPCOMING: "Upcoming",
    Phase.OPEN: "Open",
    Phase.CLOSED: "Closed: analysing feedback",
    Phase.OUTCOME: "Outcome published",
}

ORDER = (Phase.OPEN, Phase.UPCOMING, Phase.CLOSED, Phase.OUTCOME)


@dataclass(frozen=True)
class PhaseState:
    """What the phase banner and listings say about one consultation at build time."""

    phase: Phase
    time_left: timedelta | None  # while open
    response_due: datetime  # Closes plus RESPONSE_OVERDUE_WEEKS
    overdue: bool  # closed, no published response, and past response_due

    @property
    def label(self) -> str:
        return LABELS[self.phase]

    @property
    def value(self) -> str:
        return self.phase.value


def phase_at(
    opens: datetime,
    closes: datetime,
    response_published: bool,
    clock: datetime,
    overdue_weeks: int,
) -> PhaseState:
    response_due = closes + timedelta(weeks=overdue_weeks)
    if clock < opens:
        phase = Phase.UPCOMING
    elif clock < closes:
        phase = Phase.OPEN
    elif response_published:
        phase = Phase.OUTCOME
    else:
        phase = Phase.CLOSED
    return PhaseState(
        phase=phase,
        time_left=closes - clock if phase is Phase.OPEN else None,
        response_due=response_due,
        overdue=phase is Phase.CLOSED and clock >= response_due,
    )
