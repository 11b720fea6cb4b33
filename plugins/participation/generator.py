"""Writes the evaluation page (figures for the site and every consultation, and the site's
history) and the same figures as open data in CSV and JSON."""

from __future__ import annotations

import logging
import os
from datetime import datetime
from typing import Any

from pelican.generators import Generator

from .history import Event, site_history
from .open_data import participation_csv, participation_json, weekly_csv

logger = logging.getLogger(__name__)


def as_of(participation: Any, history: list[Event], clock: datetime) -> datetime | None:
    """The time of the newest thing the figures take in: a comment, or an event of the site's
    history (a consultation opening or closing, a response, a transcript, a pre-election
    period). Never the build's own time: the same data must give the same file whatever the
    day it is built (publishing invariant 3). None when there is nothing at all yet."""
    moments = [event.moment for event in history]
    moments += [f.latest for f in [participation.site, *(f for _c, f in participation.rows)]]
    found = [moment for moment in moments if moment is not None]
    return min(max(found), clock) if found else None


class EvaluationGenerator(Generator):
    def generate_context(self) -> None:
        """Nothing to read: the figures are counted once the comments are attached."""

    def _write_text(self, save_as: str, text: str) -> None:
        path = os.path.join(self.output_path, save_as)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        logger.info("Writing %s", path)

    def generate_output(self, writer: Any) -> None:
        participation = self.context.get("participation")
        if participation is None:
            return
        clock = self.context["BUILD_TIME"]
        history = site_history(
            [c for c, _figures in participation.rows],
            self.context.get("PRE_ELECTION_PERIODS", []),
            clock,
        )
        writer.write_file(
            self.settings["EVALUATION_SAVE_AS"],
            self.get_template("evaluation"),
            self.context,
            participation=participation,
            history=history,
            relative_urls=self.settings["RELATIVE_URLS"],
            url=self.settings["EVALUATION_URL"],
        )
        rows, anchors = participation.rows, participation.rule_anchors
        self._write_text(
            self.settings["PARTICIPATION_JSON_SAVE_AS"],
            participation_json(
                as_of(participation, history, clock), participation.site, rows, anchors
            ),
        )
        self._write_text(
            self.settings["PARTICIPATION_CSV_SAVE_AS"], participation_csv(rows, anchors)
        )
        self._write_text(self.settings["PARTICIPATION_WEEKLY_CSV_SAVE_AS"], weekly_csv(rows))
