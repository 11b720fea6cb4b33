"""The facets of the review's case-study table, for listings that filter without JavaScript.

Each value of each facet gets its own page listing exactly the consultations that have it.
Platform, engagement and audience have fixed values (every one gets a page, so links never
break); departments get a page once they have a consultation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any


@dataclass(frozen=True)
class FacetValue:
    key: str
    label: str
    description: str


@dataclass(frozen=True)
class Facet:
    key: str  # the metadata attribute of a consultation, and the URL part
    name: str  # "Platform"
    question: str  # what the facet answers, for headings
    values: tuple[FacetValue, ...]


FIXED_FACETS = (
    Facet(
        "platform",
        "Platform",
        "Where the discussion happens",
        (
            FacetValue("blog", "Blog", "Posts by ministers and officials that you can comment on."),
            FacetValue("forum", "Forum", "Threads where people discuss a topic with each other."),
            FacetValue("webchat", "Webchat", "A live question-and-answer session at a set time."),
            FacetValue("panel", "Panel", "A group that meets over weeks to look at one topic."),
        ),
    ),
    Facet(
        "engagement",
        "Form of engagement",
        "What government asks of you",
        (
            FacetValue("informing", "Informing", "Government explains and answers questions."),
            FacetValue("listening", "Listening", "Government asks for views and evidence."),
            FacetValue(
                "deliberating",
                "Deliberating",
                "People weigh options together, with government, and reach views.",
            ),
        ),
    ),
    Facet(
        "audience",
        "Audience",
        "Who is invited to take part",
        (
            FacetValue("public", "Public", "Anyone can take part."),
            FacetValue(
                "stakeholder",
                "Stakeholders",
                "Organisations and experts with a direct interest.",
            ),
            FacetValue("both", "Public and stakeholders", "Both the public and stakeholders."),
        ),
    ),
)


@dataclass
class FacetPage:
    """One value of one facet and the consultations that have it, newest first."""

    facet: Facet
    value: FacetValue
    consultations: list[Any] = field(default_factory=list)
    url: str = ""
    save_as: str = ""


def department_facet(consultations: list[Any]) -> Facet:
    departments = sorted({c.department for c in consultations}, key=attrgetter("name"))
    return Facet(
        "department",
        "Department",
        "Who is asking",
        tuple(FacetValue(d.key, d.name, d.summary) for d in departments),
    )


def _value_of(consultation: Any, facet: Facet) -> str:
    value = getattr(consultation, facet.key)
    return str(getattr(value, "key", value))


def facet_pages(
    consultations: list[Any], url_for: Callable[[str, str], tuple[str, str]]
) -> list[tuple[Facet, list[FacetPage]]]:
    """Every facet with a page per value; `url_for(facet, value)` gives (url, save_as)."""
    newest_first = sorted(consultations, key=lambda c: (c.opens, c.slug), reverse=True)
    facets = []
    for facet in (department_facet(consultations), *FIXED_FACETS):
        pages = []
        for value in facet.values:
            url, save_as = url_for(facet.key, value.key)
            matching = [c for c in newest_first if _value_of(c, facet) == value.key]
            pages.append(FacetPage(facet, value, matching, url, save_as))
        facets.append((facet, pages))
    return facets
