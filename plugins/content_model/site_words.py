"""The site's own words in another language: SITENAME and SITE_OWNER from SITE_TRANSLATIONS,
and registry entries' `name_cy`, `role_cy` and `summary_cy` (docs/bilingual.md). Here, not in
the bilingual plugin, so that the metadata and sharing plugins can use them without importing
the plugin that imports them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def setting_in(settings: Mapping[str, Any], name: str, lang: str) -> str:
    """A setting of the site's words (SITENAME, SITE_OWNER) in one language: the language's
    entry in SITE_TRANSLATIONS (`{"cy": {"SITENAME": "..."}}`), else the setting itself."""
    words = (settings.get("SITE_TRANSLATIONS") or {}).get(lang) or {}
    return str(words.get(name) or settings.get(name) or "")


def translated(entry: Any, name: str, lang: str) -> str:
    """A registry entry's `name`, `role` or `summary` in `lang`: its `name_cy` (and so on)
    when the registry gives one, else the default language's."""
    words = getattr(entry, "translated", None) or {}
    return str(words.get(f"{name}_{lang}") or getattr(entry, name, "") or "")
