"""What the theme's templates get: gettext in the page's language, the page's language, its
versions in other languages, and dates written the way each language writes them.

The language of a page is its content's `Lang`, or the `page_lang` a generator writes a
listing with (the Welsh home page), else DEFAULT_LANG; so one Jinja environment serves every
language, and a template never says which catalogue to use.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from consultations.moments import rounded_duration
from content_model.site_words import setting_in, translated
from jinja2 import pass_context
from metadata.describe import addresser
from metadata.subjects import subject_of

from .languages import home_url
from .versions import Version, versions_of


@dataclass(frozen=True)
class Clock:
    kind: str  # midnight, midday, am, pm
    hour: int  # 1 to 12
    minutes: str  # "" on the hour, else ":30"
    local: datetime  # in the site's zone


DATE_PATTERN = "d MMMM y"  # 20 Tachwedd 2026: CLDR's pattern, in each language's own words


def language_of(context: Mapping[str, Any]) -> str:
    explicit = context.get("page_lang")
    if explicit:
        return str(explicit)
    subject = subject_of(context)
    return str(getattr(subject, "lang", None) or context.get("DEFAULT_LANG") or "en")


def install(env: Any, settings: Mapping[str, Any], catalogues: Mapping[str, Any]) -> None:
    """Jinja's i18n extension with callables that pick the catalogue of the page's language."""
    default = str(settings.get("DEFAULT_LANG") or "en")
    date_format = str(settings.get("DEFAULT_DATE_FORMAT") or "%-d %B %Y")
    absolute = addresser(str(settings.get("SITEURL") or ""))

    def catalogue(context: Mapping[str, Any]) -> Any:
        return catalogues.get(language_of(context)) or catalogues[default]

    @pass_context
    def gettext(context: Any, message: str) -> str:
        return str(catalogue(context).gettext(message))

    @pass_context
    def ngettext(context: Any, singular: str, plural: str, count: int) -> str:
        return str(catalogue(context).ngettext(singular, plural, count))

    @pass_context
    def page_language(context: Any) -> str:
        return language_of(context)

    @pass_context
    def language_versions(context: Any) -> list[Version]:
        return versions_of(subject_of(context), str(context.get("output_file") or ""), settings)

    zone = ZoneInfo(str(settings.get("TIMEZONE") or "UTC"))

    @pass_context
    def local_date(context: Any, value: date | datetime) -> str:
        """A day as the page's language writes it: `20 November 2026`, `20 Tachwedd 2026`.
        The default language keeps DEFAULT_DATE_FORMAT (in the C locale, so reproducible).
        A moment is dated in the site's zone: a comment stored at 23:02 UTC on 11 July was
        made on 12 July in London, as the posts around it are dated."""
        if isinstance(value, datetime) and value.tzinfo is not None:
            value = value.astimezone(zone)
        lang = language_of(context)
        if lang == default:
            return value.strftime(date_format)
        from babel.dates import format_date

        return str(format_date(value, DATE_PATTERN, locale=lang))

    def clock_of(value: datetime) -> Clock:
        """A moment in the site's zone, in parts a template words in the page's language
        (`11:59pm on 27 November 2026`, `11:59yh ar 27 Tachwedd 2026`)."""
        local = value.astimezone(zone)
        if local.hour in (0, 12) and local.minute == 0:
            kind = "midnight" if local.hour == 0 else "midday"
        else:
            kind = "am" if local.hour < 12 else "pm"
        minutes = "" if local.minute == 0 else f":{local.minute:02d}"
        return Clock(kind, local.hour % 12 or 12, minutes, local)

    def in_site_zone(value: datetime) -> datetime:
        """A moment in the site's zone, for its day alone (`clock_of` also reads the time)."""
        return value.astimezone(zone)

    def absolute_url(url: str) -> str:
        return absolute("/" + url.lstrip("/"))

    @pass_context
    def home_path(context: Any) -> str:
        """The home page of the page's language, as templates link it after SITEURL/."""
        return home_url(language_of(context), settings)

    @pass_context
    def in_page_language(context: Any, content: Any) -> Any:
        """The version of a page (the about page, the rules) in the language of the page
        linking to it, when there is one; else the page itself."""
        versions = getattr(content, "in_language", None) or {}
        return versions.get(language_of(context), content)

    @pass_context
    def site_setting(context: Any, name: str) -> str:
        """SITENAME or SITE_OWNER in the page's language (SITE_TRANSLATIONS)."""
        return setting_in(settings, name, language_of(context))

    @pass_context
    def in_language(context: Any, entry: Any, name: str) -> str:
        """A registry entry's `name`, `role` or `summary` in the page's language: its
        `name_cy` (and so on) when the registry gives one, else the default language's."""
        return translated(entry, name, language_of(context))

    if "jinja2.ext.InternationalizationExtension" not in env.extensions:
        env.add_extension("jinja2.ext.i18n")
    env.install_gettext_callables(gettext, ngettext, newstyle=True)
    env.globals["page_language"] = page_language
    env.globals["language_versions"] = language_versions
    env.globals["absolute_url"] = absolute_url
    env.globals["clock_of"] = clock_of
    env.globals["in_site_zone"] = in_site_zone
    env.globals["rounded_duration"] = rounded_duration
    env.globals["in_language"] = in_language
    env.globals["site_setting"] = site_setting
    env.globals["home_path"] = home_path
    env.globals["in_page_language"] = in_page_language
    env.filters["local_date"] = local_date
