"""Keep drafts and anything dated after the build clock out of every output file.

Pelican writes drafts to drafts/ and, with future dates allowed, lists future posts everywhere;
here both are dropped before taxonomies, archives and listings are made from the articles.
Hidden content keeps its own page but is never listed (Pelican already leaves it out).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any


def is_due(content: Any, clock: datetime) -> bool:
    """Content without a date (most pages) is never embargoed."""
    date = getattr(content, "date", None)
    return date is None or not isinstance(date, datetime) or date <= clock


def keep_due(contents: list[Any], clock: datetime) -> list[Any]:
    return [c for c in contents if is_due(c, clock)]


def embargo_articles(generator: Any, clock: datetime) -> None:
    generator.articles = keep_due(generator.articles, clock)
    generator.translations = keep_due(generator.translations, clock)
    generator.hidden_articles = keep_due(generator.hidden_articles, clock)
    generator.hidden_translations = keep_due(generator.hidden_translations, clock)
    generator.drafts = []
    generator.drafts_translations = []


def embargo_pages(generator: Any, clock: datetime) -> None:
    generator.pages = keep_due(generator.pages, clock)
    generator.translations = keep_due(generator.translations, clock)
    generator.hidden_pages = keep_due(generator.hidden_pages, clock)
    generator.hidden_translations = keep_due(generator.hidden_translations, clock)
    generator.draft_pages = []
    generator.draft_translations = []
    generator.context["pages"] = generator.pages
    generator.context["hidden_pages"] = generator.hidden_pages
    generator.context["draft_pages"] = []
