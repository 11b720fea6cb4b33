"""Every page type meets WCAG 2.2 AA: axe-core in headless Chromium finds nothing."""

from __future__ import annotations

import pytest

from tests.conftest import REPO
from tests.functional.browser import chromium, serve
from tests.functional.page_types import page_of_every_type

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
RUN_AXE = """
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})
  .then(results => done(results.violations.map(v => ({
      id: v.id, help: v.help, nodes: v.nodes.map(n => n.target.join(' '))}))))
  .catch(error => done([{id: 'axe-error', help: String(error), nodes: []}]));
"""


@pytest.fixture(scope="module")
def axe_results(example_build) -> dict[str, list[dict]]:
    if not AXE.exists():
        pytest.skip("npm axe-core is not installed: run `make test`")
    source = AXE.read_text(encoding="utf-8")
    results: dict[str, list[dict]] = {}
    with serve(example_build.output) as base, chromium() as browser:
        for page_type, path in page_of_every_type(example_build.output).items():
            browser.get(base + path)  # type: ignore[attr-defined]
            browser.execute_script(source)  # type: ignore[attr-defined]
            results[f"{page_type} ({path})"] = browser.execute_async_script(  # type: ignore[attr-defined]
                RUN_AXE, AXE_TAGS
            )
    return results


def test_axe_finds_no_violations_on_any_page_type(axe_results) -> None:
    failures = {page: found for page, found in axe_results.items() if found}
    assert failures == {}


def test_axe_really_ran_on_every_page_type(axe_results, example_build) -> None:
    assert len(axe_results) == len(page_of_every_type(example_build.output))
