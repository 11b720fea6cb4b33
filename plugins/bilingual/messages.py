"""The theme's own words in each language, from gettext message catalogues.

Templates mark their words with `{{ _("...") }}` and `{% trans %}`; `make messages` extracts
them into themes/<theme>/translations/messages.pot and updates each language's messages.po,
which translators edit; `make translations` (run by `make html` and `make test`) compiles each
.po into the .mo read here. English is the source language, so it needs no catalogue.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Mapping
from typing import Any

DOMAIN = "messages"


class CatalogueError(RuntimeError):
    """A language's compiled catalogue is missing or older than its source."""


def translations_folder(settings: Mapping[str, Any]) -> str:
    return os.path.join(str(settings["THEME"]), "translations")


def load_catalogues(settings: Mapping[str, Any], languages: list[str]) -> dict[str, Any]:
    """Each language's translations; the source language (the first) passes words through."""
    folder = translations_folder(settings)
    catalogues: dict[str, Any] = {languages[0]: gettext.NullTranslations()}
    for code in languages[1:]:
        base = os.path.join(folder, code, "LC_MESSAGES", DOMAIN)
        source, compiled = base + ".po", base + ".mo"
        if not os.path.exists(source):
            raise CatalogueError(
                f"the theme has no messages for '{code}' ({source}): translate its words "
                "there (see docs/bilingual.md), or remove the language from LANGUAGES"
            )
        if not os.path.exists(compiled) or os.path.getmtime(compiled) < os.path.getmtime(source):
            raise CatalogueError(
                f"{compiled} is missing or older than {os.path.basename(source)}: "
                "run `make translations`"
            )
        with open(compiled, "rb") as handle:
            catalogues[code] = gettext.GNUTranslations(handle)
    return catalogues
