"""Addresses formatted from the fields their pattern names are Pelican's addresses."""

from __future__ import annotations

import copy
import datetime
from typing import Any, ClassVar

import pytest
from content_model import address_fields
from pelican.contents import Article, Content, Page
from pelican.settings import DEFAULT_CONFIG
from pelican.urlwrappers import Author, Category

HOUR_WEST = datetime.timezone(datetime.timedelta(hours=-1))
PATTERNS = [
    "posts/{date:%Y}/{slug}/index.html",
    "{lang}/posts/{date:%Y/%m}/{slug}/",
    "{category}/{author}/{slug}.html",
    "by-year/{date.year}/{slug}/",
    "{path}",
    "{department}/{slug}/",
    "{slug}-{slug}/{{literal}}/",
    "static/",
]


def settings(**overrides: Any) -> dict[str, Any]:
    found = copy.deepcopy(DEFAULT_CONFIG)
    found.update(PATH="/site/content", **overrides)
    return found


def article(pattern: str, **metadata: Any) -> Article:
    site = settings(ARTICLE_URL=pattern, ARTICLE_SAVE_AS=pattern, DRAFT_URL="drafts/" + pattern)
    fields: dict[str, Any] = {
        "title": "Flood defences",
        "date": datetime.datetime(2025, 3, 9, 10, tzinfo=datetime.UTC),
        "slug": "flood-defences",
        "department": "environment",
        "author": Author("Ann Minister", site),
        "category": Category("News and updates", site),
    }
    fields.update(metadata)
    return Article(
        "<p>Text</p>", metadata=fields, settings=site, source_path="/site/content/posts/a.md"
    )


def pelicans(content: Content, key: str) -> str:
    """What Pelican itself gives, with its whole metadata."""
    klass = {"Article": "draft" if content.status == "draft" else "article"}.get(
        type(content).__name__, type(content).__name__
    )
    name = key if content.in_default_lang else f"lang_{key}"
    return str(content.settings[f"{klass}_{name}".upper()]).format(**content.url_format)


@pytest.fixture(autouse=True)
def installed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Content, "_expand_settings", address_fields._expand_settings)


@pytest.mark.parametrize("pattern", PATTERNS)
def test_an_article_has_the_address_pelican_gives(pattern: str) -> None:
    post = article(pattern)
    assert post.save_as == pelicans(post, "save_as")
    assert post.url == pelicans(post, "url")


def test_a_draft_uses_the_draft_pattern() -> None:
    post = article("{slug}/", status="draft")
    assert post.url == "drafts/flood-defences/" == pelicans(post, "url")


def test_a_path_given_in_the_metadata_wins_over_the_source_path() -> None:
    assert article("{path}").url == "posts/a.md"
    assert article("{path}", path="elsewhere/b.md").url == "elsewhere/b.md"


def test_the_computed_fields_win_over_metadata_of_the_same_name() -> None:
    post = article("{lang}/{slug}/")
    post.metadata["slug"] = "not-this"
    post.metadata["lang"] = "xx"
    assert post.url == "en/flood-defences/" == pelicans(post, "url")


def test_a_page_without_author_or_category_gets_empty_fields() -> None:
    site = settings(PAGE_URL="{author}|{category}|{slug}/", PAGE_SAVE_AS="{slug}/index.html")
    about = "/site/content/pages/about.md"
    page = Page("<p>x</p>", metadata={"title": "About"}, settings=site, source_path=about)
    assert page.url == "||about/" == pelicans(page, "url")


def test_a_translation_uses_the_language_pattern() -> None:
    site_pattern = "{lang}/{slug}/"
    post = article("{slug}/", lang="cy")
    post.settings["ARTICLE_LANG_URL"] = site_pattern
    assert post.url == "cy/flood-defences/" == pelicans(post, "url")


def test_a_missing_field_fails_as_pelican_fails() -> None:
    post = article("{consultation}/{slug}/")
    with pytest.raises(KeyError, match="consultation"):
        _ = post.url
    with pytest.raises(KeyError, match="consultation"):
        pelicans(post, "url")


def test_a_changed_field_changes_the_address() -> None:
    post = article("posts/{date:%Y}/{slug}/")
    before = post.url
    post.slug = "sea-defences"
    assert (before, post.url) == ("posts/2025/flood-defences/", "posts/2025/sea-defences/")


@pytest.mark.parametrize(
    ("pattern", "names"),
    [
        ("posts/{date:%Y}/{slug}/", ("date", "slug")),
        ("{date.year}/{metadata[x]}/{slug!s}", ("date", "metadata", "slug")),
        ("{{not}}/{slug}{slug}", ("slug",)),
        ("{}/{slug}", None),
        ("{0}/{slug}", None),
        ("{date:{width}}", None),
        ("{slug", None),
    ],
)
def test_the_fields_a_pattern_names(pattern: str, names: tuple[str, ...] | None) -> None:
    assert address_fields.named_fields(pattern) == names


def test_a_pattern_it_cannot_read_is_left_to_pelican() -> None:
    post = article("{0}/")
    with pytest.raises(IndexError):
        _ = post.url


def test_the_same_instant_in_two_zones_gives_each_its_own_year() -> None:
    late = article(PATTERNS[0], date=datetime.datetime(2025, 12, 31, 23, 30, tzinfo=HOUR_WEST))
    early = article(PATTERNS[0], date=datetime.datetime(2026, 1, 1, 0, 30, tzinfo=datetime.UTC))
    assert late.date == early.date  # one instant
    for content in (late, early, late, early):
        assert content.save_as == pelicans(content, "save_as")
    assert late.save_as != early.save_as


class CountedDate(datetime.datetime):
    formatted: ClassVar[list[str]] = []

    def __format__(self, spec: str) -> str:
        CountedDate.formatted.append(spec)
        return super().__format__(spec)


def test_a_date_is_formatted_once_for_every_address_that_asks() -> None:
    content = article(PATTERNS[1], date=CountedDate(2025, 3, 9, 10, tzinfo=datetime.UTC))
    expected = pelicans(content, "url")
    CountedDate.formatted = []
    addresses = {content.url for _ in range(5)} | {content.save_as for _ in range(5)}
    assert addresses == {expected}
    assert CountedDate.formatted == ["%Y/%m"]
