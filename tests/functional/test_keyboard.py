"""Every page type works with the keyboard alone: pressing Tab from the top reaches the skip link
first, then the header and its navigation, then everything in the main content (comment
anchors included) and the footer, in that order, each with a visible focus indicator."""

from __future__ import annotations

from typing import Any

import pytest
from bs4 import BeautifulSoup
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from tests.functional.browser import chromium, serve
from tests.functional.page_types import page_of_every_type

# Records every focus change, so one burst of Tab presses is one round trip to the browser.
RECORD_FOCUS = """
window.focusLog = [];
const region = e => e.closest('.govuk-skip-link') ? 'skip link'
  : e.closest('header') ? 'header' : e.closest('main') ? 'main'
  : e.closest('footer') ? 'footer' : e.closest('.govuk-breadcrumbs') ? 'breadcrumbs' : 'other';
document.addEventListener('focusin', event => {
  const e = event.target, style = getComputedStyle(e);
  window.focusLog.push({
    region: region(e),
    href: e.getAttribute('href'),
    stop: e.dataset.tabStop === undefined ? null : Number(e.dataset.tabStop),
    inNavigation: !!e.closest('header nav'),
    indicator: (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0
      && style.outlineColor !== 'rgba(0, 0, 0, 0)') || style.boxShadow !== 'none',
    name: `${e.tagName.toLowerCase()} ${(e.textContent || e.value || '').trim().slice(0, 40)}`,
  });
}, true);
"""
# What a keyboard user should be able to reach, numbered in document order (which is the Tab
# order when no tabindex is positive): visible links, form controls, summaries and anything
# made focusable, except inside a closed <details>.
REACHABLE = """
const closedAway = e => {
  const details = e.closest('details');
  return details && !details.open && !(e.matches('summary') && e.parentElement === details);
};
const focusable = [...document.querySelectorAll(
  'a[href], button, input, select, textarea, summary, [tabindex]')]
  .filter(e => e.checkVisibility({visibilityProperty: true}) && !e.disabled
    && e.tabIndex >= 0 && !closedAway(e));
focusable.forEach((e, i) => { e.dataset.tabStop = i; });
return {
  total: focusable.length,
  main: focusable.filter(e => e.closest('main')).length,
  navigation: focusable.filter(e => e.closest('header nav')).length,
  comments: focusable.filter(e => /^#comment-/.test(e.getAttribute('href') || '')).length,
};
"""
ORDER = ["skip link", "header", "breadcrumbs", "main", "footer"]
SKIP_LINK_FOLLOWED = ("post with comments", "consultation (open)", "transcript", "search")


def walk(browser: Any, url: str) -> dict[str, Any]:
    browser.get(url)
    if "search/" in url:  # the form appears once the search script has started
        WebDriverWait(browser, 30).until(
            lambda b: b.execute_script("return !document.getElementById('search-form').hidden")
        )
    browser.execute_script(RECORD_FOCUS)
    reachable = browser.execute_script(REACHABLE)
    ActionChains(browser).send_keys(Keys.TAB * (reachable["total"] + 2)).perform()
    log = browser.execute_script("return window.focusLog")
    # One pass through the page: stop when focus comes back round to the skip link.
    end = next((i for i in range(1, len(log)) if log[i]["region"] == "skip link"), len(log))
    return {"log": log[:end], "reachable": reachable}


def skip_and_tab(browser: Any, url: str) -> list[str]:
    """The regions focused by Tab, Enter (follow the skip link), Tab."""
    browser.get(url)
    browser.execute_script(RECORD_FOCUS)
    ActionChains(browser).send_keys(Keys.TAB, Keys.ENTER, Keys.TAB).perform()
    return [entry["region"] for entry in browser.execute_script("return window.focusLog")]


@pytest.fixture(scope="module")
def walks(example_build) -> dict[str, dict[str, Any]]:
    """A Tab walk of one page of every type, and a skip link followed on each."""
    with serve(example_build.output) as base, chromium() as browser:
        return {
            f"{kind} ({path})": {
                **walk(browser, base + path),
                # The skip link is one component; it is followed on the richest pages.
                "after skip link": skip_and_tab(browser, base + path)
                if kind in SKIP_LINK_FOLLOWED
                else None,
            }
            for kind, path in page_of_every_type(example_build.output).items()
        }


def test_the_skip_link_comes_first_and_leads_into_the_main_content(walks) -> None:
    for page, found in walks.items():
        assert found["log"][0]["region"] == "skip link", page
        assert found["log"][0]["href"] == "#main-content", page
        if found["after skip link"] is not None:
            assert found["after skip link"] == ["skip link", "main"], page
    assert sum(found["after skip link"] is not None for found in walks.values()) == len(
        SKIP_LINK_FOLLOWED
    )


def test_tab_order_runs_header_then_main_then_footer(walks) -> None:
    for page, found in walks.items():
        regions = [entry["region"] for entry in found["log"]]
        assert "other" not in regions, (page, regions)
        ranks = [ORDER.index(region) for region in regions]
        assert ranks == sorted(ranks), (page, regions)
        assert "main" in regions or found["reachable"]["main"] == 0, page


def test_every_link_and_control_is_reached_once_in_document_order(walks) -> None:
    comment_pages = 0
    for page, found in walks.items():
        log, reachable = found["log"], found["reachable"]
        assert sum(e["inNavigation"] for e in log) == reachable["navigation"] > 0, page
        assert sum(e["region"] == "main" for e in log) == reachable["main"], page
        anchors = [e for e in log if (e["href"] or "").startswith("#comment-")]
        assert len(anchors) == reachable["comments"], page
        comment_pages += bool(anchors)
        assert [entry["stop"] for entry in log] == list(range(reachable["total"])), page
    assert comment_pages >= 2, "the walk covered pages with comments"


def test_focus_is_always_visible(walks) -> None:
    for page, found in walks.items():
        hidden = [entry["name"] for entry in found["log"] if not entry["indicator"]]
        assert hidden == [], page


def test_no_page_changes_the_natural_tab_order(example_build) -> None:
    for path in example_build.pages():
        html = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        positive = [e for e in html.select("[tabindex]") if int(e["tabindex"]) > 0]
        assert positive == [], path
