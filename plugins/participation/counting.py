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
    """The comment sections of a consultation's own page and of the pages that belong to it:
    its translations' pages (each has its own thread; they count once, as this consultation),
    its posts, transcripts and response."""
    translations = getattr(consultation, "translations", None) or []
    if not getattr(consultation, "in_default_lang", True):
        translations = []  # a translation shows its original's figures
    contents = [consultation, *translations, *consultation.posts, *consultation.transcripts]
    if consultation.response is not None:
        contents.append(consultation.response)
    return [getattr(content, "comments", None) for content in contents]


def count_consultation(consultation: Any, clock: datetime, zone: str) -> Figures:
    span = None
    if consultation.phase.value != "upcoming":
        span = (consultation.opens, min(consultation.closes, clock))
    return figures_for(consultation_sections(consultation), zone, span)


def chart_for(
    consultation: Any, title: str, description: str, week_of: str, lang: str | None = None
) -> str:
    """The chart of a consultation's comments per week, in the words the template gives (its
    own, translated: docs/bilingual.md); `week_of` is `Week of %(day)s` in the page's
    language, and `lang` the language its short dates are written in."""
    figures = getattr(consultation, "participation", None)
    if figures is None:
        return ""

    def week_label(week: Any) -> str:
        if not lang or lang == "en":
            day = f"{week.start.day} {week.start:%b %Y}"
        else:
            from babel.dates import format_date

            day = str(format_date(week.start, "d MMM y", locale=lang))
        return week_of % {"day": day}

    return weekly_chart(figures.weeks, f"chart-{consultation.slug}", title, description, week_label)


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
    unique = list({id(content): content for content in contents}.values())
    site = figures_for([getattr(c, "comments", None) for c in unique], zone)
    rules = rules_from_page(rules_page)
    anchors = list(rules)
    for removal in site.removals:
        if removal.anchor and removal.anchor not in anchors:
            anchors.append(removal.anchor)
    rows = [(c, c.participation) for c in consultations]
    return Participation(site, rows, anchors, rules)
