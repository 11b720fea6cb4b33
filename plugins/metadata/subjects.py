"""What a page is about: the one content object, person or department it was written for."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

OWN_KEYS = ("article", "page", "person", "department", "consultation", "response", "transcript")


def subject_of(context: Mapping[str, Any]) -> Any:
    """The object saved at this page's path (so a listing's `articles` never counts)."""
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
