"""The search index of the example site, read back as the browser reads it: the own page of
every published post, page, consultation, response and transcript, with approved comments,
filterable by department and type, and no listing, person, redirect or hidden page."""

from __future__ import annotations

import shutil
import tomllib
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup
from content_model.front_matter import read_front_matter
from search.settings import DEFAULT_IGNORE, DEFAULT_PART_SIZE
from search.site_index import index_site

from tests.conftest import CONTENT
from tests.helpers import folder_digest
from tests.plugins.comments.test_comments_on_pages import SEED, snippet
from tests.plugins.search.bundle import fragments, marked_pages, parts


def source_fields(path: Path) -> dict[str, str]:
    front = read_front_matter(path.read_text(encoding="utf-8"))
    return {field.key.lower(): field.value for field in front.fields}


@dataclass(frozen=True)
class Source:
    kind: str  # the type readers see
    title: str
    lang: str  # "" in the site's own language


def published_source_records() -> dict[str, Source]:
    """URL path → what it is, for every published source (from the sources alone)."""
    expected: dict[str, Source] = {}
    for folder, kind in (
        ("posts", "Post"),
        ("pages", "Page"),
        ("consultations", "Consultation"),
        ("responses", "Consultation response"),
        ("transcripts", "Transcript"),
    ):
        for source in sorted((CONTENT / folder).rglob("*.md")):
            fields = source_fields(source)
            if fields.get("status", "published") != "published":
                continue
            slug = fields.get("slug", source.stem)
            path = {
                "posts": f"/posts/{fields.get('date', '')[:4]}/{slug}/index.html",
                "pages": f"/{slug}/index.html",
                "consultations": f"/consultations/{slug}/index.html",
                "responses": f"/consultations/{fields.get('consultation')}/response/index.html",
                "transcripts": (
                    f"/consultations/{fields.get('consultation')}/transcripts/{slug}/index.html"
                ),
            }[folder]
            lang = fields.get("lang", "")  # a translation, under /<lang>/ (docs/bilingual.md)
            url = f"/{lang}{path}" if lang else path
            expected[url] = Source(kind, fields.get("title", ""), lang)
    return expected


def published_sources() -> dict[str, str]:
    """URL path → the type readers see, for every published source."""
    return {url: source.kind for url, source in published_source_records().items()}


def test_the_index_holds_every_published_content_page_and_nothing_else(example_build) -> None:
    indexed = fragments(example_build.output)
    expected = published_sources()

    assert len(expected) > 40
    assert {url: f["filters"]["type"] for url, f in indexed.items()} == {
        url: [kind] for url, kind in expected.items()
    }
    assert set(indexed) == marked_pages(example_build.output)


def test_listings_people_redirects_and_the_404_page_are_not_indexed(example_build) -> None:
    indexed = set(fragments(example_build.output))
    for path in (
        "/index.html",
        "/archives/index.html",
        "/tags/index.html",
        "/consultations/index.html",
        "/consultations/platform/webchat/index.html",
        "/subscribe/index.html",
        "/sitemap/index.html",
        "/search/index.html",
        "/404.html",
        "/posts/2025/what-the-bus-webchat-told-us/index.html",  # a redirect
    ):
        assert (example_build.output / path.lstrip("/")).exists(), path
        assert path not in indexed, path
    assert not any(url.startswith(("/people/", "/departments/")) for url in indexed)


def test_each_page_is_filed_under_the_department_it_shows(example_build) -> None:
    registry = tomllib.loads((CONTENT / "departments.toml").read_text(encoding="utf-8"))
    departments = {table["name"] for table in registry.values()}
    # A Welsh page shows the department's Welsh name and is filed under its English one: the
    # filter has one vocabulary in every language (docs/bilingual.md).
    welsh_names = {
        table["name"]: table.get("name_cy", table["name"]) for table in registry.values()
    }
    for url, fragment in fragments(example_build.output).items():
        page = BeautifulSoup(example_build.read(url.lstrip("/")), "html.parser")
        shown = page.find("main").get_text(" ")
        filed = fragment["filters"].get("department", [])
        if fragment["filters"]["type"] == ["Page"]:
            assert filed == [], url
        else:
            assert len(filed) == 1 and filed[0] in departments, url
            name = welsh_names[filed[0]] if url.startswith("/cy/") else filed[0]
            assert name in shown, url


def test_withdrawn_posts_are_marked_so_results_can_say_so(example_build) -> None:
    withdrawn = {
        url
        for url in fragments(example_build.output)
        if 'id="withdrawn-title"' in example_build.read(url.lstrip("/"))
    }
    assert withdrawn
    for url, fragment in fragments(example_build.output).items():
        assert (fragment["meta"].get("withdrawn") == "Withdrawn") == (url in withdrawn), url


def test_approved_comments_are_indexed_and_pending_removed_and_rejected_are_not(
    example_build,
) -> None:
    indexed = fragments(example_build.output)
    text = {
        url.removesuffix("index.html"): " ".join(f["content"].split()) for url, f in indexed.items()
    }
    checked = {"approved": 0, "hidden": 0}
    for comment in SEED:
        words = snippet(comment["body"]) if "<" not in comment["body"] else None
        if not words or comment["thread"] not in text:
            continue
        if comment["status"] == "approved":
            assert words in text[comment["thread"]], comment["id"]
            checked["approved"] += 1
        else:
            assert not any(words in content for content in text.values()), comment["id"]
            checked["hidden"] += 1
    assert checked["approved"] > 20 and checked["hidden"] > 5


def test_comment_anchors_are_indexed_so_results_can_link_to_the_comment(example_build) -> None:
    approved = {c["id"] for c in SEED if c["status"] == "approved"}
    anchored = {
        anchor["id"].removeprefix("comment-")
        for fragment in fragments(example_build.output).values()
        for anchor in fragment["anchors"]
        if anchor["id"].startswith("comment-")
    }
    assert approved <= anchored


def test_boilerplate_around_content_is_left_out(example_build) -> None:
    contents = [f["content"] for f in fragments(example_build.output).values()]
    pages_with_comments = [c for c in contents if "Comments (" in c]
    assert pages_with_comments
    for content in contents:
        assert "usually within one working day" not in content
        assert "in a feed reader" not in content
        assert "A moderator removed this comment" not in content


def test_only_the_files_the_search_page_uses_are_published(example_build) -> None:
    (bundle,) = parts(example_build.output)  # the example site fits in one part by default
    assert bundle == example_build.output / "pagefind" / "0"
    assert (bundle / "pagefind.js").is_file()
    assert (
        not list(bundle.glob("pagefind-*ui*")) and not (bundle / "pagefind-highlight.js").exists()
    )
    assert not list((example_build.output / "pagefind").glob(".pages-*"))


def test_indexing_the_same_site_twice_gives_identical_bytes(example_build, tmp_path) -> None:
    marked = {url.lstrip("/") for url in marked_pages(example_build.output)}
    digests = []
    for name in ("first", "second"):
        site = tmp_path / name
        shutil.copytree(example_build.output, site)
        shutil.rmtree(site / "pagefind")
        done = index_site(
            str(site),
            "pagefind",
            marked,
            ignore=DEFAULT_IGNORE,
            keep_index_url=True,
            part_size=DEFAULT_PART_SIZE * 1_000_000,
        )
        assert sum(found.summary.pages for found in done) == len(fragments(example_build.output))
        digests.append(folder_digest(site / "pagefind"))
    assert digests[0] == digests[1] == folder_digest(example_build.output / "pagefind")
