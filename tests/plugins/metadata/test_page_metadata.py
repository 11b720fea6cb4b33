"""Described: every page carries its canonical address, schema.org JSON-LD and Dublin Core."""

from __future__ import annotations

import json
import tomllib
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from content_model.front_matter import read_front_matter

from tests.conftest import CONTENT
from tests.functional.test_example_site import POSTS

SITE = "https://dialogues.example.gov.uk"
PEOPLE = tomllib.loads((CONTENT / "people.toml").read_text(encoding="utf-8"))
DEPARTMENTS = tomllib.loads((CONTENT / "departments.toml").read_text(encoding="utf-8"))
LONDON = ZoneInfo("Europe/London")
DUBLIN_CORE = ("title", "creator", "publisher", "language", "identifier", "type", "format")


def head_of(build, relative: str) -> BeautifulSoup:
    return BeautifulSoup(build.read(relative), "html.parser").find("head")


def own_url(relative: str) -> str:
    return f"{SITE}/" + relative.removesuffix("index.html")


def json_ld(head: BeautifulSoup) -> dict:
    scripts = head.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    node = json.loads(scripts[0].string)
    assert node["@context"] == "https://schema.org"
    return node


def dublin_core(head: BeautifulSoup) -> dict[str, str]:
    return {
        meta["name"].removeprefix("dcterms."): meta["content"]
        for meta in head.find_all("meta", attrs={"name": True})
        if meta["name"].startswith("dcterms.")
    }


def relative_pages(build) -> list[str]:
    return [str(page.relative_to(build.output)) for page in build.pages()]


def test_every_page_has_one_canonical_link_json_ld_and_dublin_core(production_build) -> None:
    pages = relative_pages(production_build)
    assert len(pages) > 40
    for relative in pages:
        head = head_of(production_build, relative)
        canonicals = head.find_all("link", rel="canonical")
        assert len(canonicals) == 1, relative
        moved = head.find("meta", attrs={"http-equiv": "refresh"})
        expected = moved["content"].split("url=", 1)[1] if moved else own_url(relative)
        assert canonicals[0]["href"] == expected, relative
        node = json_ld(head)
        assert node.get("url", node.get("@id")) == expected, relative
        core = dublin_core(head)
        assert set(DUBLIN_CORE) <= set(core), relative
        assert core["identifier"] == expected and core["title"], relative


@pytest.mark.parametrize("post", POSTS, ids=[post.slug for post in POSTS])
def test_posts_are_blog_postings_by_their_author_and_department(production_build, post) -> None:
    head = head_of(production_build, post.path)
    node = json_ld(head)
    assert node["@type"] == "BlogPosting"
    assert node["headline"] == post.title
    published = post.date.replace(tzinfo=LONDON)
    assert datetime.fromisoformat(node["datePublished"]) == published
    assert node["author"]["@type"] == "Person"
    assert node["author"]["name"] == PEOPLE[post.author]["name"]
    assert node["author"]["url"] == f"{SITE}/people/{post.author}/"
    assert node["publisher"]["@type"] == "GovernmentOrganization"
    assert node["publisher"]["name"] == DEPARTMENTS[post.department]["name"]
    assert set(node.get("keywords", [])) == set(post.tags)
    core = dublin_core(head)
    assert core["creator"] == PEOPLE[post.author]["name"]
    assert core["publisher"] == DEPARTMENTS[post.department]["name"]
    assert datetime.fromisoformat(core["issued"]) == published


def test_people_are_persons_and_departments_government_organisations(production_build) -> None:
    for key, person in PEOPLE.items():
        node = json_ld(head_of(production_build, f"people/{key}/index.html"))
        assert node["@type"] == "Person"
        assert (node["name"], node["jobTitle"]) == (person["name"], person["role"])
        department = DEPARTMENTS[person["department"]]["name"]
        assert node["worksFor"]["name"] == department
    for key, department in DEPARTMENTS.items():
        node = json_ld(head_of(production_build, f"departments/{key}/index.html"))
        assert node["@type"] == "GovernmentOrganization"
        assert node["name"] == department["name"]
        assert node.get("alternateName") == department.get("acronym")


def test_withdrawn_posts_say_so_in_their_description(production_build) -> None:
    withdrawn = [p for p in POSTS if "Withdrawn:" in _source(p).read_text(encoding="utf-8")]
    assert withdrawn, "the example site has a withdrawn post"
    for post in withdrawn:
        node = json_ld(head_of(production_build, post.path))
        assert node["creativeWorkStatus"] == "Withdrawn"


def test_json_ld_cannot_end_its_script_element(site_copy, build_site) -> None:
    registry = site_copy / "people.toml"
    key = next(iter(PEOPLE))
    hostile = "Jo </script><script>alert(1)</script> & Co"
    registry.write_text(
        registry.read_text(encoding="utf-8").replace(
            f'name = "{PEOPLE[key]["name"]}"', f'name = "{hostile}"', 1
        ),
        encoding="utf-8",
    )

    build = build_site(site_copy)

    assert build.returncode == 0, build.log
    head = head_of(build, f"people/{key}/index.html")
    assert [s.get("type") for s in head.find_all("script")] == ["application/ld+json"]
    assert json_ld(head)["name"] == hostile


def _source(post) -> Path:
    for source in (CONTENT / "posts").glob("*.md"):
        if f"Slug: {post.slug}" in source.read_text(encoding="utf-8") or source.stem == post.slug:
            return source
    raise AssertionError(post.slug)


def test_consultations_are_online_events_and_responses_reports(production_build) -> None:
    sources = sorted((CONTENT / "consultations").glob("*.md"))
    checked = 0
    for source in sources:
        front = read_front_matter(source.read_text(encoding="utf-8"))
        page = production_build.output / "consultations" / source.stem / "index.html"
        if not page.exists():
            continue  # not announced yet at the example build clock
        node = json_ld(head_of(production_build, str(page.relative_to(production_build.output))))
        assert node["@type"] == "Event", source.name
        opens = datetime.fromisoformat(front.first("opens").value)
        assert datetime.fromisoformat(node["startDate"]) == opens.replace(tzinfo=LONDON)
        department = DEPARTMENTS[front.first("department").value]["name"]
        assert node["organizer"]["name"] == department
        assert node["eventAttendanceMode"].endswith("OnlineEventAttendanceMode")
        response = page.parent / "response" / "index.html"
        if response.exists():
            report = json_ld(head_of(production_build, str(response.relative_to(page.parents[2]))))
            assert report["@type"] == "Report"
            assert report["about"]["url"] == own_url(f"consultations/{source.stem}/")
            assert report["publisher"]["name"] == department
        checked += 1
    assert checked >= 3
