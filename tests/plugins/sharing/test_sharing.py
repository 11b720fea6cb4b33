"""Open Graph and social-card tags: every page type says what it is when shared, with its
canonical address, the department as site name and, when given, a picture with alt text."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import CONTENT, Build
from tests.functional.page_types import page_of_every_type
from tests.plugins.documents.test_documents import add_document_line, run_check

SITE = "https://dialogues.example.gov.uk"
WITH_IMAGE = "posts/2026/engagement-review-two-years-on/index.html"


def head(build: Build, page: str) -> BeautifulSoup:
    return BeautifulSoup(build.read(page), "html.parser").head


def tags(build: Build, page: str) -> dict[str, str]:
    found = {}
    for meta in head(build, page).find_all("meta"):
        key = meta.get("property") or meta.get("name") or ""
        if key.startswith(("og:", "twitter:", "article:")):
            found[key] = meta["content"]
    return found


def front_matter(source: Path) -> dict[str, str]:
    lines = source.read_text(encoding="utf-8").split("\n\n", 1)[0].splitlines()
    return {k.strip().lower(): v.strip() for k, v in (line.split(":", 1) for line in lines)}


def test_every_page_type_has_title_summary_address_and_site_name(production_build) -> None:
    for kind, page in page_of_every_type(production_build.output).items():
        card = tags(production_build, page)
        canonical = head(production_build, page).find("link", rel="canonical")["href"]
        title = head(production_build, page).title.get_text()
        assert card["og:url"] == canonical, kind
        assert card["og:url"].startswith(SITE), kind
        dublin_core = head(production_build, page).find("meta", attrs={"name": "dcterms.title"})
        assert card["og:title"] == dublin_core["content"], kind
        if kind != "redirect":  # an old address is shared as the page it moved to
            assert title.startswith(card["og:title"]), kind
        assert card["og:description"].strip(), kind
        assert card["og:site_name"].strip(), kind
        language = head(production_build, page).parent["lang"]
        assert card["og:locale"] == {"en": "en_GB", "cy": "cy_GB"}[language], kind
        assert card["twitter:card"] in ("summary", "summary_large_image"), kind
        assert card["twitter:title"] == card["og:title"], kind


def test_a_post_is_shared_as_an_article_from_its_department(production_build) -> None:
    departments = tomllib.loads((CONTENT / "departments.toml").read_text(encoding="utf-8"))
    source = front_matter(CONTENT / "posts" / "2026-11-engagement-review-two-years-on.md")
    card = tags(production_build, WITH_IMAGE)

    assert card["og:type"] == "article"
    assert card["og:site_name"] == departments[source["department"]]["name"]
    assert card["og:description"] == source["summary"]
    assert card["article:published_time"].startswith(source["date"].split()[0])


def test_a_consultation_and_its_response_name_the_consultations_department(
    production_build,
) -> None:
    departments = tomllib.loads((CONTENT / "departments.toml").read_text(encoding="utf-8"))
    source = front_matter(CONTENT / "consultations" / "party-funding-forum.md")
    name = departments[source["department"]]["name"]
    for page in ("", "response/"):
        card = tags(production_build, f"consultations/party-funding-forum/{page}index.html")
        assert card["og:type"] == "article"
        assert card["og:site_name"] == name


def test_the_image_and_its_alt_text_are_shared_from_this_site(production_build) -> None:
    source = front_matter(CONTENT / "posts" / "2026-11-engagement-review-two-years-on.md")
    path, alt = (part.strip() for part in source["image"].split("|"))
    card = tags(production_build, WITH_IMAGE)

    assert card["og:image"] == f"{SITE}/{path}"
    assert (production_build.output / path).read_bytes() == (CONTENT / path).read_bytes()
    assert card["og:image:alt"] == alt == card["twitter:image:alt"]
    assert card["twitter:card"] == "summary_large_image"
    other = tags(production_build, "about/index.html")
    assert "og:image" not in other and other["twitter:card"] == "summary"


def test_sharing_adds_no_script_and_no_other_host(production_build) -> None:
    html = head(production_build, WITH_IMAGE)
    scripts = html.find_all("script")
    assert all(script.get("type") == "application/ld+json" for script in scripts)
    for value in tags(production_build, WITH_IMAGE).values():
        if "://" in value:
            assert value.startswith(SITE + "/"), value


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("images/sharing/engagement-review-card.png", "must read 'path | alt text'"),
        ("images/none.png | A picture", "does not exist"),
        ("documents/moderation-figures-2025.csv | Data", "must be one of"),
    ],
)
def test_a_bad_image_line_fails_the_check_with_file_and_line(
    site_copy: Path, value: str, message: str
) -> None:
    source = site_copy / "posts" / "2026-01-moderation-figures-2025.md"
    line = add_document_line(source, f"Image: {value}")
    result = run_check(site_copy)
    assert result.returncode == 1
    assert f"posts/2026-01-moderation-figures-2025.md:{line}: Image " in result.stdout
    assert message in result.stdout
