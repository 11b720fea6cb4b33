"""Participation figures: a known store gives the hand-counted figures on the consultation's
page, on the evaluation page and in the CSV and JSON; the example's pages and open data agree
with each other; the chart and its table carry the same numbers; no personal data anywhere."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil

import pytest

from tests.conftest import CONTENT, run_build
from tests.plugins.consultations.sources import seed_comments, soup, write_consultation, write_store

THREAD = "/consultations/figures-test/"


def comment(id, created, author="", status="approved", parent=None, person=None, reason=None):
    return {
        "id": id,
        "thread": THREAD,
        "parent": parent,
        "author": author,
        "email": f"{id}@example.org",
        "ip": "192.0.2.250",
        "body": f"Comment {id} for the figures test.",
        "created": created,
        "status": status,
        "official": person is not None,
        "person": person,
        "reason": reason,
    }


# Opens 5 October 2026 09:00 (London), closes 1 November 2026 at 11:59pm: weeks starting
# 5, 12, 19 and 26 October.
KNOWN = [
    comment("f1", "2026-10-06T10:00:00Z", "Alice"),
    comment("f2", "2026-10-06T14:00:00Z", "David", parent="f1", person="david-mensah"),  # 4h
    comment("f3", "2026-10-07T09:00:00Z", " alice  "),  # the same name, differently typed
    comment("f4", "2026-10-14T09:00:00Z"),  # no name: one person
    comment("f5", "2026-10-14T10:00:00Z"),  # no name: another person
    comment("f6", "2026-10-20T08:00:00Z", "Bob"),
    comment("f7", "2026-10-21T08:00:00Z", "James", parent="f6", person="james-carter"),  # 24h
    comment("f8", "2026-10-22T08:00:00Z", "David", parent="f6", person="david-mensah"),
    comment("f9", "2026-10-20T09:00:00Z", "Mal", status="removed", reason="rule-3"),
    comment("f10", "2026-10-21T09:00:00Z", "Mal", status="removed", reason="rule-3"),
    comment("f11", "2026-10-28T09:00:00Z", "Spam", status="removed", reason="rule-5"),
    comment("f12", "2026-10-28T10:00:00Z", "Carol", status="pending"),
    comment("f13", "2026-10-28T11:00:00Z", "Dave", status="rejected"),
    comment("f14", "2026-10-29T09:00:00Z", "Erin", parent="f4"),
]
HAND_COUNTED = {
    "comments": 6,  # f1, f3, f4, f5, f6, f14
    "participants": 5,  # alice, f4, f5, bob, erin
    "official-replies": 3,  # f2, f7, f8
    "median-first-reply": 14.0,  # median of 4 and 24 hours (f8 is not a first reply)
    "removed": 3,
}
WEEKS = [("2026-10-05", 2), ("2026-10-12", 2), ("2026-10-19", 1), ("2026-10-26", 1)]
REMOVED_BY_RULE = {"rule-3": 2, "rule-5": 1}


@pytest.fixture(scope="module")
def known(tmp_path_factory):
    folder = tmp_path_factory.mktemp("figures")
    content = folder / "content"
    shutil.copytree(CONTENT, content)
    write_consultation(content, "figures-test", "2026-10-05 09:00", "2026-11-01")
    store = write_store(folder / "store.json", KNOWN)
    build = run_build(content, folder / "output", env={"DIALOGUES_COMMENTS_STORE": store})
    assert build.returncode == 0, build.log
    return build


def figures_in(element) -> dict[str, float | None]:
    """Each figure's leading number (None when there is none, e.g. no official replies)."""
    found: dict[str, float | None] = {}
    for cell in element.select("[data-figure]"):
        number = re.match(r"\d+(\.\d+)?", cell.get_text(" ").strip())
        text = number.group(0) if number else None
        found[cell["data-figure"]] = (
            None if text is None else float(text) if "." in text else int(text)
        )
    return found


def test_known_store_gives_hand_counts_on_the_consultation_page(known):
    page = soup(known, "consultations/figures-test/index.html")
    section = page.find("section", class_="dialogues-participation")
    assert figures_in(section.find("dl")) == HAND_COUNTED
    removals = section.find(attrs={"data-figure": "removed"}).get_text(" ")
    assert "Rule 3: No hate, threats or harassment : 2" in " ".join(removals.split())
    rows = section.select("table tbody tr")
    assert [(r.find("time")["datetime"], int(r.find("td").get_text())) for r in rows] == WEEKS


def test_known_store_gives_hand_counts_on_the_evaluation_page(known):
    row = soup(known, "evaluation/index.html").find(
        "tr", attrs={"data-consultation": "figures-test"}
    )
    assert figures_in(row) == HAND_COUNTED


def test_known_store_gives_hand_counts_in_the_open_data(known):
    document = json.loads(known.read("evaluation/participation.json"))
    entry = next(c for c in document["consultations"] if c["consultation"] == "figures-test")
    assert entry["comments"] == HAND_COUNTED["comments"]
    assert entry["participants"] == HAND_COUNTED["participants"]
    assert entry["official_replies"] == HAND_COUNTED["official-replies"]
    assert entry["median_hours_to_first_official_reply"] == HAND_COUNTED["median-first-reply"]
    assert entry["removed"] == HAND_COUNTED["removed"]
    assert entry["removed_by_rule"] == REMOVED_BY_RULE
    assert [(w["week_starting"], w["comments"]) for w in entry["comments_per_week"]] == WEEKS
    rows = list(csv.DictReader(io.StringIO(known.read("evaluation/participation.csv"))))
    row = next(r for r in rows if r["consultation"] == "figures-test")
    assert (row["comments"], row["participants"], row["official_replies"]) == ("6", "5", "3")
    assert (row["removed_rule-3"], row["removed_rule-5"], row["removed_rule-1"]) == ("2", "1", "0")
    weekly = csv.DictReader(io.StringIO(known.read("evaluation/comments-per-week.csv")))
    assert [
        (r["week_starting"], int(r["comments"]))
        for r in weekly
        if r["consultation"] == "figures-test"
    ] == WEEKS


def test_the_chart_draws_one_bar_per_week_with_an_accessible_name(known):
    section = soup(known, "consultations/figures-test/index.html").find(
        "section", class_="dialogues-participation"
    )
    svg = section.find("svg")
    assert svg["role"] == "img"
    title_id, desc_id = svg["aria-labelledby"].split()
    assert svg.find(id=title_id).get_text().startswith("Comments per week")
    assert "6 comments over 4 weeks" in svg.find(id=desc_id).get_text()
    heights = [float(bar["height"]) for bar in svg.find_all("rect")]
    assert len(heights) == len(WEEKS)
    assert heights[0] == heights[1] == 2 * heights[2] == 2 * heights[3] > 0


def example_rows(example_build) -> list:
    return soup(example_build, "evaluation/index.html").select("tr[data-consultation]")


def test_example_pages_and_open_data_agree(example_build):
    document = json.loads(example_build.read("evaluation/participation.json"))
    by_slug = {c["consultation"]: c for c in document["consultations"]}
    rows = example_rows(example_build)
    assert len(rows) == len(by_slug) == 12
    for row in rows:
        slug = row["data-consultation"]
        figures = figures_in(row)
        entry = by_slug[slug]
        assert figures["comments"] == entry["comments"]
        assert figures["participants"] == entry["participants"]
        assert figures["official-replies"] == entry["official_replies"]
        assert figures["removed"] == entry["removed"]
        assert sum(w["comments"] for w in entry["comments_per_week"]) == entry["comments"]
        page = soup(example_build, f"consultations/{slug}/index.html")
        section = page.find("section", class_="dialogues-participation")
        if entry["phase"] == "upcoming":
            assert section is None
            continue
        assert figures_in(section.find("dl"))["comments"] == entry["comments"]
        shown = [int(td.get_text()) for td in section.select("table tbody td")]
        assert shown == [w["comments"] for w in entry["comments_per_week"]]
        assert len(section.find("svg").find_all("rect")) == len(shown)
    assert sum(c["comments"] for c in document["consultations"]) > 40


def test_open_data_holds_no_names_addresses_or_comment_text(example_build):
    data = "".join(
        example_build.read(f"evaluation/{name}")
        for name in ("participation.json", "participation.csv", "comments-per-week.csv")
    )
    for seeded in seed_comments():
        assert seeded["email"] not in data and seeded["ip"] not in data
        if len(seeded["author"]) >= 5:
            assert seeded["author"] not in data, seeded["author"]
        assert " ".join(seeded["body"].split()[:5]) not in data


def test_each_consultation_is_one_line_of_the_open_data(example_build):
    """A change to one consultation's figures changes one line of participation.json, so a
    diff of two builds (or two archived copies) shows which consultation moved."""
    text = example_build.read("evaluation/participation.json")
    document = json.loads(text)
    lines = [line.strip().removesuffix(",") for line in text.splitlines()]
    on_own_line = [json.loads(line) for line in lines if line.startswith('{"consultation"')]
    assert on_own_line == document["consultations"] and len(on_own_line) == 12
    assert '  "site": {' in text  # the rest stays indented for people who read it
