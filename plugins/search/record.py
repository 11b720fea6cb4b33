"""What the search index holds about a page: whether it is indexed, its type and department.

Templates call `search_record()` (see partials/search_metadata.html and base.html). A page is
indexed only when it is the own page of a published post, page, consultation, response or
transcript: listings, people, departments, feeds and redirects repeat what those pages say,
and hidden content has its page but appears in no listing, the search index included. Drafts
and embargoed content never get a page, so they can never reach the index.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

# The template variable each indexed content type is written with, and the name readers see.
CONTENT_TYPES: dict[str, str] = {
    "article": "Post",
    "consultation": "Consultation",
    "response": "Consultation response",
    "transcript": "Transcript",
    "page": "Page",
}


@dataclass(frozen=True)
class SearchRecord:
    content_type: str
    department: str  # the department's name, or "" for content that has none
    withdrawn: bool
    language: str  # the page's language, so a result in another language can say so


def subject_of(context: Mapping[str, Any]) -> tuple[str, Any] | None:
    """The content object saved at this page's path, so a listing's loop variable never counts."""
    output_file = str(context.get("output_file") or "")
    for key in CONTENT_TYPES:
        value = context.get(key)
        if value is not None and getattr(value, "save_as", None) == output_file:
            return key, value
    return None


def department_of(subject: Any) -> str:
    """A post or consultation names its department; responses and transcripts inherit theirs."""
    department = getattr(subject, "department", None)
    if department is None:
        consultation = getattr(subject, "consultation", None)
        department = getattr(consultation, "department", None)
    return str(getattr(department, "name", "") or "")


def search_record(context: Mapping[str, Any]) -> SearchRecord | None:
    found = subject_of(context)
    if found is None:
        return None
    key, subject = found
    if getattr(subject, "status", "published") != "published":
        return None
    return SearchRecord(
        content_type=CONTENT_TYPES[key],
        department=department_of(subject),
        withdrawn=bool(getattr(subject, "withdrawn", None)),
        language=str(getattr(subject, "lang", None) or context.get("DEFAULT_LANG") or "en"),
    )
