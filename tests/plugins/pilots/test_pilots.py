"""A consultation run as a pilot carries a GOV.UK phase banner with a "Pilot" tag and a way
to give feedback on the exercise itself; no other consultation does."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup

from tests.conftest import CONTENT, Build
from tests.plugins.documents.test_documents import add_document_line, run_check

PILOT = "youth-forum-life-skills"


def banner(build: Build, slug: str) -> BeautifulSoup | None:
    page = BeautifulSoup(build.read(f"consultations/{slug}/index.html"), "html.parser")
    return page.find(class_="govuk-phase-banner")


def pilots_in_sources() -> set[str]:
    return {
        source.stem
        for source in (CONTENT / "consultations").glob("*.md")
        if any(
            line.lower() in ("pilot: yes",) or line.lower().startswith("pilot: http")
            for line in source.read_text(encoding="utf-8").split("\n\n", 1)[0].splitlines()
        )
    }


def test_the_pilot_consultation_has_a_phase_banner_asking_for_feedback(
    example_build: Build,
) -> None:
    assert PILOT in pilots_in_sources()
    found = banner(example_build, PILOT)

    assert found is not None
    tag = found.find(class_="govuk-phase-banner__content__tag")
    assert tag.get_text(strip=True) == "Pilot"
    link = found.find("a")
    assert link.get_text(strip=True) == "Tell us what you think of it"
    address, _, subject = link["href"].partition("?subject=")
    assert address == "mailto:pilots@dialogues.example.gov.uk"
    assert "Youth forum: what should school teach you about life?" in unquote(subject)


def test_no_other_consultation_is_labelled_a_pilot(example_build: Build) -> None:
    pilots = pilots_in_sources()
    for page in sorted((example_build.output / "consultations").glob("*/index.html")):
        slug = page.parent.name
        if (CONTENT / "consultations" / f"{slug}.md").exists():
            assert (banner(example_build, slug) is not None) == (slug in pilots), slug


def test_a_pilot_may_name_its_own_feedback_form(site_copy: Path, build_site) -> None:
    source = site_copy / "consultations" / "wills-law-reform-forum.md"
    add_document_line(source, "Pilot: https://forms.example.org/wills-forum-feedback")

    build = build_site(site_copy)

    assert build.returncode == 0, build.log
    link = banner(build, "wills-law-reform-forum").find("a")
    assert link["href"] == "https://forms.example.org/wills-forum-feedback"


@pytest.mark.parametrize(
    ("value", "settings", "message"),
    [
        ("maybe", "", "must be yes, no, or the https:// address of a feedback form"),
        ("yes", "PILOT_FEEDBACK_CONTACT = None\n", "set PILOT_FEEDBACK_CONTACT"),
    ],
)
def test_a_pilot_line_the_site_cannot_honour_fails_the_check(
    site_copy: Path, tmp_path: Path, value: str, settings: str, message: str
) -> None:
    source = site_copy / "consultations" / "wills-law-reform-forum.md"
    line = add_document_line(source, f"Pilot: {value}")
    settings_file = tmp_path / "settings.py"
    settings_file.write_text("from pelicanconf import *  # noqa\n" + settings)

    result = run_check(site_copy, settings_file)

    assert result.returncode == 1
    assert f"consultations/wills-law-reform-forum.md:{line}: Pilot" in result.stdout
    assert message in result.stdout
