"""The languages a site is written in, and where each language's pages go.

A site is English only unless LANGUAGES names more (the example site: `["en", "cy"]`). Where a
translation lives is Pelican's own ARTICLE_LANG_SAVE_AS and PAGE_LANG_SAVE_AS (the example
site: its original's address under `/cy/`); each other language's home page is `/<lang>/`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# Each language's name in itself, as a language link shows it, and its Open Graph locale.
NAMES = {"en": "English", "cy": "Cymraeg", "gd": "Gàidhlig", "ga": "Gaeilge"}


class LanguageSettingsError(ValueError):
    """LANGUAGES does not describe a site Pelican can build."""


def site_languages(settings: Mapping[str, Any]) -> list[str]:
    """The site's languages, its default (DEFAULT_LANG) first."""
    default = str(settings.get("DEFAULT_LANG") or "en")
    written = settings.get("LANGUAGES") or [default]
    if isinstance(written, str) or not all(isinstance(code, str) for code in written):
        raise LanguageSettingsError("LANGUAGES must be a list of language codes, e.g. ['en', 'cy']")
    if default not in written:
        raise LanguageSettingsError(
            f"LANGUAGES {list(written)} must include DEFAULT_LANG '{default}'"
        )
    return [default, *(code for code in written if code != default)]


def is_bilingual(settings: Mapping[str, Any]) -> bool:
    return len(site_languages(settings)) > 1


def name_of(code: str) -> str:
    return NAMES.get(code, code)


def home_save_as(code: str, settings: Mapping[str, Any]) -> str:
    """The home page of a language: index.html for the default, cy/index.html for Welsh."""
    return "index.html" if code == site_languages(settings)[0] else f"{code}/index.html"


def home_url(code: str, settings: Mapping[str, Any]) -> str:
    suffix = str(settings.get("INDEX_SUFFIX") or "")
    return suffix if code == site_languages(settings)[0] else f"{code}/{suffix}"
