"""The pre-election period: while one is in force, comments are closed on every page and every
page carries a banner saying so; past periods are shown in the site's history.

The periods come from the PRE_ELECTION_PERIODS setting and are judged against the build clock,
so the build that falls inside a period closes comments, and the first build after it opens
them again. Comments are closed after the comments plugin has attached them, on every page it
knows, which is why this plugin comes after it in PLUGINS.
"""

from __future__ import annotations

import logging
from typing import Any

from content_model.contents import every_content
from content_model.problems import stop_build
from pelican import signals

from .periods import PreElectionSettingError, parse_periods

logger = logging.getLogger(__name__)

SETTING = "PRE_ELECTION_PERIODS"


def check_setting(pelican: Any) -> None:
    settings = pelican.settings
    settings.setdefault(SETTING, [])
    try:
        parse_periods(settings[SETTING], settings["TIMEZONE"])
    except PreElectionSettingError as error:
        raise stop_build(f"settings: {error}", 2) from None


def close_comments(generators: list[Any]) -> None:
    context, settings = generators[0].context, generators[0].settings
    clock = context["BUILD_TIME"]
    periods = parse_periods(settings.get(SETTING), settings["TIMEZONE"])
    context["PRE_ELECTION_PERIODS"] = [p for p in periods if p.start <= clock]
    current = next((p for p in periods if p.in_force(clock)), None)
    context["PRE_ELECTION"] = current
    if current is None:
        return
    closed = 0
    for content in every_content(generators):
        section = getattr(content, "comments", None)
        if section is not None and section.mode == "open":
            section.mode = "closed"
            closed += 1
    logger.info("Pre-election period until %s: comments closed on %d pages", current.end, closed)


def register() -> None:
    signals.initialized.connect(check_setting)
    signals.all_generators_finalized.connect(close_comments)
