"""The comments plugin's settings, checked together so every mistake is reported at once."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

STORE_VARIABLE = "DIALOGUES_COMMENTS_STORE"
OUTAGE_MODES = ("fail", "snapshot")

DEFAULTS: dict[str, Any] = {
    "COMMENTS_STORE": "sqlite:///var/comments.db",
    "COMMENTS_ON_OUTAGE": "fail",
    "COMMENTS_SNAPSHOT": "var/comments-snapshot.json",
    "COMMENTS_SNAPSHOT_MAX_AGE_HOURS": 48,
    "COMMENTS_SUBMIT_URL": None,
    "COMMENTS_ISSO_EMBED": None,
    "COMMENTS_RULES_PAGE": "discussion-rules",
    "COMMENTS_FROZEN": "comments/frozen",  # under content/: threads kept in git
}


class CommentSettingsError(ValueError):
    """One or more comment settings are wrong; the message lists each with its name."""


@dataclass(frozen=True)
class CommentSettings:
    store: str
    on_outage: str
    snapshot: str
    snapshot_max_age: timedelta
    submit_url: str | None
    isso_embed: str | None
    rules_page: str
    frozen_folder: str


def comment_settings(
    settings: dict[str, Any], environ: dict[str, str] | None = None
) -> CommentSettings:
    variables = os.environ if environ is None else environ
    merged = {name: settings.get(name, default) for name, default in DEFAULTS.items()}
    store = variables.get(STORE_VARIABLE, "").strip() or merged["COMMENTS_STORE"]
    problems = []
    if not isinstance(store, str) or "://" not in store:
        problems.append(
            f"COMMENTS_STORE {store!r} is not a store URL such as sqlite:///var/comments.db"
        )
    if merged["COMMENTS_ON_OUTAGE"] not in OUTAGE_MODES:
        problems.append(
            f"COMMENTS_ON_OUTAGE {merged['COMMENTS_ON_OUTAGE']!r} must be one of: "
            + ", ".join(OUTAGE_MODES)
        )
    age = merged["COMMENTS_SNAPSHOT_MAX_AGE_HOURS"]
    if not isinstance(age, int | float) or isinstance(age, bool) or age <= 0:
        problems.append(f"COMMENTS_SNAPSHOT_MAX_AGE_HOURS {age!r} must be a positive number")
        age = 1
    for name in ("COMMENTS_SUBMIT_URL", "COMMENTS_ISSO_EMBED"):
        value = merged[name]
        if value is not None and not str(value).startswith(("https://", "http://")):
            problems.append(f"{name} {value!r} must be an http or https URL, or None")
    if problems:
        raise CommentSettingsError("; ".join(problems))
    return CommentSettings(
        store=store,
        on_outage=merged["COMMENTS_ON_OUTAGE"],
        snapshot=merged["COMMENTS_SNAPSHOT"],
        snapshot_max_age=timedelta(hours=age),
        submit_url=merged["COMMENTS_SUBMIT_URL"],
        isso_embed=merged["COMMENTS_ISSO_EMBED"],
        rules_page=merged["COMMENTS_RULES_PAGE"],
        frozen_folder=merged["COMMENTS_FROZEN"],
    )
