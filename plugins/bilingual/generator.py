"""Writes each other language's home page (`/cy/`, its posts newest first) and gives each
language its own feed of posts, listed on the Subscribe page and linked from that home page.

The default language's home page and feed are the ones the site already has: Pelican lists
only originals, so they hold no translations.
"""

from __future__ import annotations

import logging
from typing import Any

from content_model.site_words import setting_in
from pelican.generators import Generator

from .languages import home_save_as, home_url, is_bilingual, name_of, site_languages

logger = logging.getLogger(__name__)

# Each language's words for its feed, which the feeds plugin writes in English otherwise.
FEED_WORDS = {
    "cy": {
        "label": "Pob postiad yn Gymraeg",
        # Only ever after "Dilynwch" and "o" (the follow line and the feeds' hidden labels),
        # which both soft-mutate what follows: "bob", not "pob".
        "follow": "bob postiad newydd yn Gymraeg",
        "description": "Pob postiad yn Gymraeg ar {site}, y diweddaraf yn gyntaf.",
    },
}


def posts_in(generators: list[Any], code: str) -> list[Any]:
    """The published, listed posts in one language, newest first."""
    found = [
        content
        for generator in generators
        for name in ("articles", "translations")
        for content in getattr(generator, name, [])
        if type(content).__name__ == "Article" and getattr(content, "lang", "") == code
    ]
    return sorted(found, key=lambda article: article.date, reverse=True)


class LanguageHomesGenerator(Generator):
    """The home page of every language but the default."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.posts: dict[str, list[Any]] = {}

    def collect(self, generators: list[Any]) -> None:
        if not is_bilingual(self.settings):
            return
        for code in site_languages(self.settings)[1:]:
            self.posts[code] = posts_in(generators, code)
        add_language_feeds(generators, self.posts, self.settings)

    def generate_output(self, writer: Any) -> None:
        for code, posts in self.posts.items():
            writer.write_file(
                home_save_as(code, self.settings),
                self.get_template("index"),
                self.context,
                relative_urls=self.settings["RELATIVE_URLS"],
                paginated={"articles": posts, "dates": posts},
                template_name="index",
                url=home_url(code, self.settings),
                page_lang=code,
            )
            logger.info("Home page in %s: %d posts", name_of(code), len(posts))


def add_language_feeds(
    generators: list[Any], posts: dict[str, list[Any]], settings: dict[str, Any]
) -> None:
    """A feed of each language's posts in the feeds plugin's catalogue (when it is on)."""
    catalog = next((getattr(g, "catalog", None) for g in generators if hasattr(g, "catalog")), None)
    if catalog is None:
        return
    from feeds.posts import PostEntries

    entries = PostEntries(catalog.addresses, catalog.clock, str(settings.get("SITE_OWNER") or ""))
    for code, written in posts.items():
        words = FEED_WORDS.get(code, {})
        name = name_of(code)
        sitename = setting_in(settings, "SITENAME", code) or catalog.sitename
        feed = catalog.add(
            f"{code}/all",
            "site",
            label=words.get("label", f"All posts in {name}"),
            title=sitename if sitename != catalog.sitename else f"{sitename} ({name})",
            follow=words.get("follow", f"every new post in {name}"),
            description=words.get("description", "Every post in {site}.").format(site=sitename),
            page_url=home_url(code, settings),
            collect=lambda written=written: [entries(article) for article in written],
            lang=code,
        )
        catalog.by_output.setdefault(home_save_as(code, settings), []).append(feed)
