"""The site's history: when each consultation opened and closed, when outcomes and transcripts
were published, and the pre-election periods. Only what happened by the build's clock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class Event:
    moment: datetime
    kind: str  # opened, closed, response, transcript, pre-election
    text: str
    subject: Any | None = None  # the content the event is about, for a link
    until: datetime | None = None  # the end of a period


def site_history(consultations: list[Any], periods: list[Any], clock: datetime) -> list[Event]:
    """Newest first; `periods` are pre-election periods with `start` and `end`."""
    events = []
    for consultation in consultations:
        events.append(Event(consultation.opens, "opened", "Consultation opened", consultation))
        events.append(Event(consultation.closes, "closed", "Consultation closed", consultation))
        if consultation.response is not None:
            response = consultation.response
            events.append(Event(response.date, "response", "Response published", response))
        for transcript in consultation.transcripts:
            events.append(Event(transcript.date, "transcript", "Transcript published", transcript))
    for period in periods:
        events.append(
            Event(period.start, "pre-election", "Pre-election period", None, until=period.end)
        )
    happened = [event for event in events if event.moment <= clock]
    return sorted(happened, key=lambda e: (e.moment, e.kind, e.text), reverse=True)
