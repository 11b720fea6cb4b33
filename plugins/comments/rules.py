"""The discussion rules, read from the published rules page, so a tombstone can name its rule."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bs4 import BeautifulSoup


@dataclass(frozen=True)
class Rule:
    anchor: str  # rule-3
    title: str  # the heading text, e.g. "Rule 3: No hate, threats or harassment"
    url: str  # the rules page URL with the anchor, relative to the site root

    @property
    def number(self) -> str:
        return self.anchor.removeprefix("rule-")


def rules_from_page(page: Any | None) -> dict[str, Rule]:
    """Every element with an id `rule-N` on the rules page, by anchor."""
    if page is None:
        return {}
    html = BeautifulSoup(page.content, "html.parser")
    rules = {}
    for element in html.find_all(id=True):
        anchor = str(element["id"])
        if anchor.startswith("rule-"):
            title = " ".join(element.get_text(" ").split())
            rules[anchor] = Rule(anchor, title, f"{page.url}#{anchor}")
    return rules


def rules_by_language(page: Any | None) -> dict[str, tuple[Any, dict[str, Rule]]]:
    """The rules page in each of its translations' languages, with its rules: a Welsh page
    sends its readers to the Welsh rules, and its tombstones cite them. A rule a translation
    lacks keeps the original's (same anchors, docs/bilingual.md)."""
    if page is None:
        return {}
    original = rules_from_page(page)
    found = {str(getattr(page, "lang", "")): (page, original)}
    for translation in getattr(page, "translations", None) or []:
        rules = {**original, **rules_from_page(translation)}
        found[str(getattr(translation, "lang", ""))] = (translation, rules)
    return found
