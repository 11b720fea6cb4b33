"""The HTML sitemap's sections: one per top-level folder, in the order readers look for them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .entries import Entry

# (first folder of the URL path, heading); "" is the site's own top-level pages.
DEFAULT_SECTIONS: tuple[tuple[str, str], ...] = (
    ("posts", "Posts"),
    ("consultations", "Consultations"),
    ("responses", "Responses to consultations"),
    ("transcripts", "Transcripts"),
    ("departments", "Departments"),
    ("people", "People"),
    ("tags", "Tags"),
    ("archives", "Archives"),
    ("", "About this site"),
)


@dataclass(frozen=True)
class Section:
    key: str
    heading: str
    entries: tuple[Entry, ...]

    @property
    def anchor(self) -> str:
        return f"section-{self.key or 'site'}"


def _order(section_key: str) -> Callable[[Entry], tuple]:
    index_path = f"/{section_key}/"

    def key(entry: Entry) -> tuple:
        published = -entry.published.timestamp() if entry.published else 0.0
        return (entry.path != index_path, published, entry.title.casefold(), entry.path)

    return key


def sections_for(
    entries: Iterable[Entry], headings: Iterable[tuple[str, str]] = DEFAULT_SECTIONS
) -> list[Section]:
    """Known sections first, in table order; unknown folders after them, alphabetically.
    Continuation pages of listings and the home page are left out: readers want the first."""
    known = dict(headings)
    grouped: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        if entry.continuation or entry.path == "/":
            continue
        grouped[entry.section].append(entry)
    order = [key for key in known if key in grouped]
    order += sorted(key for key in grouped if key not in known)
    return [
        Section(
            key,
            known.get(key) or key.replace("-", " ").capitalize(),
            tuple(sorted(grouped[key], key=_order(key))),
        )
        for key in order
    ]
