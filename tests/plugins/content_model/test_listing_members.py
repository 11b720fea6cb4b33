"""Tag, category and author pages written with sets (content_model/listing_members.py): Pelican
is handed the same posts, in the same date order, as its own search finds."""

from __future__ import annotations

import pickle
from typing import Any

from content_model import listing_members
from pelican.generators import ArticlesGenerator


class Named:
    """A tag, category or author as Pelican's writing loop uses one."""

    def __init__(self, name: str) -> None:
        self.name = self.slug = self.page_name = name
        self.save_as = f"{name}.html"
        self.url = f"{name}.html"

    def __lt__(self, other: Named) -> bool:
        return self.name < other.name


class Post:
    def __init__(self, number: int) -> None:
        self.number = number


class Generator:
    """What Pelican's tag, category and author loops read from the generator."""

    def __init__(self) -> None:
        posts = [Post(n) for n in range(30)]
        self.articles = posts
        self.dates = sorted(posts, key=lambda post: -post.number)
        self.context: dict[str, Any] = {}
        self.tags: dict[Named, list[Post]] = {Named(f"tag-{k}"): posts[k::3] for k in range(3)}
        # A post listed twice, and one that is not among the dates (held back).
        self.tags[Named("tag-odd")] = [posts[4], posts[4], Post(99), posts[2]]
        self.categories = [(Named("news"), posts[::2]), (Named("blogs"), posts[1::2])]
        self.authors = [(Named("a-minister"), posts[5:25])]

    def get_template(self, name: str) -> str:
        return name


def _written(method: Any, generator: Generator) -> list[tuple[str, list[int], list[int]]]:
    found: list[tuple[str, list[int], list[int]]] = []

    def write(name: str, *_: Any, articles: list[Any], dates: list[Any], **__: Any) -> None:
        found.append((name, [post.number for post in articles], [post.number for post in dates]))

    method(generator, write)
    return found


def test_each_listing_page_is_handed_what_pelican_s_own_search_finds() -> None:
    listing_members.install()
    listing_members.install()  # twice: one wrapper
    for name in ("generate_tags", "generate_categories", "generate_authors"):
        method = getattr(ArticlesGenerator, name)
        generator = Generator()
        held = (generator.tags, generator.categories, generator.authors, generator.dates)

        written = _written(method, generator)
        expected = _written(method.__wrapped__, Generator())

        assert written == expected
        assert written and all(dates for _, _, dates in written)
        assert all(dates == sorted(dates, reverse=True) for _, _, dates in written)
        assert not hasattr(method.__wrapped__, "__wrapped__")
        now = (generator.tags, generator.categories, generator.authors, generator.dates)
        assert all(a is b for a, b in zip(now, held, strict=True))


def test_members_answer_by_identity_and_pickle_as_the_plain_list() -> None:
    first, second = Post(1), Post(2)
    members = listing_members.Members([first])

    assert first in members and second not in members and Post(1) not in members
    assert pickle.dumps(members) == pickle.dumps(listing_members.Members([first]))
    assert type(pickle.loads(pickle.dumps([members]))[0]) is list


def test_each_group_is_searched_for_its_own_posts_only(monkeypatch: Any) -> None:
    """Not every post of the site for every tag: the searches grow with the posts tagged."""
    listing_members.install()
    asked: list[object] = []
    answer = listing_members.Members.__contains__
    monkeypatch.setattr(
        listing_members.Members,
        "__contains__",
        lambda self, item: asked.append(item) or answer(self, item),
    )
    generator = Generator()

    _written(ArticlesGenerator.generate_tags, generator)

    tagged = sum(len(set(map(id, posts))) for posts in Generator().tags.values())
    assert 0 < len(asked) <= tagged < len(generator.dates) * len(generator.tags)
