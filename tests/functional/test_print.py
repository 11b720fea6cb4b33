"""Every page type prints cleanly: with print media emulated (Chrome DevTools
`Emulation.setEmulatedMedia`), the skip link, navigation, breadcrumbs, footer and search form
are not printed, the content is, in black, and it fits the width of an A4 page."""

from __future__ import annotations

from typing import Any

import pytest

from tests.functional.browser import chromium, emulate_viewport, open_search_results, serve
from tests.functional.page_types import page_of_every_type

# A4 less the theme's 1.5 cm side margins (@page in dialogues.scss), in CSS pixels.
PAPER_WIDTH = round((21.0 - 2 * 1.5) / 2.54 * 96)
NOT_PRINTED = {
    "skip link": ".govuk-skip-link",
    "navigation": ".govuk-service-navigation",
    "breadcrumbs": ".govuk-breadcrumbs",
    "footer": ".govuk-footer",
    "search form": "#search-form",
}
INSPECT = """
const [notPrinted, width] = arguments;
const shown = e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
const printed = {};
for (const [name, selector] of Object.entries(notPrinted)) {
  printed[name] = [...document.querySelectorAll(selector)].some(shown);
}
const main = document.querySelector('main');
const texts = [];
const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
for (let node = walker.nextNode(); node; node = walker.nextNode()) {
  const parent = node.parentElement;
  const hidden = !shown(parent) || parent.closest('.govuk-visually-hidden');
  if (!node.textContent.trim() || hidden) continue;
  const range = document.createRange();
  range.selectNodeContents(node);
  for (const box of range.getClientRects()) {
    if (box.width && (box.right > width + 0.5 || box.left < -0.5)) {
      texts.push(node.textContent.trim().slice(0, 40));
    }
  }
}
// A scrolling box cannot scroll on paper: what it hides is lost.
const clipped = [...main.querySelectorAll('*')].filter(e =>
  ['auto', 'scroll', 'hidden'].includes(getComputedStyle(e).overflowX)
  && e.scrollWidth > e.clientWidth + 1 && shown(e)
  && !e.matches('.govuk-visually-hidden, .govuk-skip-link'))
  .map(e => `${e.tagName.toLowerCase()}.${e.className}`);
const colours = new Set([...main.querySelectorAll('*')].filter(shown)
  .filter(e => [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
  .map(e => getComputedStyle(e).color));
return {printed, main: shown(main), beyondPaper: texts, clipped, colours: [...colours]};
"""


def inspect(browser: Any, url: str, wait_for_results: bool = False) -> dict[str, Any]:
    if wait_for_results:
        open_search_results(browser, url)
    else:
        browser.get(url)
    return browser.execute_script(INSPECT, NOT_PRINTED, PAPER_WIDTH)


@pytest.fixture(scope="module")
def printouts(example_build) -> dict[str, dict[str, Any]]:
    pages = page_of_every_type(example_build.output)
    with serve(example_build.output) as base, chromium() as browser:
        emulate_viewport(browser, PAPER_WIDTH, 1000)
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})  # type: ignore[attr-defined]
        assert browser.execute_script("return matchMedia('print').matches")  # type: ignore[attr-defined]
        found = {kind: inspect(browser, base + path) for kind, path in pages.items()}
        found["search results"] = inspect(
            browser, base + "search/index.html?q=consultation", wait_for_results=True
        )
    return found


def test_navigation_footer_and_controls_are_not_printed(printouts) -> None:
    for page, found in printouts.items():
        assert found["main"], page
        assert {name for name, shown in found["printed"].items() if shown} == set(), page


def test_content_prints_in_black(printouts) -> None:
    for page, found in printouts.items():
        assert found["colours"] == ["rgb(0, 0, 0)"], page


def test_content_fits_the_paper_and_nothing_is_clipped(printouts) -> None:
    for page, found in printouts.items():
        assert found["beyondPaper"] == [] and found["clipped"] == [], page
