"""The participation plugin's settings: where the evaluation page and its open data go."""

from __future__ import annotations

from typing import Any

DEFAULTS: dict[str, Any] = {
    "EVALUATION_URL": "evaluation/",
    "EVALUATION_SAVE_AS": "evaluation/index.html",
    "PARTICIPATION_CSV_SAVE_AS": "evaluation/participation.csv",
    "PARTICIPATION_JSON_SAVE_AS": "evaluation/participation.json",
    "PARTICIPATION_WEEKLY_CSV_SAVE_AS": "evaluation/comments-per-week.csv",
}


def merge_defaults(settings: dict[str, Any]) -> list[str]:
    """Fill in what the user left out; return a message for each setting that is not text."""
    for name, value in DEFAULTS.items():
        settings.setdefault(name, value)
    return [
        f"{name} must be a path such as {DEFAULTS[name]!r}"
        for name in DEFAULTS
        if not isinstance(settings[name], str) or not settings[name]
    ]
