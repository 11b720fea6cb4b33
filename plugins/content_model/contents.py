"""Every content object a build publishes, whichever generator read it.

Plugins that act on all content (comments, duplicates, citations, the pre-election banner,
participation figures) ask here, so a new content type is added to one list, not five.
"""

from __future__ import annotations

from itertools import chain
from typing import Any

CONTENT_LISTS = (
    "articles",
    "translations",
    "hidden_articles",
    "hidden_translations",
    "pages",
    "hidden_pages",
    "consultations",
    "hidden_consultations",
    "responses",
    "hidden_responses",
    "transcripts",
    "hidden_transcripts",
)


def every_content(generators: list[Any]) -> list[Any]:
    """Published and hidden content, with translations, of every generator."""
    return list(
        chain.from_iterable(getattr(g, name, []) for g in generators for name in CONTENT_LISTS)
    )
