"""Count each consultation's figures, and the whole site's, once every page has its comments."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from comments.rules import rules_from_page

from .chart import weekly_chart
from .figures import Figures, figures_for


@dataclass
class Participation:
    """What the evaluation page and the open data show."""

    site: Figures
    rows: list[tuple[Any, Figures]]  # published consultations, newest first
    rule_anchors: list[str]  # the rules of the rules page, and any other anchor cited
    rules: dict[str, Any] = field(default_factory=dict)  # anchor -> Rule


def consultation_sections(consultation: Any) -> list[Any]:
    """The comment sections of a consultation's own page and of the pages that belong to it."""
    contents = [consultation, *consultation.posts, *consultation.transcripts]
    if consultation.response is not None:
        contents.append(consultation.response)
    return [getattr(content, "comments", None) for content in contents]


def count_consultation(consultation: Any, clock: datetime, zone: str) -> Figures:
    span = None
    if consultation.phase.value != "upcoming":
        span = (consultation.opens, min(consultation.closes, clock))
    return figures_for(consultation_sections(consultation), zone, span)


def chart_for(consultation: Any) -> str:
    figures = consultation.participation
    weeks = len(figures.weeks)
    busiest = figures.busiest_week
    return weekly_chart(
        figures.weeks,
        f"chart-{consultation.slug}",
        f"Comments per week on “{consultation.title}”",
        f"A bar chart of {figures.comments} comments over {weeks} "
        f"{'week' if weeks == 1 else 'weeks'}; the busiest week had {busiest}. "
        "The table after it gives the number for each week.",
    )


def count_everything(
    consultations: list[Any],
    hidden: list[Any],
    contents: list[Any],
    rules_page: Any | None,
    clock: datetime,
    zone: str,
) -> Participation:
    for consultation in [*consultations, *hidden]:
        consultation.participation = count_consultation(consultation, clock, zone)
        consultation.participation_chart = chart_for(consultation)
    unique = list({id(content): content for content in contents}.values())
    site = figures_for([getattr(c, "comments", None) for c in unique], zone)
    rules = rules_from_page(rules_page)
    anchors = list(rules)
    for removal in site.removals:
        if removal.anchor and removal.anchor not in anchors:
            anchors.append(removal.anchor)
    rows = [(c, c.participation) for c in consultations]
    return Participation(site, rows, anchors, rules)
