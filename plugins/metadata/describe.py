"""Everything the head of a page says about it: canonical address, Dublin Core and JSON-LD.

Templates call `page_metadata(title)` (see partials/head_metadata.html); it reads the page's
own context, so page types added later are described without touching this plugin.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from content_model.site_words import setting_in, translated
from markupsafe import Markup

from .json_ld import describe, organisation, script_text
from .subjects import kind_of, subject_of, summary_of, url_path_for


@dataclass(frozen=True)
class PageMetadata:
    canonical: str
    title: str
    description: str
    creator: str
    publisher: str
    language: str
    issued: datetime | None
    modified: datetime | None
    subjects: tuple[str, ...]
    json_ld: Markup


def addresser(site_url: str) -> Callable[[str], str]:
    """Absolute, clean addresses from the settings' SITEURL: never the relative one Pelican
    substitutes while previewing, and root-relative when there is no SITEURL at all."""
    base = site_url.rstrip("/")

    def absolute(url: str) -> str:
        return base + url_path_for(url)

    return absolute


def _creator_and_publisher(kind: str, subject: Any, owner: str, language: str) -> tuple[str, str]:
    if kind == "article":
        person = getattr(subject, "person", None)
        department = getattr(subject, "department", None)
        publisher = translated(department, "name", language) if department else owner
        return (person.name if person else owner, publisher)
    if kind == "person":
        department = getattr(subject, "department", None)
        return subject.name, department.name if department else owner
    if kind == "department":
        return subject.name, subject.name
    if kind in ("consultation", "response", "transcript"):
        consultation = subject if kind == "consultation" else getattr(subject, "consultation", None)
        department = getattr(consultation, "department", None)
        person = getattr(subject, "owner" if kind == "consultation" else "person", None)
        publisher = translated(department, "name", language) if department else owner
        return (person.name if person else publisher, publisher)
    return owner, owner


def _title(document_title: str, sitename: str) -> str:
    text = Markup(document_title).striptags()
    return text.removesuffix(f" - {sitename}") if text != sitename else sitename


def page_metadata(
    context: Mapping[str, Any], settings: Mapping[str, Any], document_title: str = ""
) -> PageMetadata:
    absolute = addresser(str(settings.get("SITEURL") or ""))
    subject = subject_of(context)
    kind = kind_of(subject)
    # A listing in another language (the Welsh home page) says so with `page_lang`.
    language = str(
        context.get("page_lang")
        or getattr(subject, "lang", None)
        or settings.get("DEFAULT_LANG")
        or "en"
    )
    sitename = setting_in(settings, "SITENAME", language)
    owner = setting_in(settings, "SITE_OWNER", language) or sitename
    redirect = context.get("redirect")
    path = url_path_for(str(context.get("output_file") or ""))
    canonical = absolute(redirect["target"] if redirect else path)
    title = redirect["title"] if redirect else _title(document_title, sitename)
    description = summary_of(subject) if subject is not None else ""
    description = Markup(description).striptags()
    creator, publisher = _creator_and_publisher(kind, subject, owner, language)
    page = {
        "canonical": canonical,
        "title": title,
        "description": description,
        "language": language,
        "is_home": path == "/" and not redirect,
        "owner": organisation(owner),
        "website": {"@type": "WebSite", "name": sitename, "url": absolute("")},
    }
    node = describe("redirect" if redirect else kind, None if redirect else subject, page, absolute)
    date = getattr(subject, "date", None)
    modified = getattr(subject, "modified", None)
    return PageMetadata(
        canonical=canonical,
        title=title,
        description=description,
        creator=creator,
        publisher=publisher,
        language=language,
        issued=date if isinstance(date, datetime) else None,
        modified=modified if isinstance(modified, datetime) else None,
        subjects=tuple(str(tag) for tag in getattr(subject, "tags", None) or []),
        json_ld=Markup(script_text(node)),
    )
