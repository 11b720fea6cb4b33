"""The participation figures as open data: CSV for spreadsheets, JSON for programs.

Both hold the same numbers as the pages and nothing else: no names, no comment text.
"""

from __future__ import annotations

import csv
import functools
import io
import json
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from typing import Any

from .figures import Figures

FORMAT = "dialogues-participation"
VERSION = 1

DEFINITIONS = {
    "generated": "the time of the newest comment or event (a consultation opening or closing, "
    "a response, a transcript) these figures take in; not when the site was built",
    "comments": "approved comments from the public; official replies are counted on their own",
    "participants": "distinct display names among those comments (a comment without a name "
    "counts as one); names are never published",
    "official_replies": "replies from a person in the people registry, from the comment store "
    "or written in git",
    "comments_with_official_reply": "public comments that got a direct official reply",
    "median_hours_to_first_official_reply": "median time from a comment to its first official "
    "reply, over the comments that got one",
    "removed": "comments a moderator removed after publication, by the rule they broke",
    "comments_per_week": "public comments by the Monday-starting week they were written in",
}


def _iso(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _figures(figures: Figures, rule_anchors: list[str]) -> dict[str, Any]:
    return {
        "comments": figures.comments,
        "participants": figures.participants,
        "official_replies": figures.official_replies,
        "comments_with_official_reply": figures.answered,
        "median_hours_to_first_official_reply": figures.median_first_reply_hours,
        "removed": figures.removed,
        "removed_by_rule": {
            anchor: figures.removed_under(anchor)
            for anchor in rule_anchors
            if figures.removed_under(anchor)
        },
    }


@functools.cache
def _monday(start: date) -> str:
    """A week's first day as text: the same few hundred Mondays start 52,000 weeks at
    5,000 posts, each written to the JSON and the weekly CSV."""
    return start.isoformat()


def _weeks(figures: Figures) -> list[dict[str, Any]]:
    return [
        {"week_starting": _monday(week.start), "comments": week.comments} for week in figures.weeks
    ]


def _consultation(consultation: Any, figures: Figures, rule_anchors: list[str]) -> dict:
    """A consultation's figures, but its weeks (each open data file writes those its way)."""
    response = consultation.response
    return {
        "consultation": consultation.slug,
        "title": consultation.title,
        "path": "/" + consultation.save_as.removesuffix("index.html"),
        "department": consultation.department.key,
        "platform": consultation.platform,
        "engagement": consultation.engagement,
        "audience": consultation.audience,
        "phase": consultation.phase.value,
        "response_overdue": consultation.phase.overdue,
        "opens": _iso(consultation.opens),
        "closes": _iso(consultation.closes),
        "response_published": _iso(response.date) if response else None,
        **_figures(figures, rule_anchors),
    }


def participation_json(
    as_of: datetime | None,
    site: Figures,
    rows: list[tuple[Any, Figures]],
    rule_anchors: list[str],
) -> str:
    """`generated` is `as_of`: the newest comment or event the figures take in, not the time
    the build ran, so a rebuild of the same data gives the same bytes.

    Each consultation is one line: a diff of two builds shows which consultations moved, and
    Python's JSON encoder writes a line at C speed, where indenting takes its Python one
    (0.34 s for the 4.6 MB of a 5,000-post benchmark site, in every build)."""
    head = {
        "format": FORMAT,
        "version": VERSION,
        "generated": _iso(as_of),
        "definitions": DEFINITIONS,
        "site": _figures(site, rule_anchors),
    }
    consultations = [
        json.dumps(
            {**_consultation(c, f, rule_anchors), "comments_per_week": _weeks(f)},
            ensure_ascii=False,
        )
        for c, f in rows
    ]
    listed = ",".join(f"\n    {line}" for line in consultations)
    if listed:
        listed += "\n  "
    text = json.dumps(head, indent=2, ensure_ascii=False).removesuffix("\n}")
    return text + ',\n  "consultations": [' + listed + "]\n}\n"


def _csv(header: list[str], records: Iterable[Sequence[Any]], blanks: bool = True) -> str:
    """`blanks`: write None as an empty cell (records that never hold None skip the check)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    if blanks:
        records = (["" if value is None else value for value in row] for row in records)
    writer.writerows(records)
    return buffer.getvalue()


def participation_csv(rows: list[tuple[Any, Figures]], rule_anchors: list[str]) -> str:
    scalar = [
        "consultation",
        "title",
        "path",
        "department",
        "platform",
        "engagement",
        "audience",
        "phase",
        "response_overdue",
        "opens",
        "closes",
        "response_published",
        "comments",
        "participants",
        "official_replies",
        "comments_with_official_reply",
        "median_hours_to_first_official_reply",
        "removed",
    ]
    records = []
    for consultation, figures in rows:
        data = _consultation(consultation, figures, rule_anchors)
        data["response_overdue"] = "yes" if data["response_overdue"] else "no"
        records.append(
            [data[name] for name in scalar]
            + [figures.removed_under(anchor) for anchor in rule_anchors]
        )
    return _csv(scalar + [f"removed_{anchor}" for anchor in rule_anchors], records)


def weekly_csv(rows: list[tuple[Any, Figures]]) -> str:
    """A row per consultation and week (52,000 rows at 5,000 posts: none is ever empty, so
    they go to the writer as they are)."""
    records = (
        (consultation.slug, _monday(week.start), week.comments)
        for consultation, figures in rows
        for week in figures.weeks
    )
    return _csv(["consultation", "week_starting", "comments"], records, blanks=False)
