"""Each page's versions in the site's languages, for `hreflang` links and the language link.

Pelican pairs translations by Slug and gives every item all the others (`translations`),
embargoed and draft ones included; only the versions this build publishes are kept here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .languages import home_save_as, home_url, name_of, site_languages


@dataclass(frozen=True)
class Version:
    lang: str
    name: str  # in its own language: Cymraeg
    url: str  # as templates link it (SITEURL + "/" + url)
    save_as: str


def attach_versions(contents: Iterable[Any], settings: Mapping[str, Any]) -> None:
    """`language_versions` on every content object: itself and its published translations,
    in the order of LANGUAGES (just itself when it has none); and `in_language`, the same
    content objects by language."""
    published = list(contents)
    shown = {id(content) for content in published}
    order = {code: index for index, code in enumerate(site_languages(settings))}
    for content in published:
        items = [content] + [
            other for other in getattr(content, "translations", []) or [] if id(other) in shown
        ]
        items.sort(key=lambda item: order.get(getattr(item, "lang", ""), len(order)))
        content.language_versions = [
            Version(item.lang, name_of(item.lang), item.url, item.save_as) for item in items
        ]
        content.in_language = {item.lang: item for item in items}


def home_versions(settings: Mapping[str, Any]) -> list[Version]:
    return [
        Version(code, name_of(code), home_url(code, settings), home_save_as(code, settings))
        for code in site_languages(settings)
    ]


def versions_of(subject: Any, output_file: str, settings: Mapping[str, Any]) -> list[Version]:
    """The versions of the page being written: a content object's, or the home pages'."""
    if subject is not None:
        return list(getattr(subject, "language_versions", None) or [])
    homes = home_versions(settings)
    if len(homes) > 1 and output_file in {home.save_as for home in homes}:
        return homes
    return []
