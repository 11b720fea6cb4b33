"""English and Welsh as translation pairs: both pages built, each linking the other with
hreflang, the theme's words in the page's language from the message catalogue, dates in
Welsh, a home page and a feed per language, comments kept on their own page's thread, and
`make check` reporting a translation that is missing its original or older than it."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup

from tests.conftest import CONTENT, REPO, SEED_COMMENTS, Build

THEME = REPO / "themes" / "dialogues"
CATALOGUE = THEME / "translations" / "cy" / "LC_MESSAGES" / "messages.po"
ATOM = {"a": "http://www.w3.org/2005/Atom"}
PAIRS = {  # English page → its Welsh translation, in the example site
    "about/index.html": "cy/about/index.html",
    "posts/2026/engagement-review-two-years-on/index.html": (
        "cy/posts/2026/engagement-review-two-years-on/index.html"
    ),
    "posts/2026/this-blog-during-the-pre-election-period/index.html": (
        "cy/posts/2026/this-blog-during-the-pre-election-period/index.html"
    ),
    "index.html": "cy/index.html",
    "discussion-rules/index.html": "cy/discussion-rules/index.html",
}


def welsh(message: str) -> str:
    """The catalogue's Welsh for one of the theme's English words."""
    with CATALOGUE.open("rb") as handle:
        catalogue = read_po(handle, locale="cy")
    found = catalogue[message]
    assert found is not None and found.string, message
    return found.string if isinstance(found.string, str) else found.string[1]


def soup(build: Build, page: str) -> BeautifulSoup:
    return BeautifulSoup(build.read(page), "html.parser")


def url_path(page: str) -> str:
    return "/" + page.removesuffix("index.html")


def welsh_sources() -> list[Path]:
    return sorted(
        source
        for folder in ("posts", "pages")
        for source in (CONTENT / folder).rglob("*.md")
        if "\nLang: cy\n" in source.read_text(encoding="utf-8").split("\n\n", 1)[0] + "\n"
    )


def test_each_page_of_a_pair_links_the_other_with_hreflang(example_build: Build) -> None:
    for english, cymraeg in PAIRS.items():
        for page, lang, other, other_lang in (
            (english, "en", cymraeg, "cy"),
            (cymraeg, "cy", english, "en"),
        ):
            html = soup(example_build, page)
            assert html.html["lang"] == lang, page
            alternates = {
                link["hreflang"]: link["href"]
                for link in html.head.find_all("link", rel="alternate", hreflang=True)
            }
            assert alternates == {
                "en": url_path(english),
                "cy": url_path(cymraeg),
                "x-default": url_path(english),
            }, page
            visible = html.find("nav", class_="dialogues-language-links").find_all("a")
            assert len(visible) == 1, page
            assert visible[0]["hreflang"] == visible[0]["lang"] == other_lang
            assert visible[0].get_text() == {"en": "English", "cy": "Cymraeg"}[other_lang]
            target = (example_build.output / page).parent / visible[0]["href"]
            assert target.resolve() == (example_build.output / other).resolve(), page


def test_a_page_without_a_translation_has_no_language_links(example_build: Build) -> None:
    html = soup(example_build, "privacy-notice/index.html")
    assert not html.head.find_all("link", hreflang=True)
    assert html.find("nav", class_="dialogues-language-links") is None


def test_the_theme_speaks_the_language_of_the_page(example_build: Build) -> None:
    words = ["Home", "Consultations", "Departments", "People", "Tags", "Archives"]
    for page, lang in (("cy/about/index.html", "cy"), ("about/index.html", "en")):
        html = soup(example_build, page)
        navigation = [
            a.get_text(strip=True)
            for a in html.find(class_="govuk-service-navigation").find_all("a")
        ]
        expected = [welsh(word) if lang == "cy" else word for word in words]
        assert navigation[: len(words)] == expected, page
        skip = html.find("a", class_="govuk-skip-link").get_text(strip=True)
        assert skip == (welsh("Skip to main content") if lang == "cy" else "Skip to main content")
        footer = html.find("footer").get_text(" ", strip=True)
        copyright_text = welsh("Crown copyright") if lang == "cy" else "Crown copyright"
        assert copyright_text in footer
    post = soup(example_build, PAIRS["posts/2026/engagement-review-two-years-on/index.html"])
    terms = [dt.get_text(strip=True) for dt in post.find_all("dt")]
    assert welsh("Published:") in terms and "Published:" not in terms
    comments = post.find(id="comments").find_parent("section").get_text(" ", strip=True)
    assert welsh("How to comment") in comments


def test_a_welsh_page_sends_its_readers_to_the_welsh_discussion_rules(
    example_build: Build,
) -> None:
    """ "Darllenwch ein rheolau trafod yn gyntaf" linked the English rules, though the Welsh
    ones exist with the same anchors; the English page keeps the English rules."""
    for english_page, rules in (
        ("posts/2026/engagement-review-two-years-on/index.html", "discussion-rules/index.html"),
        (
            PAIRS["posts/2026/engagement-review-two-years-on/index.html"],
            PAIRS["discussion-rules/index.html"],
        ),
    ):
        section = soup(example_build, english_page).find(id="how-to-comment").find_parent()
        links = [a for a in section.find_all("a") if "discussion-rules" in a["href"]]
        assert links, english_page
        for link in links:
            target = (example_build.output / english_page).parent / link["href"]
            assert target.resolve() == (example_build.output / rules).resolve(), english_page


def test_the_welsh_feed_line_mutates_after_the_verb_and_the_preposition(
    example_build: Build,
) -> None:
    """ "Dilynwch pob postiad" and "Ffrwd Atom o pob postiad" are not Welsh: both the
    imperative's object and what follows "o" take the soft mutation, "bob"."""
    line = soup(example_build, "cy/index.html").find(class_="dialogues-subscribe")
    text = " ".join(line.get_text(" ").split())
    assert "Dilynwch bob postiad newydd yn Gymraeg" in text
    assert "o bob postiad newydd yn Gymraeg" in text
    assert " pob postiad" not in text


def test_dates_on_welsh_pages_are_written_in_welsh(example_build: Build) -> None:
    post = soup(example_build, PAIRS["posts/2026/engagement-review-two-years-on/index.html"])
    published = post.find("dt", string=welsh("Published:")).find_next("dd").find("time")
    assert published["datetime"].startswith("2026-11-12")
    assert published.get_text() == "12 Tachwedd 2026"  # November, in Welsh
    english = soup(example_build, "posts/2026/engagement-review-two-years-on/index.html")
    assert english.find("dt", string="Published:").find_next("dd").get_text(strip=True) == (
        "10 November 2026"
    )


def test_the_welsh_home_page_lists_the_welsh_posts_and_the_english_one_does_not(
    example_build: Build,
) -> None:
    titles = {
        re.search(r"^Title: (.*)$", source.read_text(encoding="utf-8"), re.M).group(1)
        for source in welsh_sources()
        if source.parts[-3] == "posts"
    }
    cymraeg = soup(example_build, "cy/index.html")
    listed = {h.get_text(strip=True) for h in cymraeg.select(".dialogues-post-list__title a")}
    assert listed == titles and len(titles) >= 2
    assert cymraeg.find("h2", string=welsh("Latest posts"))
    english = soup(example_build, "index.html").get_text()
    assert not any(title in english for title in titles)


def test_each_language_has_its_own_feed(example_build: Build) -> None:
    def entries(feed: str) -> set[str]:
        tree = ElementTree.parse(example_build.output / feed)
        return {
            link.get("href", "")
            for entry in tree.getroot().findall("a:entry", ATOM)
            for link in entry.findall("a:link", ATOM)
        }

    cymraeg = entries("feeds/cy/all.atom.xml")
    english = entries("feeds/all.atom.xml")
    assert cymraeg and all("/cy/posts/" in link for link in cymraeg)
    assert not any("/cy/" in link for link in english)
    head = soup(example_build, "cy/index.html").head
    assert head.find("link", type="application/atom+xml", href=re.compile("feeds/cy/all.atom"))
    subscribe = soup(example_build, "subscribe/index.html").find("main")
    assert subscribe.find("a", href=re.compile("feeds/cy/all.atom.xml"))


def test_comments_stay_on_their_own_pages_thread(example_build: Build) -> None:
    seeded = json.loads(SEED_COMMENTS.read_text(encoding="utf-8"))["comments"]
    english_path = "/posts/2026/engagement-review-two-years-on/"
    approved = [c for c in seeded if c["thread"] == english_path and c["status"] == "approved"]
    assert approved
    english = soup(example_build, "posts/2026/engagement-review-two-years-on/index.html")
    cymraeg = soup(example_build, PAIRS["posts/2026/engagement-review-two-years-on/index.html"])
    for comment in approved:
        assert english.find(id=f"comment-{comment['id']}") is not None
        assert cymraeg.find(id=f"comment-{comment['id']}") is None
    assert cymraeg.find(string=welsh("No comments yet."))


def test_removed_comments_cite_the_original_rules_not_their_translation(
    example_build: Build,
) -> None:
    cited = [
        link["href"]
        for page in example_build.pages()
        if not str(page.relative_to(example_build.output)).startswith("cy/")
        for tombstone in soup(example_build, str(page.relative_to(example_build.output))).select(
            ".dialogues-comment__tombstone"
        )
        for link in tombstone.find_all("a")
    ]
    assert cited
    assert all("#rule-" in href and "/cy/" not in href for href in cited), cited
    rules = soup(example_build, "cy/discussion-rules/index.html")
    anchors = {h["id"] for h in rules.find_all(["h2"], id=re.compile(r"^rule-"))}
    english = soup(example_build, "discussion-rules/index.html")
    assert anchors == {h["id"] for h in english.find_all(["h2"], id=re.compile(r"^rule-"))}


def test_every_word_of_the_theme_has_a_welsh_translation() -> None:
    options = {"extensions": "jinja2.ext.i18n", "trim_blocks": "True", "lstrip_blocks": "True"}
    extracted = {
        message[2] if isinstance(message[2], str) else message[2][0]
        for message in extract_from_dir(
            str(THEME / "templates"),
            method_map=[("**.html", "jinja2")],
            options_map={"**.html": options},
        )
    }
    with CATALOGUE.open("rb") as handle:
        catalogue = read_po(handle, locale="cy")

    def translated(message: str) -> bool:
        entry = catalogue[message]
        if entry is None or entry.fuzzy:
            return False
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        return all(strings)

    untranslated = sorted(message for message in extracted if not translated(message))
    assert len(extracted) > 50
    assert untranslated == [], "run `make messages` and translate these in " + str(CATALOGUE)


def run_translation_check(content: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bilingual.check", "-s", "pelicanconf.py", str(content)],
        cwd=REPO,
        env={"PYTHONPATH": "plugins", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def replace_line(path: Path, start: str, new: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines) if line.startswith(start))
    lines[number] = new
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return number + 1


def test_the_example_translations_pass_the_check() -> None:
    result = run_translation_check(CONTENT)
    assert result.returncode == 0, result.stdout
    assert "complete and up to date" in result.stdout


def test_an_out_of_date_or_orphaned_translation_fails_the_check_and_the_build(
    site_copy: Path, build_site
) -> None:
    original = site_copy / "pages" / "about.md"
    replace_line(original, "Modified:", "Modified: 2026-11-01 09:00")
    translation = site_copy / "pages" / "cy" / "about.md"
    modified_line = next(
        n
        for n, line in enumerate(translation.read_text().splitlines(), 1)
        if line.startswith("Modified:")
    )
    orphan = site_copy / "posts" / "cy" / "2026-11-engagement-review-two-years-on.md"
    replace_line(orphan, "Slug:", "Slug: no-such-original")
    french = site_copy / "posts" / "cy" / "2026-03-this-blog-during-the-pre-election-period.md"
    lang_line = replace_line(french, "Lang:", "Lang: fr")

    check = run_translation_check(site_copy)
    build = build_site(site_copy)

    lines = check.stdout.splitlines()
    assert check.returncode == 1
    assert any(
        f"pages/cy/about.md:{modified_line}: this Cymraeg translation is out of date" in line
        for line in lines
    ), check.stdout
    assert any(
        "posts/cy/2026-11-engagement-review-two-years-on.md:" in line
        and "has no English original with Slug 'no-such-original'" in line
        for line in lines
    ), check.stdout
    assert any(
        f"2026-03-this-blog-during-the-pre-election-period.md:{lang_line}: Lang 'fr'" in line
        for line in lines
    ), check.stdout
    assert build.returncode != 0
    assert "pages/cy/about.md" in build.log and "out of date" in build.log
    assert not (build.output / "index.html").exists()


def test_a_page_bilingual_required_names_must_be_translated(site_copy: Path) -> None:
    (site_copy / "pages" / "cy" / "about.md").unlink()
    result = run_translation_check(site_copy)
    assert result.returncode == 1
    assert "pages/about.md:1: has no Cymraeg translation, which BILINGUAL_REQUIRED" in (
        result.stdout
    )


def test_an_english_only_site_has_no_welsh_and_no_language_links(
    site_copy: Path, build_site
) -> None:
    for folder in ("posts/cy", "pages/cy", "consultations/cy"):
        shutil.rmtree(site_copy / folder)
    listed = site_copy / "published-urls.txt"  # an English-only site never published /cy/
    kept = [line for line in listed.read_text().splitlines() if "/cy/" not in line]
    listed.write_text("\n".join(kept) + "\n")
    english_only = {"LANGUAGES": '["en"]', "BILINGUAL_REQUIRED": "[]"}
    build = build_site(site_copy, extra_settings=english_only)

    assert build.returncode == 0, build.log
    assert not (build.output / "cy").exists()
    assert not (build.output / "feeds" / "cy").exists()
    for page in PAIRS:
        html = soup(build, page)
        assert html.html["lang"] == "en"
        assert not html.head.find_all("link", hreflang=True)
        assert html.find("nav", class_="dialogues-language-links") is None


def test_a_missing_compiled_catalogue_stops_the_build_and_says_what_to_run(
    tmp_path: Path, build_site
) -> None:
    theme = tmp_path / "theme"
    shutil.copytree(THEME, theme)
    compiled = theme / "translations" / "cy" / "LC_MESSAGES" / "messages.mo"
    compiled.unlink(missing_ok=True)
    build = build_site(CONTENT, extra_settings={"THEME": json.dumps(str(theme))})
    assert build.returncode == 2
    assert "messages.mo is missing or older than messages.po: run `make translations`" in (
        build.log
    )


@pytest.mark.parametrize("setting", ['["cy"]', '"en"'])
def test_languages_without_the_default_language_is_a_settings_error(
    build_site, setting: str
) -> None:
    build = build_site(CONTENT, extra_settings={"LANGUAGES": setting})
    assert build.returncode == 2
    assert "error: settings: LANGUAGES" in build.log


WELSH_CONSULTATION = "cy/consultations/allergen-labelling-blog/index.html"
ENGLISH_CONSULTATION = "consultations/allergen-labelling-blog/index.html"
# English words that came from settings, registries and GOV.UK components, not the catalogue.
KNOWN_ENGLISH = [
    "Dialogues: government blogs and consultations",
    "The Cabinet Office Digital Engagement Team",
    "Cabinet Office",
    "Food Safety Agency",
    "Minister for Digital Government",
    "Head of Digital Engagement",
    "Director of Allergy Policy",
    "every new post",
    "Breadcrumb",
]


def theme_words_that_change_in_welsh() -> list[str]:
    """The catalogue's English words whose Welsh differs, without their placeholders: each
    part of a message between placeholders and markup that has a whole word in it."""
    with CATALOGUE.open("rb") as handle:
        catalogue = read_po(handle, locale="cy")
    words = set()
    for message in catalogue:
        if not message.id:
            continue
        english = (message.id,) if isinstance(message.id, str) else message.id
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in english:
            if text in strings:
                continue  # the same in both languages (Blog, Panel)
            for part in re.split(r"%\(\w+\)s|<[^>]+>", text):
                part = part.strip(" .,:;()“”")
                if (len(part) > 3 and " " in part) or (part.istitle() and len(part) > 3):
                    words.add(part)
    return sorted(words)


def theme_text(page: BeautifulSoup) -> list[str]:
    """What the theme writes on a page: its text and labels, without the content (prose,
    summary, titles of what it links), the comments, the language link and search filters."""
    for selector in (
        ".dialogues-prose",
        ".dialogues-lead",
        ".dialogues-language-links",
        ".dialogues-comments",
        "#comments ~ *",
        "script",
        "meta[name^=dialogues-]",  # search filters: one vocabulary across languages
    ):
        for element in page.select(selector):
            element.decompose()
    for element in page.select("body [lang]"):  # a part marked as English (a licence's name)
        if element.get("lang") != "cy":
            element.decompose()
    texts = [" ".join(text.split()) for text in page.find_all(string=True)]
    for element in page.find_all(True):
        for attribute in ("aria-label", "title", "alt", "content"):
            if element.get(attribute):
                texts.append(str(element[attribute]))
    return [text for text in texts if text]


def test_welsh_pages_have_no_english_words_of_the_theme(example_build: Build) -> None:
    """Every Welsh page, outside its content, comments and language link, has none of the
    theme's English words that Welsh translates, nor the known English of settings,
    registries and GOV.UK components."""
    theme_words = theme_words_that_change_in_welsh()
    assert {"Closes", "How to take part", "Who took part", "Previous"} <= set(theme_words)
    welsh_pages = sorted((example_build.output / "cy").rglob("*.html"))
    assert WELSH_CONSULTATION in {str(p.relative_to(example_build.output)) for p in welsh_pages}
    found = []
    for path in welsh_pages:
        texts = theme_text(BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser"))
        for text in texts:
            for word in [*theme_words, *KNOWN_ENGLISH]:
                if re.search(rf"(?<![\w\u2019']){re.escape(word)}(?![\w\u2019'])", text):
                    found.append(f"{path.relative_to(example_build.output)}: {word!r} in {text!r}")
    assert found == []


def test_a_consultation_and_its_welsh_translation_link_each_other(example_build: Build) -> None:
    english, welsh_page = (
        soup(example_build, ENGLISH_CONSULTATION),
        soup(example_build, WELSH_CONSULTATION),
    )
    assert welsh_page.html["lang"] == "cy"
    for page, other in ((english, WELSH_CONSULTATION), (welsh_page, ENGLISH_CONSULTATION)):
        hreflangs = {link["hreflang"]: link["href"] for link in page.select("link[hreflang]")}
        assert set(hreflangs) == {"en", "cy", "x-default"}
        assert any(url_path(other) in href for href in hreflangs.values())
        switch = page.select_one(".dialogues-language-links a")
        assert switch is not None and other in switch["href"]
    banner = welsh_page.select_one(".dialogues-phase-banner").get_text(" ", strip=True)
    assert (
        welsh("Open") in banner
        and welsh("This consultation is open. It closes at %(closes)s.").split("%")[0] in banner
    )
    assert "11:59yh ar 27 Tachwedd 2026" in banner
    assert welsh_page.select_one(".dialogues-phase-tag").get_text(strip=True) == welsh("Open")
    caption = welsh_page.select_one(".govuk-caption-l").get_text(strip=True)
    assert caption == "Ymgynghoriad gan Yr Asiantaeth Diogelwch Bwyd"
    assert "Cyfarwyddwr Polisi Alergeddau" in welsh_page.get_text()
    rules = welsh_page.find("a", string="rheolau trafod")
    assert rules is not None and "cy/discussion-rules/" in rules["href"]


def test_the_welsh_consultation_is_in_no_english_listing_count_or_feed(
    example_build: Build,
) -> None:
    listing_pages = ["consultations/index.html", "index.html", "evaluation/index.html"]
    listing_pages += [
        str(p.relative_to(example_build.output))
        for p in (example_build.output / "consultations").glob("*/*/index.html")
        if "response" not in str(p) and "transcripts" not in str(p)
    ]
    for page in listing_pages:
        assert "cy/consultations/" not in example_build.read(page), page
        assert "Gwybodaeth am alergenau" not in example_build.read(page), page
    rows = json.loads(example_build.read("evaluation/participation.json"))["consultations"]
    assert [row["consultation"] for row in rows].count("allergen-labelling-blog") == 1
    assert not [row for row in rows if "/cy/" in str(row["path"])]
    for feed in (example_build.output / "feeds").rglob("*.xml"):
        if "/cy/" not in str(feed) and "/comments/" not in str(feed):
            assert "cy/consultations/" not in feed.read_text(encoding="utf-8"), feed


def test_the_welsh_consultation_has_its_own_comment_thread(example_build: Build) -> None:
    welsh_page = soup(example_build, WELSH_CONSULTATION)
    english = soup(example_build, ENGLISH_CONSULTATION)
    english_ids = {c["id"] for c in english.select("[id^=comment-]")}
    assert english_ids, "the English consultation has example comments"
    assert not english_ids & {c["id"] for c in welsh_page.select("[id^=comment-]")}
    figures = welsh_page.select_one('[data-figure="comments"]')
    original = english.select_one('[data-figure="comments"]')
    assert figures is not None and original is not None
    assert figures.get_text(strip=True) == original.get_text(strip=True)  # one consultation


def test_the_welsh_feed_says_it_is_in_welsh(example_build: Build) -> None:
    for name in ("all.atom.xml", "all.rss.xml"):
        text = example_build.read(f"feeds/cy/{name}")
        assert "<language>cy</language>" in text or 'xml:lang="cy"' in text, name
        assert "Dialogues: government blogs and consultations" not in text


def test_a_welsh_consultation_with_other_dates_fails_the_check(site_copy: Path) -> None:
    translation = site_copy / "consultations" / "cy" / "allergen-labelling-blog.md"
    line = replace_line(translation, "Closes:", "Closes: 2026-11-28")
    result = run_translation_check(site_copy)
    assert result.returncode == 1
    assert f"consultations/cy/allergen-labelling-blog.md:{line}: this Cymraeg consultation's" in (
        result.stdout
    )


def test_an_out_of_date_welsh_consultation_fails_the_check(site_copy: Path) -> None:
    original = site_copy / "consultations" / "allergen-labelling-blog.md"
    text = original.read_text(encoding="utf-8").replace(
        "Audience: public\n", "Audience: public\nModified: 2026-11-15 09:00\n", 1
    )
    original.write_text(text, encoding="utf-8")
    result = run_translation_check(site_copy)
    assert result.returncode == 1
    assert "consultations/cy/allergen-labelling-blog.md" in result.stdout
    assert "out of date" in result.stdout


def test_a_registry_translation_is_shown_on_welsh_pages_and_a_misspelt_one_fails(
    site_copy: Path, build_site
) -> None:
    people = site_copy / "people.toml"
    text = people.read_text(encoding="utf-8")
    people.write_text(
        text.replace('role_cy = "Pennaeth Ymgysylltu Digidol"', 'rloe_cy = "Pennaeth"', 1),
        encoding="utf-8",
    )
    line = next(
        n for n, row in enumerate(people.read_text().splitlines(), 1) if row.startswith("rloe_cy")
    )
    build = build_site(site_copy)
    assert build.returncode != 0
    assert f"people.toml:{line}: unknown key 'rloe_cy'" in build.log
    assert not (build.output / "index.html").exists()


def test_a_registrys_welsh_role_is_shown_on_the_welsh_page_only(example_build: Build) -> None:
    """The author's role_cy on the Welsh post; the English post keeps the English role."""
    welsh_post = soup(example_build, "cy/posts/2026/engagement-review-two-years-on/index.html")
    english_post = soup(example_build, "posts/2026/engagement-review-two-years-on/index.html")
    assert "Gweinidog dros Lywodraeth Ddigidol" in welsh_post.get_text()
    assert "Minister for Digital Government" in english_post.get_text()
    assert "Gweinidog" not in english_post.get_text()


def test_page_history_and_withdrawal_notices_are_in_welsh(site_copy: Path, build_site) -> None:
    post = site_copy / "posts" / "cy" / "2026-11-engagement-review-two-years-on.md"
    text = post.read_text(encoding="utf-8")
    post.write_text(
        text.replace("Lang: cy\n", "Lang: cy\nCorrection: 2026-11-13 | Cywiron ni ffigur.\n", 1),
        encoding="utf-8",
    )
    consultation = site_copy / "consultations" / "cy" / "allergen-labelling-blog.md"
    text = consultation.read_text(encoding="utf-8")
    consultation.write_text(
        text.replace(
            "Lang: cy\n", "Lang: cy\nWithdrawn: 2026-11-14 | Rhoi un newydd yn ei le.\n", 1
        ),
        encoding="utf-8",
    )

    build = build_site(site_copy)

    assert build.returncode == 0, build.log
    post_page = build.read("cy/posts/2026/engagement-review-two-years-on/index.html")
    assert "Hanes y dudalen" in post_page and "Cyhoeddwyd gyntaf." in post_page
    assert "Page history" not in post_page and "First published." not in post_page
    consultation_page = build.read(WELSH_CONSULTATION)
    assert "Tynnwyd yr ymgynghoriad hwn yn ôl ar" in consultation_page
    assert "was withdrawn on" not in consultation_page
    assert "It stays here as a record" not in consultation_page
