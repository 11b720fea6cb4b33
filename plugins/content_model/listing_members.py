"""Pelican's tag, category and author pages, with each page's posts found in a set.

Pelican 4.12 lists a tag's posts in date order with `[a for a in self.dates if a in articles]`:
a search of the tag's list for every post of the site, for every tag. At 5,000 posts and 240
tags that is a second of every build, in each writing process, even when every page is kept.
While Pelican writes those pages, each list it searches is a `Members` list, which answers
`in` from a set of its items' identities (content objects compare by identity, so the answer
is the same); everything else, including what is written, is Pelican's own.

That still asked every post of the site about every tag: 1.2 million calls at 5,000 posts
(0.3 s in each writing process), 4.8 million at 20,000. So while Pelican goes through the
tags (categories, authors), each group, as it is handed out, first sets the generator's
`dates` to the posts of `dates` that are in that group, in their order: Pelican's search
then goes through those alone and finds the same list.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
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


class _Groups:
    """Pelican's tags (a dict) or categories and authors (a list of pairs), handed out as
    Members; as each group is handed out, the generator's `dates` become that group's."""

    def __init__(self, generator: Any, grouped: Any, dates: list[Any]) -> None:
        self.generator = generator
        self.pairs = list(grouped.items() if isinstance(grouped, dict) else grouped)
        self.dates = dates
        self.places: dict[int, list[int]] = {}
        for place, post in enumerate(dates):
            self.places.setdefault(id(post), []).append(place)

    def _handed_out(self) -> Iterator[tuple[Any, Members]]:
        for key, items in self.pairs:
            members = Members(items)
            found = {place for i in members._identities for place in self.places.get(i, ())}
            self.generator.dates = [self.dates[place] for place in sorted(found)]
            yield key, members

    def items(self) -> Iterator[tuple[Any, Members]]:  # the tags: a dict
        return self._handed_out()

    def __iter__(self) -> Iterator[tuple[Any, Members]]:  # categories and authors
        return self._handed_out()


def _searching_sets(name: str, attribute: str) -> Callable[..., Any]:
    original = getattr(ArticlesGenerator, name)

    def generate(self: Any, write: Any) -> Any:
        held, dates = getattr(self, attribute), self.dates
        setattr(self, attribute, _Groups(self, held, dates))
        try:
            return original(self, write)
        finally:
            setattr(self, attribute, held)
            self.dates = dates

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
