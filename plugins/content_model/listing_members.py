"""Pelican's tag, category and author pages, with each page's posts found in a set.

Pelican 4.12 lists a tag's posts in date order with `[a for a in self.dates if a in articles]`:
a search of the tag's list for every post of the site, for every tag. At 5,000 posts and 240
tags that is a second of every build, in each writing process, even when every page is kept.
While Pelican writes those pages, each list it searches is a `Members` list, which answers
`in` from a set of its items' identities (content objects compare by identity, so the answer
is the same); everything else, including what is written, is Pelican's own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pelican.generators import ArticlesGenerator


class Members(list):  # type: ignore[type-arg]
    """A list that is not changed while it is read, searched by identity in a set."""

    __slots__ = ("_identities",)

    def __init__(self, items: list[Any]) -> None:
        super().__init__(items)
        self._identities = {id(item) for item in items}

    def __contains__(self, item: object) -> bool:
        return id(item) in self._identities

    def __reduce__(self) -> tuple[Any, ...]:
        return (list, (list(self),))  # digested and copied as the plain list it stands for


def _members_of(grouped: Any) -> Any:
    """Pelican's tags (a dict) or categories and authors (a list of pairs), as Members."""
    if isinstance(grouped, dict):
        return {key: Members(items) for key, items in grouped.items()}
    return [(key, Members(items)) for key, items in grouped]


def _searching_sets(name: str, attribute: str) -> Callable[..., Any]:
    original = getattr(ArticlesGenerator, name)

    def generate(self: Any, write: Any) -> Any:
        held = getattr(self, attribute)
        setattr(self, attribute, _members_of(held))
        try:
            return original(self, write)
        finally:
            setattr(self, attribute, held)

    generate.__wrapped__ = original  # type: ignore[attr-defined]
    return generate


def install() -> None:
    """Once per process (a second call leaves the first in place)."""
    for name, attribute in (
        ("generate_tags", "tags"),
        ("generate_categories", "categories"),
        ("generate_authors", "authors"),
    ):
        if not hasattr(getattr(ArticlesGenerator, name), "__wrapped__"):
            setattr(ArticlesGenerator, name, _searching_sets(name, attribute))
