"""The search plugin's settings, merged over defaults and checked together.

Every mistake is reported at once with the setting's name. Exclusion selectors are checked
here because Pagefind's own parser crashes on the combinators it does not support.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

# Boilerplate that sits inside indexed pages but describes no content: indexing it would make
# "moderator" or "feed" match every page. Pagefind understands descendant (` `) and child
# (`>`) combinators only, so these name the elements themselves.
DEFAULT_IGNORE: tuple[str, ...] = (
    ".dialogues-pre-election-banner",
    ".dialogues-subscribe",
    ".dialogues-comment__tombstone",
    ".dialogues-comment__permalink",
    ".dialogues-comments > h3",
    ".dialogues-comments > p",
    ".dialogues-comments > .govuk-inset-text",
)

# Megabytes (10**6 bytes) of indexed HTML per Pagefind run. Pagefind holds what it indexes in
# memory, about 8 MiB per MB of HTML, so 12 MB keeps each run near 100 MiB; and a rebuild
# indexes again the part of each changed page, which Pagefind takes about 2.7 s per 1,000 pages
# to do, so smaller parts publish sooner, at the price of more requests from the search page
# (docs/performance.md, "The search index in parts" and "Sitemap titles kept, and the search
# index in smaller parts").
DEFAULT_PART_SIZE = 12

DEFAULTS: dict[str, Any] = {
    "SEARCH_SAVE_AS": "search/index.html",
    "SEARCH_URL": None,  # from SEARCH_SAVE_AS and INDEX_SUFFIX
    "SEARCH_IGNORE": DEFAULT_IGNORE,
    "SEARCH_PART_SIZE": DEFAULT_PART_SIZE,
}

# The folder Pagefind writes its index into, under the output (PUBLISHED_URLS_IGNORE names it).
BUNDLE_FOLDER = "pagefind"
SAVE_AS = re.compile(r"^[a-z0-9_-]+(/[a-z0-9_-]+)*\.html$")
UNSUPPORTED_COMBINATORS = re.compile(r"[~+]")


class SearchSettingsError(ValueError):
    """One or more search settings are wrong; the message names each one."""


@dataclass(frozen=True)
class SearchSettings:
    save_as: str  # the search page's output file, e.g. "search/index.html"
    url: str  # how templates link to it, e.g. "search/" or "search/index.html"
    ignore: tuple[str, ...]  # CSS selectors Pagefind leaves out of indexed pages
    part_size: int = DEFAULT_PART_SIZE * 1_000_000  # bytes of HTML per Pagefind run (parts.py)

    @property
    def script_save_as(self) -> str:
        """The search page's script sits beside it."""
        folder = self.save_as.rpartition("/")[0]
        return f"{folder}/search.js" if folder else "search.js"


def _url_for(save_as: str, index_suffix: str) -> str:
    if save_as.endswith("/index.html"):
        return save_as.removesuffix("index.html") + index_suffix
    return save_as


def search_settings(settings: dict[str, Any]) -> SearchSettings:
    """The checked settings; raises SearchSettingsError listing every problem."""
    merged = {name: settings.get(name, default) for name, default in DEFAULTS.items()}
    problems: list[str] = []

    save_as = merged["SEARCH_SAVE_AS"]
    if not isinstance(save_as, str) or not SAVE_AS.match(save_as):
        problems.append(
            f"SEARCH_SAVE_AS {save_as!r} must be a relative .html path of lowercase letters, "
            "digits, hyphens and slashes, such as 'search/index.html'"
        )
        save_as = DEFAULTS["SEARCH_SAVE_AS"]
    url = merged["SEARCH_URL"]
    if url is None:
        url = _url_for(save_as, str(settings.get("INDEX_SUFFIX") or ""))
    elif not isinstance(url, str) or url.startswith(("/", "http:", "https:")):
        problems.append(f"SEARCH_URL {url!r} must be a path relative to SITEURL, such as 'search/'")

    ignore = merged["SEARCH_IGNORE"]
    if isinstance(ignore, str) or not isinstance(ignore, list | tuple):
        problems.append(f"SEARCH_IGNORE {ignore!r} must be a list of CSS selectors")
        ignore = ()
    for selector in ignore:
        if not isinstance(selector, str) or not selector.strip():
            problems.append(f"SEARCH_IGNORE has {selector!r}: each entry must be a CSS selector")
        elif UNSUPPORTED_COMBINATORS.search(selector):
            problems.append(
                f"SEARCH_IGNORE selector {selector!r} uses '~' or '+', which Pagefind does not "
                "support: name the elements with a class, or use ' ' or '>'"
            )
    part_size = merged["SEARCH_PART_SIZE"]
    if (
        isinstance(part_size, bool)
        or not isinstance(part_size, int | float)
        or not 0 < part_size < math.inf
    ):
        problems.append(
            f"SEARCH_PART_SIZE {part_size!r} must be a positive number of megabytes of HTML "
            f"indexed by each run of Pagefind, such as {DEFAULT_PART_SIZE}"
        )
        part_size = DEFAULT_PART_SIZE
    if problems:
        raise SearchSettingsError("; ".join(problems))
    return SearchSettings(
        save_as=save_as,
        url=url,
        ignore=tuple(s.strip() for s in ignore),
        part_size=max(1, round(part_size * 1_000_000)),
    )
