"""Where each source will be written, from the URL settings the build uses, so that no two
sources, and no source and one of the site's own pages (archives, tags, ...), claim one
address. Pelican would stop half way through writing, or silently overwrite one of them."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from .inventory import Source
from .problems import Problem

# The setting that places each content type, and the fields its pattern uses.
PATTERNS = {
    "post": "ARTICLE_SAVE_AS",
    "page": "PAGE_SAVE_AS",
    "consultation": "CONSULTATION_SAVE_AS",
    "response": "RESPONSE_SAVE_AS",
    "transcript": "TRANSCRIPT_SAVE_AS",
}
INDEX = "index.html"


def save_as_of(source: Source, settings: dict[str, Any]) -> str | None:
    """The output file a source is written to, or None when its front matter cannot say."""
    if source.kind == "page" and source.value("save_as"):
        return source.value("save_as")
    setting = PATTERNS.get(source.kind)
    lang = source.value("lang")
    if setting and lang and lang != settings.get("DEFAULT_LANG", "en"):
        setting = setting.replace("_SAVE_AS", "_LANG_SAVE_AS")  # Pelican's, for a translation
    pattern = settings.get(setting) if setting else None
    if not isinstance(pattern, str) or not pattern:
        return None
    fields = {
        "slug": source.slug,
        "date": source.published_at,
        "consultation": source.value("consultation"),
        "lang": source.value("lang") or settings.get("DEFAULT_LANG", "en"),
    }
    if any(f"{{{name}" in pattern and value is None for name, value in fields.items()):
        return None
    try:
        return pattern.format(**fields)
    except (KeyError, IndexError, ValueError):
        return None


def url_of(save_as: str) -> str:
    """`posts/2026/a/index.html` → `posts/2026/a/`, as people read an address."""
    return save_as.removesuffix(INDEX) if save_as.endswith("/" + INDEX) else save_as


def fixed_pages(settings: dict[str, Any]) -> dict[str, str]:
    """Output file → the setting that gives one of the site's own pages that address."""
    found: dict[str, str] = {}
    for name, value in settings.items():
        if name.endswith("_SAVE_AS") and isinstance(value, str) and value and "{" not in value:
            found.setdefault(value, name)
    return found


def address_problems(sources: list[Source], settings: dict[str, Any]) -> list[Problem]:
    claims: dict[str, list[Source]] = defaultdict(list)
    for source in sources:
        save_as = save_as_of(source, settings)
        # Two responses to one consultation are reported as such by the archive check.
        if save_as and source.kind != "response":
            claims[save_as].append(source)
    reserved = fixed_pages(settings)
    problems = []
    for save_as, claimants in claims.items():
        first, *others = claimants
        problems += [
            Problem(
                other.shown_path,
                1,
                f"has the same slug and URL ({url_of(save_as)}) as {first.shown_path}: "
                "give one of them a different Slug",
            )
            for other in others
        ]
        if save_as in reserved:
            key = "Save_as" if first.value("save_as") else "Slug"
            problems += [
                Problem(
                    claimant.shown_path,
                    claimant.line_of(key.lower()),
                    f"{key} '{claimant.value(key.lower()) or claimant.slug}' gives this "
                    f"{claimant.kind} the address of one of the site's own pages "
                    f"({url_of(save_as)}, set by {reserved[save_as]}): choose another {key}",
                )
                for claimant in claimants
            ]
    return problems
