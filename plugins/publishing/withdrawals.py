"""Change notes (Correction, Withdrawn) take effect at their date, and a withdrawn item leaves
the listings while keeping its page.

A note dated after the build clock is scheduled: until then it is in no output file, like an
embargoed post. A withdrawn post, consultation, response or transcript keeps its own page,
with the notice, and every address it had; it leaves every listing: the home page and its
pages, tags, archives, departments, people, a consultation's page, the consultation indexes.

The listings are pruned last, once every plugin has linked what it needs and just before
anything is written. So the feeds, which have their entries by then, keep a withdrawn item,
titled "Withdrawn:" and updated at the withdrawal, and tell subscribers; the sitemap keeps its
page; and a tag or year whose only post was withdrawn keeps its (now empty) page, since its
address was published.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pelican.generators import ArticlesGenerator


def is_withdrawn(content: Any) -> bool:
    return getattr(content, "withdrawn", None) is not None


def schedule_change_notes(content: Any, clock: datetime | None) -> None:
    """Drop the notes dated after the clock: they are published when their time comes."""
    if not isinstance(clock, datetime):
        return
    withdrawn = getattr(content, "withdrawn", None)
    if withdrawn is not None and withdrawn.date > clock:
        content.withdrawn = None
    corrections = getattr(content, "corrections", None)
    if corrections:
        content.corrections = [c for c in corrections if c.date <= clock]


def _prune(items: list[Any]) -> None:
    items[:] = [item for item in items if not is_withdrawn(item)]


def _prune_articles(generator: ArticlesGenerator) -> None:
    withdrawn = [a for a in generator.articles if is_withdrawn(a)]
    if not withdrawn:
        return
    _prune(generator.articles)  # the home page and its pages
    _prune(generator.dates)  # archives
    for tagged in generator.tags.values():
        _prune(tagged)
    for _category, filed in generator.categories:
        _prune(filed)
    for _author, written in generator.authors:
        _prune(written)
    for periods in generator.period_archives.values():
        for period in periods:
            _prune(period["articles"])
            _prune(period["dates"])
    # Written with the hidden ones: a page of its own, in no listing.
    generator.hidden_articles = [*generator.hidden_articles, *withdrawn]


def _prune_consultations(generator: Any) -> None:
    withdrawn = [c for c in generator.consultations if is_withdrawn(c)]
    if withdrawn:
        _prune(generator.consultations)  # the context's list too: department pages use it
        generator.hidden_consultations = [*generator.hidden_consultations, *withdrawn]


def leave_listings(generators: list[Any], context: dict[str, Any]) -> None:
    consultations = [
        *(context.get("consultations") or []),
        *(context.get("hidden_consultations") or []),
    ]
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            _prune_articles(generator)
        elif hasattr(generator, "consultations_by_phase"):  # the consultations plugin's
            _prune_consultations(generator)
    for owner in (*context.get("DEPARTMENTS", {}).values(), *context.get("PEOPLE", {}).values()):
        _prune(owner.articles)
    for consultation in consultations:
        _prune(getattr(consultation, "posts", []))
        _prune(getattr(consultation, "transcripts", []))
    for _phase, listed in context.get("consultations_by_phase") or []:
        _prune(listed)
    for _facet, pages in context.get("consultation_facets") or []:
        for page in pages:
            _prune(page.consultations)
