"""Search as a reader uses it: the search page in headless Chromium over HTTP on 127.0.0.1,
on a copy of the example site with canary words that only unpublished things hold, its index
made in several parts that the page merges (plugins/search/parts.py)."""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from collections.abc import Iterator
from datetime import timedelta
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from bs4 import BeautifulSoup
from selenium.webdriver.support.ui import WebDriverWait

from tests.conftest import CONTENT, SEED_COMMENTS, Build, run_build
from tests.functional.browser import chromium, serve
from tests.functional.test_accessibility import AXE, AXE_TAGS, RUN_AXE
from tests.plugins.publishing.test_invariants import CLOCK, canary_post, iso
from tests.plugins.search.bundle import fragments, part_fragments, parts
from tests.plugins.search.test_index import published_source_records, published_sources

THREAD = "/posts/2025/why-we-publish-our-working/"
# Each word is held by exactly one thing that must never be found. For a word it does not
# know, Pagefind searches the longest start of it that is a word it does ("axolotl" finds
# "a", and the Welsh index has "a", "o", "y", "pan"...), so each starts with "qz".
UNPUBLISHED = {
    "draft post": "qzdraftpostcanary",
    "embargoed post": "qzembargoedpostcanary",
    "hidden post": "qzhiddenpostcanary",
    "pending comment": "qzpendingcommentcanary",
    "removed comment": "qzremovedcommentcanary",
    "rejected comment": "qzrejectedcommentcanary",
}
APPROVED = "qzapprovedcommentcanary"  # the control: a published comment holds it
APPROVED_ID = "9001"
SMALL_PARTS = {"SEARCH_PART_SIZE": "0.25"}  # about 1 MB of indexed HTML: several parts
WORD = re.compile(r"[a-z]{7,}")


def canary_comment(number: int, status: str, word: str) -> dict:
    return {
        "id": str(number),
        "thread": THREAD,
        "parent": None,
        "author": "Canary Reader",
        "email": "canary@example.org",
        "ip": "192.0.2.99",
        "body": f"My comment mentions {word} once.",
        "created": "2026-01-05T10:00:00Z",
        "status": status,
        "official": False,
        "person": None,
        "reason": "rule-2" if status == "removed" else None,
    }


@pytest.fixture(scope="module")
def canary_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    root = tmp_path_factory.mktemp("search-canaries")
    content = root / "content"
    shutil.copytree(CONTENT, content)
    canary_post(content, "draft-canary.md", UNPUBLISHED["draft post"], "\nStatus: draft")
    canary_post(
        content,
        "future-canary.md",
        UNPUBLISHED["embargoed post"],
        date=iso(CLOCK + timedelta(seconds=1)),
    )
    canary_post(content, "hidden-canary.md", UNPUBLISHED["hidden post"], "\nStatus: hidden")
    store = json.loads(SEED_COMMENTS.read_text(encoding="utf-8"))
    store["comments"] += [
        canary_comment(9001, "approved", APPROVED),
        canary_comment(9002, "pending", UNPUBLISHED["pending comment"]),
        canary_comment(9003, "removed", UNPUBLISHED["removed comment"]),
        canary_comment(9004, "rejected", UNPUBLISHED["rejected comment"]),
    ]
    comments = root / "comments.json"
    comments.write_text(json.dumps(store), encoding="utf-8")
    build = run_build(
        content,
        root / "output",
        env={"DIALOGUES_COMMENTS_STORE": f"json:///{comments}"},
        extra_settings=SMALL_PARTS,
    )
    assert build.returncode == 0, build.log
    assert len(parts(build.output)) >= 3
    return build


@pytest.fixture(scope="module")
def site(canary_build: Build) -> Iterator[tuple[str, object]]:
    with serve(canary_build.output) as base, chromium() as browser:
        yield base, browser


def search(site: tuple[str, object], query: str = "", **filters: str) -> dict:
    """Load the search page for this address, wait for the search to finish, and read it."""
    base, browser = site
    parameters = "&".join(f"{k}={quote(v)}" for k, v in {"q": query, **filters}.items() if v)
    browser.get(f"{base}search/index.html?{parameters}")  # type: ignore[attr-defined]
    return read_results(browser)


def read_results(browser: object) -> dict:
    WebDriverWait(browser, 30).until(
        lambda b: b.execute_script(
            "const s = document.getElementById('search-status').textContent;"
            "return s !== '' && s !== 'Searching…';"
        )
    )
    return browser.execute_script(  # type: ignore[attr-defined]
        """
        const items = [...document.querySelectorAll('#search-result-list > li')];
        return {
          status: document.getElementById('search-status').textContent,
          urls: items.map(li => new URL(li.querySelector('h3 a').href).pathname),
          langs: items.map(li => li.lang),
          facts: items.map(li => [...li.querySelectorAll('.dialogues-search-result__facts li')]
            .map(f => f.textContent)),
          comments: items.flatMap(li => [...li.querySelectorAll(
            '.dialogues-search-result__comments a')].map(a => new URL(a.href).pathname
            + new URL(a.href).hash)),
          excerpts: items.map(li => li.querySelector('.dialogues-search-result__excerpt')
            .textContent),
          scripts: document.querySelectorAll('#search-results script').length,
          sectionHidden: document.getElementById('search-results').hidden,
        };
        """
    )


def title_of(url: str) -> str:
    return published_source_records()[url].title


def test_each_kind_of_content_is_found_by_its_title(site) -> None:
    found_kinds = set()
    for url, kind in sorted(published_sources().items()):
        if kind == "Page" or kind in found_kinds:
            continue
        results = search(site, title_of(url))
        assert url in results["urls"], (url, results)
        found_kinds.add(kind)
    assert found_kinds == {"Post", "Consultation", "Consultation response", "Transcript"}


def test_pages_in_the_other_language_are_found_and_marked_as_such(site) -> None:
    translated = {url: s.lang for url, s in published_source_records().items() if s.lang}
    assert translated, "the example site has translations"
    for url, lang in translated.items():
        results = search(site, title_of(url))
        assert url in results["urls"], (url, results["urls"])
        assert results["langs"][results["urls"].index(url)] == lang
    english = search(site, "allergen")
    assert english["urls"][0] == "/consultations/allergen-labelling-blog/index.html"
    assert english["langs"][0] == ""


def test_an_approved_comment_is_found_and_linked_to_directly(site) -> None:
    results = search(site, APPROVED)

    assert results["urls"] == [THREAD + "index.html"]
    assert results["comments"] == [f"{THREAD}index.html#comment-{APPROVED_ID}"]
    assert results["status"].startswith("1 result for")


@pytest.mark.parametrize("held_by", sorted(UNPUBLISHED))
def test_nothing_unpublished_is_ever_found(site, held_by) -> None:
    results = search(site, UNPUBLISHED[held_by])

    assert results["urls"] == []
    assert results["status"].startswith("0 results for")
    assert results["sectionHidden"]


def test_no_canary_is_in_any_indexed_page(canary_build) -> None:
    indexed = fragments(canary_build.output)
    everything = json.dumps(indexed)
    assert APPROVED in everything, "the control: a published comment is indexed"
    for word in UNPUBLISHED.values():
        assert word not in everything, word


def test_filters_narrow_results_to_one_department_and_type(site) -> None:
    everything = search(site, "bus")
    narrowed = search(site, "bus", department="Department for Transport", type="Consultation")

    assert len(narrowed["urls"]) < len(everything["urls"])
    assert narrowed["urls"] and set(narrowed["urls"]) <= set(everything["urls"])
    assert all(
        facts[:2] == ["Consultation", "Department for Transport"] for facts in narrowed["facts"]
    )
    assert "department: Department for Transport" in narrowed["status"]


def test_a_search_is_kept_in_the_address_so_it_can_be_shared(site) -> None:
    base, browser = site
    browser.get(f"{base}search/index.html")  # type: ignore[attr-defined]
    WebDriverWait(browser, 30).until(
        lambda b: b.execute_script("return !document.getElementById('search-form').hidden")
    )
    browser.execute_script(  # type: ignore[attr-defined]
        "document.getElementById('search-query').value = 'allergen';"
        "document.getElementById('search-form').requestSubmit();"
    )
    typed = read_results(browser)
    address = urlsplit(browser.current_url)  # type: ignore[attr-defined]

    assert parse_qs(address.query) == {"q": ["allergen"]}
    assert typed["urls"] and search(site, "allergen")["urls"] == typed["urls"]


def test_indexed_text_is_shown_as_text_never_as_markup(site) -> None:
    results = search(site, "pop-up")

    assert any("<script>alert(1)</script>" in excerpt for excerpt in results["excerpts"])
    assert results["scripts"] == 0


def test_show_more_moves_focus_to_the_first_new_result(site) -> None:
    first = search(site, "the")
    assert len(first["urls"]) == 10
    _, browser = site
    browser.execute_script("document.getElementById('search-more').click()")  # type: ignore[attr-defined]
    WebDriverWait(browser, 30).until(
        lambda b: b.execute_script(
            "return document.querySelectorAll('#search-result-list > li').length > 10"
        )
    )
    focused = browser.execute_script(  # type: ignore[attr-defined]
        "const items = document.querySelectorAll('#search-result-list > li');"
        "return document.activeElement === items[10].querySelector('h3 a');"
    )
    assert focused


def test_the_search_page_with_results_has_no_accessibility_violations(site) -> None:
    if not AXE.exists():
        pytest.skip("npm axe-core is not installed: run `make test`")
    _, browser = site
    assert search(site, "consultation")["urls"]
    browser.execute_script(AXE.read_text(encoding="utf-8"))  # type: ignore[attr-defined]
    violations = browser.execute_async_script(RUN_AXE, AXE_TAGS)  # type: ignore[attr-defined]
    assert violations == []


def test_without_javascript_the_page_points_to_the_listings_and_sitemap(site) -> None:
    base, browser = site
    browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})  # type: ignore[attr-defined]
    try:
        browser.get(f"{base}search/index.html?q=allergen")  # type: ignore[attr-defined]
        shown = browser.execute_script(  # type: ignore[attr-defined]
            """
            const visible = el => el && el.getClientRects().length > 0;
            return {
              form: visible(document.getElementById('search-form')),
              notice: visible(document.getElementById('search-needs-script')),
              links: [...document.querySelectorAll('main a')].filter(visible)
                .map(a => new URL(a.href).pathname),
            };
            """
        )
    finally:
        browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})  # type: ignore[attr-defined]

    assert not shown["form"] and shown["notice"]
    for listing in ("consultations", "archives", "departments", "people", "tags", "sitemap"):
        assert f"/{listing}/index.html" in shown["links"], listing


def test_opened_from_a_folder_the_page_says_search_needs_a_web_server(site, canary_build) -> None:
    """The README's first step opens output/index.html from the disk. There the browser
    refused the search script as a module (no origin), so the page said JavaScript had not
    run, not what to do."""
    _base, browser = site
    page = (canary_build.output / "search" / "index.html").resolve().as_uri()
    browser.get(page)  # type: ignore[attr-defined]
    WebDriverWait(browser, 30).until(
        lambda b: (
            "from a folder"
            in b.execute_script(
                "return document.getElementById('search-needs-script-text').textContent;"
            )
        )
    )
    shown = browser.execute_script(  # type: ignore[attr-defined]
        "return {form: !document.getElementById('search-form').hidden,"
        " notice: !document.getElementById('search-needs-script').hidden};"
    )
    assert shown == {"form": False, "notice": True}


def test_every_page_links_to_search_from_the_header(canary_build) -> None:
    for page in canary_build.pages():
        if page.name == "404.html" or "http-equiv" in page.read_text(encoding="utf-8")[:2000]:
            continue
        html = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        words = {"en": "Search", "cy": "Chwilio"}[html.html.get("lang", "en")]  # docs/bilingual.md
        links = [a for a in html.select("header nav a") if a.get_text(strip=True) == words]
        assert len(links) == 1, page
        target = (page.parent / links[0]["href"]).resolve()
        assert target == (canary_build.output / "search" / "index.html").resolve(), page


def only_word_of(url: str, everything: dict[str, dict]) -> str:
    """A word that the page at `url` holds and no other indexed page does."""
    counts = Counter(
        word for f in everything.values() for word in set(WORD.findall(f["content"].lower()))
    )
    mine = sorted(set(WORD.findall(everything[url]["content"].lower())))
    return next(word for word in mine if counts[word] == 1)


def test_a_page_of_every_part_is_found_by_a_word_only_it_holds(site, canary_build) -> None:
    everything = fragments(canary_build.output)
    for bundle in parts(canary_build.output):
        url = sorted(part_fragments(bundle))[0]
        word = only_word_of(url, everything)
        assert url in search(site, word)["urls"], (bundle.name, url, word)


def filter_options(site: tuple[str, object]) -> dict[str, list[str]]:
    base, browser = site
    browser.get(f"{base}search/index.html")  # type: ignore[attr-defined]
    WebDriverWait(browser, 30).until(
        lambda b: b.execute_script("return !document.getElementById('search-form').hidden")
    )
    return browser.execute_script(  # type: ignore[attr-defined]
        """
        const options = id => [...document.getElementById(id).options].slice(1)
          .map(o => o.textContent);
        return {department: options('search-department'), type: options('search-type')};
        """
    )


def test_filters_count_the_pages_of_every_part_and_language(site, canary_build) -> None:
    everything = fragments(canary_build.output)
    for name in ("department", "type"):
        counts = Counter(v for f in everything.values() for v in f["filters"].get(name, []))
        expected = sorted(f"{value} ({n})" for value, n in counts.items())
        assert sorted(filter_options(site)[name]) == expected, name
    assert any(url.startswith("/cy/") for url in everything)


def test_a_site_in_one_part_is_searched_too(example_build) -> None:
    assert len(parts(example_build.output)) == 1
    with serve(example_build.output) as base, chromium() as browser:
        results = search((base, browser), "allergen")
    assert results["urls"][0] == "/consultations/allergen-labelling-blog/index.html"
