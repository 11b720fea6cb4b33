"""What a page is about: the one content object, person or department it was written for."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

OWN_KEYS = ("article", "page", "person", "department", "consultation", "response", "transcript")
READS = frozenset({"output_file", *OWN_KEYS})

_last: tuple[Any, Any] | None = None
"""The last Jinja render context's variables and the subject found in them."""


def subject_of(context: Mapping[str, Any]) -> Any:
    """The object saved at this page's path (so a listing's `articles` never counts).

    Templates ask this a hundred times a page (every translated string asks for the page's
    language), and Pelican works `save_as` out afresh each time; so the answer for a Jinja
    context is kept while the next question comes from the same render: the same `parent`
    mapping (held here, so it cannot be another render's), with none of the names read here
    set by the template itself.
    """
    global _last
    parent = getattr(context, "parent", None)
    local = getattr(context, "vars", None)
    reusable = parent is not None and local is not None and local.keys().isdisjoint(READS)
    if reusable and _last is not None and _last[0] is parent:
        return _last[1]
    subject = _find_subject(context)
    if reusable:
        _last = (parent, subject)
    return subject


def _find_subject(context: Mapping[str, Any]) -> Any:
    output_file = str(context.get("output_file") or "")
    for key in OWN_KEYS:
        value = context.get(key)
        if value is not None and getattr(value, "save_as", None) == output_file:
            return value
    return None


def kind_of(subject: Any) -> str:
    """`article`, `page`, `person`, `department`, or the class name of another content type."""
    return type(subject).__name__.lower() if subject is not None else ""


def url_path_for(output_file: str) -> str:
    """`posts/2025/x/index.html` → `/posts/2025/x/`, as the site publishes it."""
    relative = output_file.lstrip("/")
    if relative in ("", "index.html"):
        return "/"
    return "/" + (
        relative.removesuffix("index.html") if relative.endswith("/index.html") else relative
    )


def summary_of(subject: Any) -> str:
    """The summary an author wrote (never Pelican's automatic excerpt of a page's body)."""
    metadata = getattr(subject, "metadata", None)
    if isinstance(metadata, dict):
        return str(metadata.get("summary") or "")
    return str(getattr(subject, "summary", None) or "")
