"""The example consultation archive as a reader sees it at the example clock: every phase, the
index by phase, facet listings, responses linked both ways with working citations, and
transcripts as questions and answers."""

from __future__ import annotations

import tomllib
from collections import defaultdict
from pathlib import PurePosixPath

import pytest
from content_model.front_matter import read_front_matter

from tests.conftest import CONTENT
from tests.helpers import files_containing
from tests.plugins.consultations.sources import (
    CLOCK,
    WEEK,
    example_consultations,
    example_responses,
    expected_phase,
    seed_comments,
    soup,
)

CONSULTATIONS = example_consultations()
PEOPLE = tomllib.loads((CONTENT / "people.toml").read_text(encoding="utf-8"))
DEPARTMENTS = tomllib.loads((CONTENT / "departments.toml").read_text(encoding="utf-8"))
SHOWN = [c for c in CONSULTATIONS if c.status == "published" and (c.announced or c.opens) <= CLOCK]


def resolve(page: str, href: str) -> tuple[str, str]:
    """(output path, fragment) of a relative link on `page`."""
    path, _, fragment = href.partition("#")
    parts: list[str] = []
    for part in (PurePosixPath(page).parent / path).parts:
        if part == "..":
            parts.pop()
        elif part != ".":
            parts.append(part)
    target = "/".join(parts)
    return (target + "index.html" if target.endswith("/") else target), fragment


def test_the_example_has_the_twelve_case_studies_in_every_phase() -> None:
    assert len(SHOWN) == 12
    assert {expected_phase(c) for c in SHOWN} == {"upcoming", "open", "closed", "outcome"}
    for facet, values in {
        "platform": {"blog", "forum", "webchat", "panel"},
        "engagement": {"informing", "listening", "deliberating"},
        "audience": {"public", "stakeholder", "both"},
    }.items():
        assert {getattr(c, facet) for c in SHOWN} == values


@pytest.mark.parametrize("consultation", SHOWN, ids=[c.slug for c in SHOWN])
def test_each_consultation_page_shows_its_phase_dates_and_owner(example_build, consultation):
    page = soup(example_build, consultation.page)
    article = page.find("article", class_="dialogues-consultation")
    phase = expected_phase(consultation)
    assert article["data-phase"] == phase
    assert page.find("h1").get_text(strip=True) == consultation.title
    banner = page.find(class_="dialogues-phase-banner").get_text(" ")
    datetimes = {t["datetime"] for t in page.find_all("time")}
    assert consultation.opens.isoformat() in datetimes
    assert consultation.closes.isoformat() in datetimes
    department = DEPARTMENTS[consultation.department]["name"]
    assert department in page.find(class_="dialogues-metadata").get_text(" ")
    if phase == "open":
        assert "left, as of 20 November 2026" in banner
    if phase == "upcoming":
        assert "opens at" in banner
        assert page.find("section", class_="dialogues-comments") is None
    if phase in ("closed", "outcome"):
        assert "Comments are closed" in page.find("section", class_="dialogues-comments").get_text()


def test_a_consultation_without_a_response_12_weeks_after_closing_is_overdue(example_build):
    closed = [c for c in SHOWN if expected_phase(c) == "closed"]
    overdue = [c for c in closed if c.closes + 12 * WEEK <= CLOCK]
    assert overdue and len(overdue) < len(closed), "the example has both kinds"
    for consultation in closed:
        page = soup(example_build, consultation.page)
        banner = page.find(class_="dialogues-phase-banner").get_text(" ")
        tags = [t.get_text(strip=True) for t in page.find_all(class_="govuk-tag")]
        if consultation in overdue:
            assert "The response is overdue" in banner
            assert "Response overdue" in tags
        else:
            assert "We aim to publish our response by" in banner
            assert "Response overdue" not in tags


def test_index_lists_every_consultation_under_its_phase(example_build) -> None:
    page = soup(example_build, "consultations/index.html")
    listed = {}
    for phase in ("open", "upcoming", "closed", "outcome"):
        section = page.find("section", attrs={"aria-labelledby": f"phase-{phase}"})
        for link in section.select(".dialogues-consultation-list .dialogues-post-list__title a"):
            listed[resolve("consultations/index.html", link["href"])[0]] = phase
    assert listed == {c.page: expected_phase(c) for c in SHOWN}
    open_section = page.find("section", attrs={"aria-labelledby": "phase-open"})
    titles = [h.get_text(strip=True) for h in open_section.select(".dialogues-post-list__title")]
    closing_soonest = sorted(
        (c for c in SHOWN if expected_phase(c) == "open"), key=lambda c: c.closes
    )
    assert titles == [c.title for c in closing_soonest]


def test_consultations_are_in_the_main_navigation(example_build) -> None:
    page = soup(example_build, "index.html")
    navigation = page.find(id="main-navigation")
    link = navigation.find("a", string=lambda s: s and s.strip() == "Consultations")
    assert resolve("index.html", link["href"])[0] == "consultations/index.html"


FACETS = ("department", "platform", "engagement", "audience")


@pytest.mark.parametrize("facet", FACETS)
def test_facet_pages_list_exactly_the_consultations_with_that_value(example_build, facet):
    expected: dict[str, set[str]] = defaultdict(set)
    for consultation in SHOWN:
        expected[getattr(consultation, facet)].add(consultation.page)
    written = sorted((example_build.output / "consultations" / facet).glob("*/index.html"))
    assert {p.parent.name for p in written} >= set(expected)
    for path in written:
        relative = str(path.relative_to(example_build.output))
        page = soup(example_build, relative)
        listed = {
            resolve(relative, a["href"])[0]
            for a in page.select(".dialogues-consultation-list .dialogues-post-list__title a")
        }
        assert listed == expected.get(path.parent.name, set()), relative
        count = page.find(class_="dialogues-facet-count").get_text()
        assert count.startswith(f"{len(listed)} consultation")


def test_responses_and_consultations_link_both_ways(example_build) -> None:
    responses = example_responses()
    assert len(responses) >= 3
    for slug, (_name, date, _source) in responses.items():
        consultation = f"consultations/{slug}/index.html"
        response = f"consultations/{slug}/response/index.html"
        assert date <= CLOCK
        consultation_page = soup(example_build, consultation)
        outcome = consultation_page.find(
            "section", attrs={"aria-labelledby": "consultation-outcome"}
        )
        assert response in {resolve(consultation, a["href"])[0] for a in outcome.find_all("a")}
        response_page = soup(example_build, response)
        inset = response_page.find(class_="govuk-inset-text")
        assert consultation in {resolve(response, a["href"])[0] for a in inset.find_all("a")}
        sections = response_page.select(".dialogues-you-said-we-did")
        kinds = {s["class"][-1] for s in sections}
        assert kinds == {"dialogues-you-said-we-did--said", "dialogues-you-said-we-did--did"}


def test_citations_link_to_the_anchor_of_a_published_comment(example_build) -> None:
    published = {c["id"] for c in seed_comments() if c["status"] == "approved"}
    cited = 0
    for slug in example_responses():
        response = f"consultations/{slug}/response/index.html"
        body = soup(example_build, response).find(class_="dialogues-response__body")
        assert "{comment}" not in str(body)
        for link in body.find_all("a", href=lambda h: h and "#comment-" in h):
            target, fragment = resolve(response, link["href"])
            assert fragment.removeprefix("comment-") in published
            assert soup(example_build, target).find(id=fragment) is not None, link["href"]
            cited += 1
    assert cited >= 8


def test_transcripts_show_who_asked_and_who_answered(example_build) -> None:
    sources = sorted((CONTENT / "transcripts").glob("*.md"))
    assert len(sources) >= 3
    for source in sources:
        text = source.read_text(encoding="utf-8")
        fm = read_front_matter(text)
        consultation = fm.first("consultation").value
        body = text.splitlines()[fm.end_line :]
        askers = [
            line.removeprefix("Question:").strip() for line in body if line.startswith("Question:")
        ]
        answerers = [
            line.removeprefix("Answer:").strip() for line in body if line.startswith("Answer:")
        ]
        page_path = f"consultations/{consultation}/transcripts/{source.stem}/index.html"
        page = soup(example_build, page_path)
        exchanges = page.select("li.dialogues-exchange")
        assert len(exchanges) == len(askers)
        for exchange, asker in zip(exchanges, askers, strict=True):
            heading = exchange.find("h2").get_text(" ")
            assert (asker or "Anonymous") in heading
        answers = [h.get_text(" ") for h in page.select(".dialogues-exchange__answer-heading")]
        assert len(answers) == len(answerers)
        for heading, key in zip(answers, answerers, strict=True):
            assert PEOPLE[key]["name"] in heading and PEOPLE[key]["role"] in heading
        links = page.find("dl", class_="dialogues-metadata").find_all("a")
        assert f"consultations/{consultation}/index.html" in {
            resolve(page_path, a["href"])[0] for a in links
        }
        listing = soup(example_build, f"consultations/{consultation}/index.html").find(
            "section", attrs={"aria-labelledby": "consultation-transcripts"}
        )
        assert page_path in {
            resolve(f"consultations/{consultation}/index.html", a["href"])[0]
            for a in listing.find_all("a")
        }


def test_unpublished_comments_on_consultations_reach_no_file(example_build) -> None:
    hidden = [
        c
        for c in seed_comments()
        if c["thread"].startswith("/consultations/")
        and c["status"] in ("pending", "removed", "rejected")
    ]
    assert len([c for c in hidden if c["status"] != "rejected"]) >= 5
    for comment in hidden:
        words = " ".join(comment["body"].split()[:6])
        assert files_containing(example_build.output, words) == [], comment["id"]
