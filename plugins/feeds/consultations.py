"""Consultation feeds: newly opened, closing soon, outcomes, and each consultation's own updates.

They read what the consultations plugin puts in the context (`consultations`, `responses`:
published and due at the build clock, each consultation with `opens`, `closes`, `phase`,
`response` and `transcripts`). A site without that plugin simply has none of these feeds.

An event has one id wherever it appears (a consultation opening is the same item in "newly
opened" and in that consultation's updates), made from the page's clean path and the event.
Events dated after the build clock (a closing date still to come) are in no feed.

`published` is the event's own time; `updated` moves when what the entry is about changed
(docs/workflow.md): a consultation's Modified, a correction or its withdrawal moves each of its
events, a response's or transcript's moves its own entry, and so each feed's `updated`. The
entry then ends with the correction notes, as a post's does. Changes dated after the build
clock move nothing.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import partial
from html import escape
from typing import Any

from .catalog import FeedCatalog
from .model import Entry, clean_path
from .posts import changes, day, utc

OPEN = "open"


def _text(consultation: Any, name: str, moment: datetime) -> str:
    return str(getattr(consultation, f"{name}_text", None) or day(moment))


def _history(content: Any) -> str:
    """The correction notes the page shows (those due at the build clock), for the entry."""
    notes = [c for c in getattr(content, "corrections", None) or [] if c.note]
    if not notes:
        return ""
    items = "".join(f"<li>{day(c.date)}: {escape(c.note)}</li>" for c in notes)
    return f"\n<h2>Page history</h2><ul>{items}</ul>"


class ConsultationEvents:
    """The dated events of consultations as feed entries."""

    def __init__(self, catalog: FeedCatalog, clock: datetime, closing_days: int) -> None:
        self.addresses = catalog.addresses
        self.base_url = catalog.addresses.base_url
        self.clock = clock
        self.closing_soon = timedelta(days=closing_days)

    def _entry(
        self, consultation: Any, event: str, title: str, when: datetime, text: str, page: Any
    ) -> Entry:
        summary = getattr(consultation, "summary", None)
        body = f"<p>{escape(text)}</p>" + (f"\n{summary}" if summary else "")
        owner = getattr(consultation, "owner", None)
        return Entry(
            id=self.addresses.tag(f"{clean_path(consultation.save_as)}#{event}"),
            title=f"{title}: {consultation.title}",
            link=self.addresses.absolute(page.url),
            published=utc(when),
            updated=self._updated(consultation, when),
            author=str(getattr(owner, "name", "") or consultation.department.name),
            content=body + _history(consultation),
        )

    def _updated(self, content: Any, published: datetime) -> datetime:
        """The entry's last change: its own time, or a later change to what it is about."""
        return max([utc(published), *changes(content, self.clock)])

    def announced(self, consultation: Any) -> Entry | None:
        announced = getattr(consultation, "announced", None)
        if not announced or announced >= consultation.opens:
            return None
        text = f"Opens at {_text(consultation, 'opens', consultation.opens)}."
        return self._entry(consultation, "announced", "Announced", announced, text, consultation)

    def opened(self, consultation: Any) -> Entry | None:
        if consultation.opens > self.clock:
            return None
        text = f"Open now. Closes at {_text(consultation, 'closes', consultation.closes)}."
        return self._entry(
            consultation, "opened", "Now open", consultation.opens, text, consultation
        )

    def closing(self, consultation: Any) -> Entry | None:
        phase = getattr(getattr(consultation, "phase", None), "value", None)
        starts = max(consultation.opens, consultation.closes - self.closing_soon)
        if phase != OPEN or starts > self.clock:
            return None
        text = f"Closes at {_text(consultation, 'closes', consultation.closes)}. Have your say."
        return self._entry(consultation, "closing-soon", "Closing soon", starts, text, consultation)

    def closed(self, consultation: Any) -> Entry | None:
        if consultation.closes > self.clock:
            return None
        text = "Closed. We are analysing what you told us and will publish what we did."
        return self._entry(
            consultation, "closed", "Closed", consultation.closes, text, consultation
        )

    def transcript(self, consultation: Any, transcript: Any) -> Entry:
        return Entry(
            id=self.addresses.tag(clean_path(transcript.save_as)),
            title=f"Transcript: {transcript.title}",
            link=self.addresses.absolute(transcript.url),
            published=utc(transcript.date),
            updated=self._updated(transcript, transcript.date),
            author=str(consultation.department.name),
            content=f"<p>The transcript of “{escape(str(transcript.title))}” is published.</p>"
            + _history(transcript),
        )

    def outcome(self, response: Any) -> Entry:
        consultation = response.consultation
        return Entry(
            id=self.addresses.tag(clean_path(response.save_as)),
            title=f"Outcome: {consultation.title}",
            link=self.addresses.absolute(response.url),
            published=utc(response.date),
            updated=self._updated(response, response.date),
            author=str(consultation.department.name),
            summary=response.summary if getattr(response, "summary", None) else None,
            content=response.get_content(self.base_url) + _history(response),
        )

    def updates(self, consultation: Any) -> list[Entry]:
        found = [
            self.announced(consultation),
            self.opened(consultation),
            self.closing(consultation),
            self.closed(consultation),
        ]
        events = [entry for entry in found if entry is not None]
        events += [self.transcript(consultation, t) for t in consultation.transcripts]
        response = getattr(consultation, "response", None)
        if response is not None and response.date <= self.clock:
            events.append(self.outcome(response))
        return events


def add_consultation_feeds(catalog: FeedCatalog, context: dict[str, Any], clock: datetime) -> None:
    """The consultation group: three site-wide feeds and one per consultation."""
    if "consultations" not in context:
        return
    consultations: list[Any] = list(context.get("consultations") or [])
    responses = [r for r in context.get("responses") or [] if getattr(r, "consultation", None)]
    days = catalog.config.closing_soon_days
    events = ConsultationEvents(catalog, clock, days)
    index_url = str(context.get("CONSULTATIONS_URL", "") or "")
    index_save_as = str(context.get("CONSULTATIONS_SAVE_AS", "") or "")
    sitename = catalog.sitename
    dash = " \N{EN DASH} "

    def opened() -> list[Entry]:
        return [e for e in map(events.opened, consultations) if e is not None]

    def closing() -> list[Entry]:
        return [e for e in map(events.closing, consultations) if e is not None]

    site_wide = [
        catalog.add(
            "consultations/opened",
            "consultations",
            label="Newly opened consultations",
            title=f"Newly opened consultations{dash}{sitename}",
            follow="consultations as they open",
            description="Each consultation as it opens, newest first.",
            page_url=index_url,
            collect=opened,
        ),
        catalog.add(
            "consultations/closing-soon",
            "consultations",
            label="Consultations closing soon",
            title=f"Consultations closing soon{dash}{sitename}",
            follow="consultations about to close",
            description=f"Open consultations that close within {days} days.",
            page_url=index_url,
            collect=closing,
        ),
        catalog.add(
            "consultations/outcomes",
            "consultations",
            label="Outcomes",
            title=f"Consultation outcomes{dash}{sitename}",
            follow="consultation outcomes",
            description="What each consultation heard and what changed as a result, newest first.",
            page_url=index_url,
            collect=lambda: [events.outcome(r) for r in responses],
        ),
    ]
    if index_save_as:
        catalog.by_output[index_save_as] = site_wide
    for consultation in sorted(consultations, key=lambda c: (str(c.title).lower(), c.slug)):
        catalog.consultations[consultation.slug] = catalog.add(
            f"consultations/{consultation.slug}",
            "consultations",
            label=str(consultation.title),
            title=f"Updates on “{consultation.title}”{dash}{sitename}",
            follow="updates on this consultation",
            description=f"When “{consultation.title}” opens and closes, each transcript, and "
            "the response that says what changed.",
            page_url=consultation.url,
            collect=partial(events.updates, consultation),
            subject_date=consultation.date,
        )
