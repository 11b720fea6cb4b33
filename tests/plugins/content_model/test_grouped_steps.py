"""Pelican's translation and period-archive steps, called a group at a time, give what
Pelican's own calls give: the same lists in the same order, and the same warnings."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta, timezone
from types import SimpleNamespace
from typing import Any

import pytest
from content_model import grouped_steps
from pelican import generators, utils
from pelican.generators import ArticlesGenerator

PLAIN_TRANSLATIONS = utils.process_translations
PLAIN_ARCHIVES = (
    getattr(ArticlesGenerator._build_period_archives, "_dialogues_by_group", None)
    or ArticlesGenerator._build_period_archives
)


def post(
    number: int, slug: str, lang: str, *, translation: str | None = None, under: str = "posts"
) -> Any:
    metadata = {"translation": translation} if translation else {}
    return SimpleNamespace(
        slug=slug,
        lang=lang,
        metadata=metadata,
        in_default_lang=lang == "en",
        source_path=f"{under}/{number}.md",
        translations=[],
    )


def posts(under: str = "posts") -> list[Any]:
    """Pelican logs a message once only, so each call gets paths of its own (`under`)."""
    found = []
    for number in range(300):
        slug = f"post-{number % 120}"  # groups of two or three
        lang = ("en", "cy", "en")[number // 120 % 3]
        translation = "true" if number % 7 == 0 else None
        found.append(post(number, slug, lang, translation=translation, under=under))
    found.append(post(900, "only-welsh", "cy", under=under))
    found.append(post(901, "all-translations", "cy", translation="true", under=under))
    return found


def names(items: list[Any]) -> list[str]:
    return [item.source_path.partition("/")[2] for item in items]


@pytest.mark.parametrize("translation_id", ["slug", ("slug", "lang"), None])
def test_translations_are_those_pelican_finds(
    translation_id: Any, caplog: pytest.LogCaptureFixture
) -> None:
    run = f"{translation_id}".replace("/", "")
    ours_input, theirs_input = posts(f"ours-{run}"), posts(f"theirs-{run}")
    with caplog.at_level(logging.WARNING):
        theirs = PLAIN_TRANSLATIONS(theirs_input, translation_id)
        theirs_warnings = [
            record.getMessage().replace(f"theirs-{run}/", "") for record in caplog.records
        ]
        caplog.clear()
        ours = grouped_steps.by_translation_group(PLAIN_TRANSLATIONS)(ours_input, translation_id)
        ours_warnings = [
            record.getMessage().replace(f"ours-{run}/", "") for record in caplog.records
        ]
    assert [names(found) for found in ours] == [names(found) for found in theirs]
    assert names(ours_input) == names(theirs_input)  # sorted in place the same way
    by_path = {names([item])[0]: item for item in theirs_input}
    for item in ours_input:
        assert names(item.translations) == names(by_path[names([item])[0]].translations)
    assert ours_warnings == theirs_warnings
    if translation_id:
        assert ours_warnings, "the example has groups Pelican warns about"


def test_a_bad_translation_id_gets_pelicans_message() -> None:
    with pytest.raises(AttributeError, match="'translation_id'"):
        grouped_steps.by_translation_group(PLAIN_TRANSLATIONS)(posts(), "no_such_field")


def dated(number: int, when: datetime) -> Any:
    return SimpleNamespace(source_path=f"posts/{number}.md", date=when)


SETTINGS = {
    "YEAR_ARCHIVE_SAVE_AS": "archives/{date:%Y}/index.html",
    "YEAR_ARCHIVE_URL": "archives/{date:%Y}/",
    "MONTH_ARCHIVE_SAVE_AS": "archives/{date:%Y}/{date:%m}/index.html",
    "MONTH_ARCHIVE_URL": "archives/{date:%Y}/{date:%m}/",
    "DAY_ARCHIVE_SAVE_AS": "archives/{date:%Y}/{date:%m}/{date:%d}/index.html",
    "DAY_ARCHIVE_URL": "archives/{date:%Y}/{date:%m}/{date:%d}/",
}


def as_names(archives: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    return {
        granularity: [
            {
                key: names(value) if key in ("dates", "articles") else value
                for key, value in archive.items()
            }
            for archive in found
        ]
        for granularity, found in archives.items()
    }


@pytest.mark.parametrize("newest_first", [True, False])
def test_period_archives_are_those_pelican_builds(newest_first: bool) -> None:
    start = datetime(2019, 11, 28, 9, 0, tzinfo=UTC)
    articles = [dated(n, start + timedelta(hours=37 * n)) for n in range(900)]
    # A post whose year, in its own zone, falls between two posts of the next year.
    articles.append(
        dated(990, datetime(2021, 12, 31, 23, 30, tzinfo=timezone(timedelta(hours=-5))))
    )
    articles.append(dated(991, datetime(2022, 1, 1, 2, 0, tzinfo=UTC)))
    sorted_articles = sorted(articles, key=lambda a: a.date, reverse=newest_first)
    generator = object.__new__(ArticlesGenerator)
    theirs = PLAIN_ARCHIVES(generator, sorted_articles, articles, SETTINGS)
    ours = grouped_steps.by_year(PLAIN_ARCHIVES)(generator, sorted_articles, articles, SETTINGS)
    assert list(ours) == list(theirs) == ["year", "month", "day"]
    assert as_names(ours) == as_names(theirs)
    assert len(theirs["year"]) >= 4


def test_installed_once_over_pelicans_own() -> None:
    grouped_steps.install()
    grouped_steps.install()  # a second plugin load wraps nothing twice
    installed = generators.process_translations
    assert getattr(installed, "_dialogues_by_group", None) is PLAIN_TRANSLATIONS
    build = ArticlesGenerator._build_period_archives
    assert getattr(build, "_dialogues_by_group", None) is PLAIN_ARCHIVES
