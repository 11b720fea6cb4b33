"""The pre-election period: while the build clock is inside one, comments are closed on every
page and every page carries a banner; afterwards the period is part of the site's history."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup

from tests.conftest import CONTENT, run_build
from tests.plugins.consultations.sources import CLOCK, soup

PERIOD = [["2026-11-19", "2026-11-21 18:00"]]


@pytest.fixture(scope="module")
def during(tmp_path_factory):
    output = tmp_path_factory.mktemp("pre-election") / "output"
    build = run_build(CONTENT, output, extra_settings={"PRE_ELECTION_PERIODS": json.dumps(PERIOD)})
    assert build.returncode == 0, build.log
    return build


def banner(page: BeautifulSoup):
    return page.find(class_="dialogues-pre-election-banner")


def test_every_page_carries_the_banner(during):
    pages = during.pages()
    assert len(pages) > 60
    for path in pages:
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        found = banner(page)
        assert found is not None, path
        assert found.find_parent("main") is not None, "inside the main landmark"
        times = [t["datetime"] for t in found.find_all("time")]
        assert times == ["2026-11-19T00:00:00+00:00", "2026-11-21T18:00:00+00:00"], path


def test_comments_are_closed_everywhere(during, example_build):
    open_before = [
        p for p in example_build.pages() if "Comments are open" in p.read_text(encoding="utf-8")
    ]
    assert len(open_before) > 10, "the example has open threads to close"
    for path in during.pages():
        text = path.read_text(encoding="utf-8")
        assert "Comments are open" not in text, path
    relative = str(open_before[0].relative_to(example_build.output))
    section = soup(during, relative).find("section", class_="dialogues-comments")
    assert "Comments are closed" in section.get_text()
    consultation = soup(during, "consultations/allergen-labelling-blog/index.html")
    take_part = consultation.find("section", attrs={"aria-labelledby": "consultation-take-part"})
    assert "closed during the pre-election period" in take_part.get_text()


def test_outside_a_period_no_banner_and_the_period_is_in_the_history(example_build):
    for path in example_build.pages():
        assert banner(BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")) is None
    history = soup(example_build, "evaluation/index.html").find(class_="dialogues-history")
    periods = history.select(".dialogues-history__event--pre-election")
    assert len(periods) == 1
    assert [t["datetime"][:10] for t in periods[0].find_all("time")] == ["2026-03-26", "2026-05-07"]
    assert CLOCK.year == 2026


def test_a_bad_setting_is_one_clear_error(tmp_path):
    build = run_build(
        CONTENT, tmp_path / "output", extra_settings={"PRE_ELECTION_PERIODS": '[["soon", 3]]'}
    )
    assert build.returncode == 2
    assert "settings: PRE_ELECTION_PERIODS: period 1" in build.stderr
    assert "Traceback" not in build.log
    assert not (tmp_path / "output").exists()
