"""What a page says about itself when shared: Open Graph properties and card names.

Built on the metadata plugin's answer (canonical address, title, summary, dates), so the
shared address is always the canonical one; the department that published the content is
the site name, because that is whose words the reader is about to read.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from content_model.site_words import setting_in, translated
from metadata.describe import addresser, page_metadata
from metadata.subjects import kind_of, subject_of

DESCRIPTION = re.compile(r'<meta\s+name="description"\s+content="([^"]*)"', re.IGNORECASE)
# Open Graph locales for the languages a site may be written in.
LOCALES = {"en": "en_GB", "cy": "cy_GB", "gd": "gd_GB", "ga": "ga_IE"}
ARTICLE_KINDS = ("article", "consultation", "response", "transcript")


@dataclass(frozen=True)
class SharingImage:
    url: str
    alt: str


@dataclass(frozen=True)
class SharingCard:
    properties: tuple[tuple[str, str], ...]  # <meta property="og:..." content="...">
    names: tuple[tuple[str, str], ...]  # <meta name="twitter:..." content="...">
    image: SharingImage | None


def department_of(subject: Any) -> Any:
    """The department that published the content: its own, or its consultation's."""
    department = getattr(subject, "department", None)
    if department is None:
        consultation = getattr(subject, "consultation", None)
        department = getattr(consultation, "department", None)
    return department if hasattr(department, "name") else None


def image_of(subject: Any, settings: Mapping[str, Any]) -> SharingImage | None:
    """The content's `Image: path | alt`, else the site's SHARING_IMAGE (path, alt), if any."""
    written = getattr(subject, "metadata", {}).get("image") if subject is not None else None
    if isinstance(written, str) and "|" in written:
        path, _, alt = written.partition("|")
    elif settings.get("SHARING_IMAGE"):
        path, alt = settings["SHARING_IMAGE"]
    else:
        return None
    absolute = addresser(str(settings.get("SITEURL") or ""))
    return SharingImage(absolute("/" + path.strip().lstrip("/")), alt.strip())


def description_from(description_html: str) -> str:
    found = DESCRIPTION.search(description_html or "")
    return html.unescape(found.group(1)).strip() if found else ""


def sharing_card(
    context: Mapping[str, Any],
    settings: Mapping[str, Any],
    document_title: str = "",
    description_html: str = "",
) -> SharingCard:
    about = page_metadata(context, settings, document_title)
    subject = subject_of(context)
    kind = kind_of(subject)
    department = department_of(subject)
    # A listing in another language (the Welsh home page) says so with `page_lang`.
    language = str(context.get("page_lang") or about.language).split("-")[0].lower()
    sitename = setting_in(settings, "SITENAME", language)
    description = (
        about.description
        or description_from(description_html)
        or str(settings.get("SITE_DESCRIPTION") or "")
        or sitename
    )
    properties = [
        ("og:type", "article" if kind in ARTICLE_KINDS else "website"),
        ("og:title", about.title),
        ("og:description", description),
        ("og:url", about.canonical),
        ("og:site_name", translated(department, "name", language) if department else sitename),
        ("og:locale", LOCALES.get(language, language)),
    ]
    image = image_of(subject, settings)
    if image is not None:
        properties += [("og:image", image.url), ("og:image:alt", image.alt)]
    if kind in ARTICLE_KINDS and about.issued is not None:
        properties.append(("article:published_time", about.issued.isoformat()))
    if kind in ARTICLE_KINDS and about.modified is not None:
        properties.append(("article:modified_time", about.modified.isoformat()))
    names = [
        ("twitter:card", "summary_large_image" if image else "summary"),
        ("twitter:title", about.title),
        ("twitter:description", description),
    ]
    if image is not None:
        names += [("twitter:image", image.url), ("twitter:image:alt", image.alt)]
    return SharingCard(tuple(properties), tuple(names), image)
