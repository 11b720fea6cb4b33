"""schema.org descriptions as JSON-LD: BlogPosting, Person, GovernmentOrganization, an online
Event for a consultation, a Report for its response, a CreativeWork for a transcript, WebPage.

Built as plain dicts in a fixed key order, so the same page always gives the same bytes.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from .subjects import summary_of

CONTEXT = "https://schema.org"


def iso(moment: Any) -> str | None:
    return moment.isoformat() if isinstance(moment, datetime) else None


def compact(node: dict[str, Any]) -> dict[str, Any]:
    """Drop empty values: schema.org readers take a missing property for 'unknown'."""
    return {key: value for key, value in node.items() if value not in (None, "", [], {})}


def organisation(name: str | None, url: str | None = None) -> dict[str, Any] | None:
    return compact({"@type": "GovernmentOrganization", "name": name, "url": url}) if name else None


def department_node(department: Any, absolute: Any, full: bool = False) -> dict[str, Any]:
    node = {
        "@type": "GovernmentOrganization",
        "name": department.name,
        "alternateName": getattr(department, "acronym", None),
        "url": absolute(department.url),
    }
    if full:
        node["description"] = getattr(department, "summary", None)
        node["sameAs"] = getattr(department, "website", None)
    return compact(node)


def person_node(person: Any, absolute: Any, full: bool = False) -> dict[str, Any]:
    department = getattr(person, "department", None)
    node = {
        "@type": "Person",
        "name": person.name,
        "jobTitle": getattr(person, "role", None),
        "url": absolute(person.url),
        "worksFor": department_node(department, absolute) if department else None,
    }
    if full:
        portrait = getattr(person, "portrait", None)
        node["description"] = getattr(person, "summary", None)
        node["image"] = absolute(portrait) if portrait else None
    return compact(node)


def blog_posting(article: Any, page: dict[str, Any], absolute: Any) -> dict[str, Any]:
    person = getattr(article, "person", None)
    department = getattr(article, "department", None)
    modified = getattr(article, "modified", None) or article.date
    return compact(
        {
            "@type": "BlogPosting",
            "@id": page["canonical"],
            "url": page["canonical"],
            "mainEntityOfPage": page["canonical"],
            "headline": page["title"],
            "description": page["description"],
            "datePublished": iso(article.date),
            "dateModified": iso(modified),
            "inLanguage": page["language"],
            "author": person_node(person, absolute) if person else None,
            "publisher": department_node(department, absolute) if department else None,
            "keywords": [str(tag) for tag in getattr(article, "tags", None) or []],
            "creativeWorkStatus": "Withdrawn" if getattr(article, "withdrawn", None) else None,
            "isPartOf": page["website"],
        }
    )


def consultation_event(consultation: Any, page: dict[str, Any], absolute: Any) -> dict[str, Any]:
    """A consultation as an online Event: it opens and closes, and a department runs it."""
    department = getattr(consultation, "department", None)
    owner = getattr(consultation, "owner", None)
    return compact(
        {
            "@type": "Event",
            "@id": page["canonical"],
            "url": page["canonical"],
            "name": page["title"],
            "description": page["description"],
            "startDate": iso(getattr(consultation, "opens", None)),
            "endDate": iso(getattr(consultation, "closes", None)),
            "eventAttendanceMode": "https://schema.org/OnlineEventAttendanceMode",
            "location": {"@type": "VirtualLocation", "url": page["canonical"]},
            "organizer": department_node(department, absolute) if department else None,
            "contributor": person_node(owner, absolute) if owner else None,
            "inLanguage": page["language"],
            "isPartOf": page["website"],
        }
    )


def about_consultation(subject: Any, absolute: Any) -> dict[str, Any] | None:
    consultation = getattr(subject, "consultation", None)
    if consultation is None or isinstance(consultation, str):
        return None
    return {"@type": "Event", "name": consultation.title, "url": absolute(consultation.url)}


def consultation_document(
    kind: str, subject: Any, page: dict[str, Any], absolute: Any
) -> dict[str, Any]:
    """A response ("you said, we did") is a government Report; a transcript a CreativeWork."""
    consultation = getattr(subject, "consultation", None)
    department = getattr(consultation, "department", None)
    person = getattr(subject, "person", None)
    return compact(
        {
            "@type": "Report" if kind == "response" else "CreativeWork",
            "@id": page["canonical"],
            "url": page["canonical"],
            "name": page["title"],
            "genre": "Transcript" if kind == "transcript" else None,
            "description": page["description"],
            "datePublished": iso(getattr(subject, "date", None)),
            "dateModified": iso(
                getattr(subject, "modified", None) or getattr(subject, "date", None)
            ),
            "inLanguage": page["language"],
            "author": person_node(person, absolute) if person else None,
            "publisher": department_node(department, absolute) if department else page["owner"],
            "about": about_consultation(subject, absolute),
            "isPartOf": page["website"],
        }
    )


def web_page(kind: str, subject: Any, page: dict[str, Any]) -> dict[str, Any]:
    modified = getattr(subject, "modified", None) or getattr(subject, "date", None)
    return compact(
        {
            "@type": kind,
            "@id": page["canonical"],
            "url": page["canonical"],
            "name": page["title"],
            "description": page["description"] or (summary_of(subject) if subject else None),
            "dateModified": iso(modified),
            "inLanguage": page["language"],
            "isPartOf": page["website"],
            "publisher": page["owner"],
        }
    )


def describe(kind: str, subject: Any, page: dict[str, Any], absolute: Any) -> dict[str, Any]:
    """The JSON-LD node for one page, by what the page is about."""
    if kind == "article":
        node = blog_posting(subject, page, absolute)
    elif kind == "person":
        node = {**person_node(subject, absolute, full=True), "@id": page["canonical"]}
        node["mainEntityOfPage"] = page["canonical"]
    elif kind == "department":
        node = {**department_node(subject, absolute, full=True), "@id": page["canonical"]}
        node["mainEntityOfPage"] = page["canonical"]
    elif kind == "consultation":
        node = consultation_event(subject, page, absolute)
    elif kind in ("response", "transcript"):
        node = consultation_document(kind, subject, page, absolute)
    elif kind == "redirect":
        node = web_page("WebPage", None, page)
    elif page["is_home"]:
        node = compact({**page["website"], "publisher": page["owner"]})
    elif kind:
        node = web_page("WebPage", subject, page)
    else:
        node = web_page("CollectionPage", None, page)
    first: dict[str, Any] = {key: node[key] for key in ("@type", "@id") if key in node}
    return {"@context": CONTEXT, **first, **node}


def script_text(node: dict[str, Any]) -> str:
    """JSON safe inside <script>: no `<`, `>` or `&` can end the element early."""
    text = json.dumps(node, ensure_ascii=False, indent=None, separators=(", ", ": "))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
