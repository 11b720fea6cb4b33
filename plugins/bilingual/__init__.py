"""Bilingual sites: content in English and Welsh as translation pairs, and the theme's own
words in each language from gettext message catalogues.

Pelican pairs a source with `Lang: cy` and its original's Slug as a translation (placed by
ARTICLE_LANG_SAVE_AS and PAGE_LANG_SAVE_AS); this plugin links every page to its other-language
versions (`hreflang`
in the head, a visible link at the top of the content), writes each language's home page and
feed, writes dates in the page's language, and checks pairs (see `python -m bilingual.check`).
The Jinja i18n extension is installed on every site, English only included, so templates mark
their words with `_()` whatever LANGUAGES says. See docs/bilingual.md.
"""

from __future__ import annotations

from typing import Any

from content_model.contents import every_content
from content_model.problems import BUILD_PROBLEMS, stop_build
from pelican import signals

from .generator import LanguageHomesGenerator
from .languages import LanguageSettingsError, site_languages
from .messages import CatalogueError, load_catalogues
from .pairs import pair_problems
from .templates import DATE_PATTERN, install
from .versions import attach_versions

CATALOGUES = "_DIALOGUES_CATALOGUES"


def prepare(pelican: Any) -> None:
    settings = pelican.settings
    try:
        languages = site_languages(settings)
        settings[CATALOGUES] = load_catalogues(settings, languages)
    except (LanguageSettingsError, CatalogueError) as error:
        raise stop_build(f"settings: {error}", 2) from None


def install_translations(generator: Any) -> None:
    env = getattr(generator, "env", None)
    if env is not None:
        install(env, generator.settings, generator.settings[CATALOGUES])


def date_in_its_language(content: Any) -> None:
    """Pelican writes `locale_date` with strftime in the C locale: English month names."""
    settings = getattr(content, "settings", {})
    lang = getattr(content, "lang", None)
    date = getattr(content, "date", None)
    if lang and lang != settings.get("DEFAULT_LANG") and hasattr(date, "year"):
        from babel.dates import format_date

        content.locale_date = format_date(date, DATE_PATTERN, locale=lang)


def add_generator(pelican: Any) -> type[LanguageHomesGenerator]:
    return LanguageHomesGenerator


def pair_and_check(generators: list[Any]) -> None:
    settings = generators[0].settings
    attach_versions(every_content(generators), settings)
    BUILD_PROBLEMS.extend(pair_problems(settings))
    for generator in generators:
        if isinstance(generator, LanguageHomesGenerator):
            generator.collect(generators)


def register() -> None:
    signals.initialized.connect(prepare)
    signals.generator_init.connect(install_translations)
    signals.content_object_init.connect(date_in_its_language)
    signals.get_generators.connect(add_generator)
    signals.all_generators_finalized.connect(pair_and_check)
