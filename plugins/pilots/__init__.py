"""Pilots: a consultation marked as a pilot (a beta exercise) says so, and asks for feedback.

`Pilot: yes` sends feedback to the site's PILOT_FEEDBACK_CONTACT (an email address or a form's
URL); `Pilot: https://...` names the exercise's own feedback form. The consultation then has a
`pilot` (with `feedback_url`); the theme shows a GOV.UK phase banner with a "Pilot" tag.
See docs/consultations.md, "Pilots".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from pelican import signals


@dataclass(frozen=True)
class Pilot:
    feedback_url: str

    @property
    def by_email(self) -> bool:
        return self.feedback_url.startswith("mailto:")


def feedback_url(value: str, contact: str | None, title: str) -> str | None:
    """Where feedback on the exercise goes, or None when the content is not a pilot."""
    value = value.strip()
    if value.lower() == "no":
        return None
    if value.lower() != "yes":
        return value
    if not contact:
        return None  # the content model's check has already refused this
    if "://" in contact:
        return contact
    return f"mailto:{contact}?subject={quote(f'Feedback on the pilot: {title}')}"


def mark_pilot(content: Any) -> None:
    """Every content object gets `pilot` (None for most), so templates need no test."""
    content.pilot = None
    value = getattr(content, "metadata", {}).get("pilot")
    if not isinstance(value, str):
        return
    contact = content.settings.get("PILOT_FEEDBACK_CONTACT")
    url = feedback_url(value, contact, str(getattr(content, "title", "")))
    if url:
        content.pilot = Pilot(url)


def register() -> None:
    signals.content_object_init.connect(mark_pilot)
