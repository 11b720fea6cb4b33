"""Findable: sitemap.xml lists every public page with lastmod from content dates, the HTML
sitemap lists the same pages for people, and robots.txt turns no archive crawler away."""

from __future__ import annotations

import urllib.robotparser
import xml.etree.ElementTree as ElementTree
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bs4 import BeautifulSoup
from content_model.front_matter import read_front_matter
from sitemap.entries import relative_path

from tests.conftest import CONTENT, EXAMPLE_BUILD_TIME
from tests.helpers import write_post

SITE = "https://dialogues.example.gov.uk"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
ARCHIVE_CRAWLERS = ["ia_archiver", "archive.org_bot", "Heritrix", "UKWA", "*"]


def sitemap(output: Path) -> dict[str, str | None]:
    """loc → lastmod, from the XML sitemap."""
    tree = ElementTree.parse(output / "sitemap.xml")
    assert tree.getroot().tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
    return {
        url.findtext("s:loc", namespaces=NS): url.findtext("s:lastmod", namespaces=NS)
        for url in tree.getroot().findall("s:url", NS)
    }


def file_for(output: Path, url: str) -> Path:
    path = url.removeprefix(SITE).lstrip("/")
    return output / (path + "index.html" if path == "" or path.endswith("/") else path)


def post_dates() -> dict[str, datetime]:
    """URL → the content date the sitemap must give: Modified, else Date (in Europe/London)."""
    found = {}
    for source in sorted((CONTENT / "posts").glob("*.md")):
        fm = read_front_matter(source.read_text(encoding="utf-8"))
        status = fm.first("status")
        if (status and status.value != "published") or fm.first("withdrawn"):
            continue
        date = datetime.fromisoformat(fm.first("date").value)
        changed = datetime.fromisoformat((fm.first("modified") or fm.first("date")).value)
        slug = fm.first("slug").value if fm.first("slug") else source.stem
        found[f"{SITE}/posts/{date:%Y}/{slug}/"] = changed.replace(tzinfo=ZoneInfo("Europe/London"))
    return found


def test_sitemap_lists_every_public_page_at_its_absolute_address(production_build) -> None:
    entries = sitemap(production_build.output)
    pages = {
        f"{SITE}/" + str(page.relative_to(production_build.output)).removesuffix("index.html")
        for page in production_build.pages()
    }
    moved = {
        url
        for url in pages
        if 'http-equiv="refresh"' in file_for(production_build.output, url).read_text()
    }
    # Documents attached to published content are listed too (the documents plugin).
    documents = {
        f"{SITE}/documents/{file.name}"
        for file in (production_build.output / "documents").glob("*")
    }
    assert set(entries) == (pages - moved - {f"{SITE}/404.html"}) | documents
    assert f"{SITE}/" in entries and f"{SITE}/sitemap/" in entries


def test_lastmod_is_each_posts_modified_else_published_date(production_build) -> None:
    entries = sitemap(production_build.output)
    expected = post_dates()
    assert expected
    for url, changed in expected.items():
        assert datetime.fromisoformat(entries[url]) == changed, url
    newest = max(expected.values())
    assert datetime.fromisoformat(entries[f"{SITE}/"]) == newest, "home shows the newest post"


def test_lastmod_never_comes_from_the_build_clock(site_copy, build_site, tmp_path) -> None:
    clock = datetime.fromisoformat(EXAMPLE_BUILD_TIME)
    later = (clock + timedelta(seconds=30)).isoformat()
    one = build_site(site_copy, tmp_path / "one", settings_file="publishconf.py")
    two = build_site(site_copy, tmp_path / "two", settings_file="publishconf.py", build_time=later)

    assert one.returncode == 0 and two.returncode == 0, one.log + two.log
    assert (one.output / "sitemap.xml").read_bytes() == (two.output / "sitemap.xml").read_bytes()
    dates = [datetime.fromisoformat(d) for d in sitemap(one.output).values() if d]
    assert dates and max(dates) < clock


def test_hidden_draft_and_embargoed_posts_are_not_listed(site_copy, build_site) -> None:
    base = (CONTENT / "posts" / "2025-09-counting-who-took-part.md").read_text(encoding="utf-8")
    front, body = base.split("\n\n", 1)
    front = "\n".join(line for line in front.splitlines() if not line.startswith("Slug:"))
    write_post(site_copy, "hidden-one.md", front + "\nSlug: hidden-one\nStatus: hidden", body)
    write_post(site_copy, "draft-one.md", front + "\nSlug: draft-one\nStatus: draft", body)
    future = front.replace("Date: 2025-09-09 10:00", "Date: 2030-01-01 10:00")
    write_post(site_copy, "future-one.md", future + "\nSlug: future-one", body)

    build = build_site(site_copy, settings_file="publishconf.py")

    assert build.returncode == 0, build.log
    listed = " ".join(sitemap(build.output))
    assert (build.output / "posts/2025/hidden-one/index.html").exists()
    for slug in ("hidden-one", "draft-one", "future-one"):
        assert slug not in listed
        assert slug not in build.read("sitemap/index.html")


def test_html_sitemap_links_every_first_page_by_section(production_build) -> None:
    html = BeautifulSoup(production_build.read("sitemap/index.html"), "html.parser")
    main = html.find("main")
    links = {a["href"] for a in main.find_all("a", href=True) if not a["href"].startswith("#")}
    for url in sitemap(production_build.output):
        if "/page/" in url or url in (f"{SITE}/", f"{SITE}/sitemap/"):
            continue
        assert url in links, url
    assert f"{SITE}/sitemap.xml" in links
    headings = [h.get_text(strip=True) for h in main.find_all("h2")]
    assert {"Posts", "Departments", "People", "Tags"} <= set(headings)
    footer = html.find("footer")
    assert footer.find("a", string="Sitemap")["href"] == f"{SITE}/sitemap/"


def test_robots_txt_turns_away_no_crawler_and_names_the_sitemap(production_build) -> None:
    robots = production_build.read("robots.txt")
    parser = urllib.robotparser.RobotFileParser()
    parser.parse(robots.splitlines())
    for url in sitemap(production_build.output):
        for crawler in ARCHIVE_CRAWLERS:
            assert parser.can_fetch(crawler, url), (crawler, url)
    assert parser.site_maps() == [f"{SITE}/sitemap.xml"]


def test_a_written_file_is_named_relative_to_the_output_folder() -> None:
    assert relative_path("/srv/out/posts/2025/a/index.html", "/srv/out") == (
        "posts/2025/a/index.html"
    )
    assert relative_path("/srv/out/index.html", "/srv/out/") == "index.html"
    assert relative_path("out/tags/x/index.html", "out") == "tags/x/index.html"
    assert relative_path("/srv/out-2/index.html", "/srv/out") == "../out-2/index.html"
