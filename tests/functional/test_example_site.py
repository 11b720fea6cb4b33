"""The example site as a reader sees it: every page type, its titles, people, departments,
dates, the links between them and pagination, checked against the sources."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from content_model.front_matter import read_front_matter

from tests.conftest import CONTENT


@dataclass
class SourcePost:
    title: str
    slug: str
    date: datetime
    author: str
    department: str
    tags: list[str]
    status: str
    withdrawn: bool = False  # a withdrawn post keeps its page and is in no listing

    @property
    def path(self) -> str:
        return f"posts/{self.date:%Y}/{self.slug}/index.html"


def source_posts() -> list[SourcePost]:
    posts = []
    for source in sorted((CONTENT / "posts").glob("*.md")):
        fm = read_front_matter(source.read_text(encoding="utf-8"))

        def value(name: str, default: str = "", fm=fm) -> str:
            found = fm.first(name)
            return found.value if found else default

        posts.append(
            SourcePost(
                title=value("title"),
                slug=value("slug", source.stem),
                date=datetime.fromisoformat(value("date")),
                author=value("author"),
                department=value("department"),
                tags=[t.strip() for t in value("tags").split(",") if t.strip()],
                status=value("status", "published"),
                withdrawn=bool(fm.first("withdrawn")),
            )
        )
    return [p for p in posts if p.status == "published"]


PEOPLE = tomllib.loads((CONTENT / "people.toml").read_text(encoding="utf-8"))
DEPARTMENTS = tomllib.loads((CONTENT / "departments.toml").read_text(encoding="utf-8"))
POSTS = source_posts()
LISTED = [post for post in POSTS if not post.withdrawn]


def soup(build, relative: str) -> BeautifulSoup:
    return BeautifulSoup(build.read(relative), "html.parser")


def main_text(page: BeautifulSoup) -> str:
    main = page.find("main")
    assert main is not None, "every page has a <main> landmark"
    return " ".join(main.get_text(" ").split())


def link_targets(build, relative: str) -> set[str]:
    """Every internal link on a page, resolved to a path under the output folder."""
    page = soup(build, relative)
    base = Path(relative).parent
    targets = set()
    for anchor in page.find_all("a", href=True):
        href = anchor["href"]
        parts = urlsplit(href)
        if parts.scheme or href.startswith(("#", "mailto:")):
            continue
        resolved = (base / unquote(parts.path)).as_posix()
        targets.add(_normalise(resolved))
    return targets


def _normalise(path: str) -> str:
    parts: list[str] = []
    for part in path.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            parts.pop()
        else:
            parts.append(part)
    return "/".join(parts)


def test_example_content_is_large_enough() -> None:
    assert len(DEPARTMENTS) >= 6
    assert len(PEOPLE) >= 8
    assert len(POSTS) >= 20
    assert POSTS[-1].date.year - min(p.date for p in POSTS).year >= 1


def test_home_lists_newest_posts_first_and_paginates(example_build) -> None:
    newest = sorted(LISTED, key=lambda p: p.date, reverse=True)
    home = main_text(soup(example_build, "index.html"))
    positions = [home.find(post.title) for post in newest[:10]]
    assert all(position >= 0 for position in positions), "the ten newest posts are on the home page"
    assert positions == sorted(positions), "newest first"
    assert newest[10].title not in home
    assert "page/2/index.html" in link_targets(example_build, "index.html")
    assert newest[10].title in main_text(soup(example_build, "page/2/index.html"))


@pytest.mark.parametrize("post", POSTS, ids=[p.slug for p in POSTS])
def test_post_page_shows_title_author_department_date_and_tags(example_build, post) -> None:
    page = soup(example_build, post.path)
    assert page.find("h1").get_text(strip=True) == post.title
    assert post.title in page.title.get_text()
    text = main_text(page)
    assert PEOPLE[post.author]["name"] in text
    assert PEOPLE[post.author]["role"] in text
    assert DEPARTMENTS[post.department]["name"] in text
    targets = link_targets(example_build, post.path)
    assert f"people/{post.author}/index.html" in targets
    assert f"departments/{post.department}/index.html" in targets
    times = [t["datetime"] for t in page.find_all("time", datetime=True)]
    assert any(t.startswith(post.date.strftime("%Y-%m-%d")) for t in times)
    for tag in post.tags:
        assert any(t.startswith("tags/") for t in targets), tag


def test_person_pages_list_everything_they_wrote(example_build) -> None:
    for key, person in PEOPLE.items():
        page = soup(example_build, f"people/{key}/index.html")
        assert page.find("h1").get_text(" ", strip=True).startswith(person["name"])
        text = main_text(page)
        assert person["role"] in text
        for post in POSTS:
            listed = post.author == key and not post.withdrawn
            assert (post.title in text) == listed, (key, post.title)


def test_department_pages_list_their_posts_and_people(example_build) -> None:
    for key, department in DEPARTMENTS.items():
        page = soup(example_build, f"departments/{key}/index.html")
        assert department["name"] in page.find("h1").get_text(" ", strip=True)
        text = main_text(page)
        for post in POSTS:
            listed = post.department == key and not post.withdrawn
            assert (post.title in text) == listed, (key, post.title)
        for person in PEOPLE.values():
            if person["department"] == key:
                assert person["name"] in text


def test_indexes_of_people_departments_tags_and_archives(example_build) -> None:
    people = main_text(soup(example_build, "people/index.html"))
    assert all(person["name"] in people for person in PEOPLE.values())
    departments = main_text(soup(example_build, "departments/index.html"))
    assert all(d["name"] in departments for d in DEPARTMENTS.values())
    archives = main_text(soup(example_build, "archives/index.html"))
    assert all((post.title in archives) != post.withdrawn for post in POSTS)
    for year in {post.date.year for post in POSTS}:
        year_page = main_text(soup(example_build, f"archives/{year}/index.html"))
        for post in POSTS:
            assert (post.title in year_page) == (post.date.year == year and not post.withdrawn)


def test_tag_pages_list_exactly_the_tagged_posts(example_build) -> None:
    tags_index = link_targets(example_build, "tags/index.html")
    tag_pages = sorted(t for t in tags_index if t.startswith("tags/") and t != "tags/index.html")
    assert tag_pages
    for tag_page in tag_pages:
        more = sorted((example_build.output / tag_page).parent.glob("page/*/index.html"))
        text = " ".join(
            main_text(soup(example_build, str(p.relative_to(example_build.output))))
            for p in [example_build.output / tag_page, *more]
        )
        slug = tag_page.split("/")[1]
        for post in POSTS:
            tagged = slug in {t.lower().replace(" ", "-") for t in post.tags}
            tagged = tagged and not post.withdrawn
            assert (post.title in text) == tagged, (tag_page, post.title)


def test_discussion_rules_have_stable_numbered_anchors(example_build) -> None:
    page = soup(example_build, "discussion-rules/index.html")
    anchors = [
        element["id"] for element in page.find_all(id=True) if element["id"].startswith("rule-")
    ]
    assert anchors[:3] == ["rule-1", "rule-2", "rule-3"]
    assert anchors == [f"rule-{n}" for n in range(1, len(anchors) + 1)]


def test_site_pages_exist_and_are_linked_from_every_page(example_build) -> None:
    for slug in (
        "discussion-rules",
        "moderation-policy",
        "privacy-notice",
        "accessibility-statement",
        "about",
    ):
        assert (example_build.output / slug / "index.html").exists()
        assert f"{slug}/index.html" in link_targets(example_build, "index.html")
    not_found = soup(example_build, "404.html")
    assert not_found.find("h1").get_text(strip=True) == "Page not found"


def test_the_page_not_found_offers_ways_on_that_resolve_at_any_depth(example_build) -> None:
    """A reader who lands on a missing address needs links: to the home page, search, the
    listings and an address to write to. The page is served for any path, so its links are
    written from the site's root."""
    main = soup(example_build, "404.html").find("main")
    links = [a["href"] for a in main.find_all("a")]
    paths = [href for href in links if href.startswith("/")]
    for wanted in ("/", "/search/", "/departments/", "/people/", "/tags/", "/archives/"):
        assert wanted in paths, wanted
    for path in paths:
        assert (example_build.output / path.lstrip("/") / "index.html").is_file(), path
    assert any(href.startswith("mailto:") for href in links)


def test_every_internal_link_on_every_page_resolves(example_build) -> None:
    broken = []
    for page in example_build.pages():
        relative = str(page.relative_to(example_build.output))
        if relative == "404.html":
            continue  # served at any depth; its links are absolute to the site in production
        for target in link_targets(example_build, relative):
            candidate = example_build.output / target
            if not (candidate.is_file() or (candidate / "index.html").is_file()):
                broken.append(f"{relative} -> {target}")
    assert broken == []


def test_no_page_needs_javascript_or_another_host(example_build) -> None:
    for page in example_build.pages():
        html = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        scripts = [str(s["src"]) for s in html.find_all("script", src=True)]
        if page.relative_to(example_build.output).parts[-2:] == ("search", "index.html"):
            # Search is an enhancement: its script is the site's own; the page works without it.
            assert all(src.endswith("search/search.js") for src in scripts), scripts
        else:
            assert scripts == [], page
        fetched = html.find_all(["img", "script", "iframe", "source", "video", "audio"])
        fetched += [
            link
            for link in html.find_all("link")
            if not {"canonical", "alternate"} & set(link.get("rel", []))
        ]
        for element in fetched:
            for attribute in ("href", "src", "srcset"):
                value = element.get(attribute, "")
                assert not value.startswith(("http:", "https:", "//")), (page, value)


def test_department_pages_list_their_consultations(example_build) -> None:
    by_department: dict[str, list[str]] = {}
    for source in sorted((CONTENT / "consultations").glob("*.md")):
        fm = read_front_matter(source.read_text(encoding="utf-8"))
        status = fm.first("status")
        if status and status.value != "published":
            continue
        by_department.setdefault(fm.first("department").value, []).append(fm.first("title").value)
    assert len(by_department) >= 3
    for key in DEPARTMENTS:
        section = soup(example_build, f"departments/{key}/index.html").find(
            class_="dialogues-department-consultations"
        )
        listed = [a.get_text(strip=True) for a in section.find_all("a")] if section else []
        for title in by_department.get(key, []):
            assert title in listed, (key, title)
        assert len(listed) <= len(by_department.get(key, []))


def test_production_pages_link_the_sites_clean_addresses(production_build) -> None:
    """With publishconf.py every page is at a clean address (`/`, `/posts/2026/x/`); the home
    page's pagination linked `/index.html`, a second address for the same page."""
    site = "https://dialogues.example.gov.uk"  # publishconf.py SITEURL
    found = []
    for page in production_build.pages():
        html = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for link in html.find_all("a", href=True):
            href = link["href"].split("#")[0]
            if href.startswith(site) and href.endswith("index.html"):
                found.append(f"{page.relative_to(production_build.output)} -> {href}")
    assert found == []
