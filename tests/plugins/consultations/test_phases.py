"""Phases against a frozen build clock: one second either side of Opens and Closes, the
announcement rule, the overdue rule, and a response that counts only once it is published.

One build holds a consultation for each case, each placed relative to the same frozen clock,
so every boundary is checked in a single run of the real `pelican` command.
"""

from __future__ import annotations

import shutil
from datetime import timedelta

import pytest

from tests.conftest import CONTENT, run_build
from tests.helpers import files_containing
from tests.plugins.consultations.sources import (
    CLOCK,
    WEEK,
    iso,
    soup,
    write_consultation,
    write_source,
)

SECOND = timedelta(seconds=1)
ANNOUNCED = f"Announced: {iso(CLOCK - timedelta(days=3))}"
FAR_PAST, FAR_FUTURE = CLOCK - 8 * WEEK, CLOCK + 8 * WEEK

# slug: (opens, closes, extra front matter, phase expected at the clock)
CASES = {
    "opens-in-one-second": (CLOCK + SECOND, FAR_FUTURE, ANNOUNCED, "upcoming"),
    "opens-now": (CLOCK, FAR_FUTURE, ANNOUNCED, "open"),
    "opened-one-second-ago": (CLOCK - SECOND, FAR_FUTURE, "", "open"),
    "closes-in-one-second": (FAR_PAST, CLOCK + SECOND, "", "open"),
    "closes-now": (FAR_PAST, CLOCK, "", "closed"),
    "closed-one-second-ago": (FAR_PAST, CLOCK - SECOND, "", "closed"),
    "due-in-one-second": (FAR_PAST - 12 * WEEK, CLOCK - 12 * WEEK + SECOND, "", "closed"),
    "due-now": (FAR_PAST - 12 * WEEK, CLOCK - 12 * WEEK, "", "closed"),
    "response-now": (FAR_PAST, CLOCK - WEEK, "", "outcome"),
    "response-in-one-second": (FAR_PAST, CLOCK - WEEK, "", "closed"),
}
RESPONSES = {"response-now": CLOCK, "response-in-one-second": CLOCK + SECOND}


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    content = tmp_path_factory.mktemp("phases") / "content"
    shutil.copytree(CONTENT, content)
    for slug, (opens, closes, extra, _phase) in CASES.items():
        write_consultation(content, slug, iso(opens), iso(closes), extra)
    write_consultation(
        content, "unannounced", iso(CLOCK + SECOND), iso(FAR_FUTURE), body="quetzalsecret"
    )
    for slug, date in RESPONSES.items():
        write_source(
            content,
            "responses",
            f"{slug}-response",
            f"Title: okapi response to {slug}\nDate: {iso(date)}\nConsultation: {slug}",
            "## Topic\n\n### You said\n\nThings.\n\n### We did\n\nOther things.",
        )
    result = run_build(content, content.parent / "output")
    assert result.returncode == 0, result.log
    return result


def page_of(slug: str) -> str:
    return f"consultations/{slug}/index.html"


def listed_under(build, slug: str) -> str | None:
    index = soup(build, "consultations/index.html")
    for section in index.find_all("section", attrs={"aria-labelledby": True}):
        titles = [a.get_text(strip=True) for a in section.select(".dialogues-post-list__title a")]
        if f"{slug} consultation" in titles:
            return str(section["aria-labelledby"]).removeprefix("phase-")
    return None


@pytest.mark.parametrize("slug", CASES)
def test_phase_changes_exactly_at_opens_and_closes(build, slug):
    phase = CASES[slug][3]
    page = soup(build, page_of(slug))
    assert page.find("article", class_="dialogues-consultation")["data-phase"] == phase
    assert listed_under(build, slug) == phase
    comments = page.find("section", class_="dialogues-comments")
    if phase == "upcoming":
        assert comments is None
    elif phase == "open":
        assert "Comments are open" in comments.get_text()
    else:
        assert "Comments are closed" in comments.get_text()


def test_a_consultation_not_announced_is_in_no_file_until_it_opens(build):
    assert files_containing(build.output, "quetzalsecret") == []
    assert files_containing(build.output, "consultations/unannounced") == []
    assert not (build.output / "consultations/unannounced").exists()


@pytest.mark.parametrize(("slug", "overdue"), [("due-in-one-second", False), ("due-now", True)])
def test_response_is_overdue_12_weeks_after_closing(build, slug, overdue):
    page = soup(build, page_of(slug))
    tags = [t.get_text(strip=True) for t in page.find_all(class_="govuk-tag")]
    assert ("Response overdue" in tags) is overdue
    assert ("The response is overdue" in page.get_text()) is overdue


def test_a_response_counts_only_once_it_is_published(build):
    assert files_containing(build.output, "okapi response to response-in-one-second") == []
    assert not (build.output / "consultations/response-in-one-second/response").exists()
    response = "consultations/response-now/response/index.html"
    assert (build.output / response).exists()
    outcome = soup(build, page_of("response-now")).find(class_="dialogues-phase-banner")
    assert "okapi response to response-now" in outcome.get_text()
