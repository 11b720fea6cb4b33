"""The consultations plugin's settings: defaults merged under the user's, checked together."""

from __future__ import annotations

from typing import Any

DEFAULTS: dict[str, Any] = {
    "CONSULTATION_URL": "consultations/{slug}/",
    "CONSULTATION_SAVE_AS": "consultations/{slug}/index.html",
    "CONSULTATION_LANG_URL": "{lang}/consultations/{slug}/",
    "CONSULTATION_LANG_SAVE_AS": "{lang}/consultations/{slug}/index.html",
    "CONSULTATIONS_URL": "consultations/",
    "CONSULTATIONS_SAVE_AS": "consultations/index.html",
    "CONSULTATIONS_FACET_URL": "consultations/{facet}/{value}/",
    "CONSULTATIONS_FACET_SAVE_AS": "consultations/{facet}/{value}/index.html",
    "RESPONSE_URL": "consultations/{consultation}/response/",
    "RESPONSE_SAVE_AS": "consultations/{consultation}/response/index.html",
    "TRANSCRIPT_URL": "consultations/{consultation}/transcripts/{slug}/",
    "TRANSCRIPT_SAVE_AS": "consultations/{consultation}/transcripts/{slug}/index.html",
    "RESPONSE_OVERDUE_WEEKS": 12,
}


class ConsultationSettingsError(ValueError):
    """One or more consultation settings are wrong; the message names each one."""


def merge_defaults(settings: dict[str, Any]) -> None:
    """Fill in every setting the user left out, then check them all at once."""
    for name, value in DEFAULTS.items():
        settings.setdefault(name, value)
    problems = []
    for name in DEFAULTS:
        if name.endswith(("_URL", "_SAVE_AS")) and not isinstance(settings[name], str):
            problems.append(f"{name} must be a text pattern such as {DEFAULTS[name]!r}")
    weeks = settings["RESPONSE_OVERDUE_WEEKS"]
    if not isinstance(weeks, int) or isinstance(weeks, bool) or weeks <= 0:
        problems.append(
            f"RESPONSE_OVERDUE_WEEKS {weeks!r} must be a whole number of weeks, e.g. 12"
        )
    if problems:
        raise ConsultationSettingsError("; ".join(problems))
