"""Corrections and withdrawals: dated change notes shown as a page history; a withdrawn post,
consultation, response or transcript keeps its page with a notice, date and reason, and
leaves every listing, while its feeds and every address it had stay."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from content_model.front_matter import read_front_matter

from tests.conftest import CONTENT, run_build
from tests.helpers import write_post
from tests.plugins.consultations.sources import CLOCK, WEEK, iso
from tests.plugins.content_model.test_check import run_check

FACETS = ("platform", "engagement", "audience", "department")
LISTINGS = ("index.html", "page/*/index.html", "tags/**/index.html", "archives/**/index.html")
LISTINGS += ("departments/**/index.html", "people/**/index.html", "consultations/**/index.html")


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def linking_to(output: Path, url_part: str, patterns: tuple[str, ...] = LISTINGS) -> list[str]:
    """The pages among `patterns` with a link whose address contains `url_part`."""
    found = set()
    for pattern in patterns:
        for page in output.glob(pattern):
            if any(url_part in str(a.get("href", "")) for a in soup_of(page).find_all("a")):
                found.add(str(page.relative_to(output)))
    return sorted(found)


def add_front_matter(path: Path, *lines: str) -> None:
    text = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([text[0], *lines, *text[1:]]) + "\n", encoding="utf-8")


def example_withdrawn_posts() -> list[dict[str, str]]:
    found = []
    for source in sorted((CONTENT / "posts").glob("*.md")):
        fm = read_front_matter(source.read_text(encoding="utf-8"))
        if fm.first("withdrawn"):
            date, _, reason = fm.first("withdrawn").value.partition("|")
            slug = fm.first("slug").value if fm.first("slug") else source.stem
            found.append(
                {
                    "path": f"posts/{fm.first('date').value[:4]}/{slug}/",
                    "date": date.strip(),
                    "reason": reason.strip(),
                    "author": fm.first("author").value,
                    "source": source.name,
                }
            )
    return found


def test_a_withdrawn_post_keeps_its_page_with_notice_date_and_reason(example_build) -> None:
    withdrawn = example_withdrawn_posts()
    assert withdrawn, "the example site has a withdrawn post"
    for post in withdrawn:
        page = soup_of(example_build.output / post["path"] / "index.html")
        banner = page.find(id="withdrawn-title").find_parent(class_="govuk-notification-banner")
        text = " ".join(banner.get_text(" ").split())
        assert "This post was withdrawn on" in text
        assert banner.find("time")["datetime"].startswith(post["date"][:10])
        assert post["reason"] in text


def test_a_withdrawn_post_is_in_no_listing(example_build) -> None:
    for post in example_withdrawn_posts():
        assert linking_to(example_build.output, post["path"]) == []
        assert (example_build.output / post["path"] / "index.html").exists()


def test_listing_counts_leave_out_withdrawn_posts(example_build) -> None:
    post = example_withdrawn_posts()[0]
    sources = [read_front_matter(p.read_text()) for p in (CONTENT / "posts").glob("*.md")]
    listed = [
        fm
        for fm in sources
        if fm.first("author").value == post["author"]
        and not fm.first("withdrawn")
        and not fm.first("status")
    ]
    people = soup_of(example_build.output / "people/index.html")
    row = next(li for li in people.find_all("li") if f"people/{post['author']}/" in str(li))
    count = int(re.search(r"(\d+) post", row.get_text()).group(1))
    assert count == len(listed)


def test_feeds_keep_a_withdrawn_post_to_tell_subscribers(example_build) -> None:
    post = example_withdrawn_posts()[0]
    feed = (example_build.output / "feeds/all.atom.xml").read_text(encoding="utf-8")
    assert post["path"] in feed
    assert "<title>Withdrawn: " in feed


@pytest.fixture(scope="module")
def withdrawn_archive(tmp_path_factory: pytest.TempPathFactory):
    """The example site with a consultation and a transcript withdrawn, corrections on a
    consultation and a response, and a withdrawn post that was the only one with its tag."""
    content = tmp_path_factory.mktemp("withdrawn") / "content"
    shutil.copytree(CONTENT, content)
    add_front_matter(
        content / "consultations/party-funding-forum.md",
        "Correction: 2025-05-20 | We corrected the closing date in the introduction.",
        "Withdrawn: 2026-09-01 | The review was stopped; its findings will not be used.",
    )
    add_front_matter(
        content / "responses/local-statistics-blog-response.md",
        "Correction: 2026-11-01 09:00 | We corrected the number of comments from 212 to 221.",
    )
    add_front_matter(
        content / "transcripts/bus-operators-webchat-transcript.md",
        "Withdrawn: 2026-11-01 | Published by mistake before the operators had agreed it.",
    )
    write_post(
        content,
        "lonely.md",
        "Title: The only post on kelp\nDate: 2026-06-01 09:00\nAuthor: david-mensah\n"
        "Department: cabinet-office\nSummary: Kelp.\nTags: kelpfarming\n"
        f"Withdrawn: {iso(CLOCK - WEEK)} | Kelp is out of scope.",
    )
    build = run_build(content, content.parent / "output")
    assert build.returncode == 0, build.log
    return build


def test_a_withdrawn_consultation_keeps_its_page_and_history(withdrawn_archive) -> None:
    page = soup_of(withdrawn_archive.output / "consultations/party-funding-forum/index.html")
    banner = page.find(id="withdrawn-title").find_parent(class_="govuk-notification-banner")
    text = " ".join(banner.get_text(" ").split())
    assert "This consultation was withdrawn on" in text
    assert "The review was stopped; its findings will not be used." in text
    assert banner.find("time")["datetime"].startswith("2026-09-01")
    history = page.find(id="page-history").find_parent("section")
    entries = [" ".join(li.get_text(" ").split()) for li in history.find_all("li")]
    assert entries[0].endswith("First published.")
    assert "We corrected the closing date in the introduction." in entries[1]
    assert history.find_all("time")[1]["datetime"].startswith("2025-05-20")
    assert entries[-1].endswith("Withdrawn.")


def test_a_withdrawn_consultation_leaves_every_listing(withdrawn_archive) -> None:
    output = withdrawn_archive.output
    facets = tuple(f"consultations/{facet}/*/index.html" for facet in FACETS)
    listings = ("index.html", "consultations/index.html", "departments/**/index.html", *facets)
    assert linking_to(output, "consultations/party-funding-forum/", listings) == []
    department = soup_of(output / "departments/cabinet-office/index.html")
    assert department.find(class_="dialogues-department-consultations"), "it lists the others"
    assert (output / "consultations/party-funding-forum/response/index.html").exists()
    feed = (output / "feeds/consultations/party-funding-forum.atom.xml").read_text()
    assert "party-funding-forum" in feed  # its own updates feed stays: the address was published


def test_a_correction_to_a_response_is_its_page_history(withdrawn_archive) -> None:
    page = soup_of(
        withdrawn_archive.output / "consultations/local-statistics-blog/response/index.html"
    )
    history = page.find(id="page-history").find_parent("section")
    text = " ".join(history.get_text(" ").split())
    assert "We corrected the number of comments from 212 to 221." in text
    assert [t["datetime"][:16] for t in history.find_all("time")][1] == "2026-11-01T09:00"
    assert page.find(id="withdrawn-title") is None


def test_a_withdrawn_transcript_leaves_its_consultation_page(withdrawn_archive) -> None:
    output = withdrawn_archive.output
    path = "consultations/bus-operators-webchat/transcripts/bus-operators-webchat-transcript/"
    assert linking_to(output, path) == []
    page = soup_of(output / path / "index.html")
    assert "This transcript was withdrawn on" in page.find(class_="govuk-notification-banner").text


def test_a_tag_whose_only_post_was_withdrawn_keeps_its_empty_page(withdrawn_archive) -> None:
    tag = withdrawn_archive.output / "tags/kelpfarming/index.html"
    assert tag.exists()
    assert linking_to(withdrawn_archive.output, "posts/2026/lonely/") == []
    assert (withdrawn_archive.output / "posts/2026/lonely/index.html").exists()


def test_a_withdrawal_that_shortens_a_listing_redirects_its_lost_page_to_the_listing(
    site_copy: Path, build_site, tmp_path: Path
) -> None:
    """The eleventh post tagged digital-engagement gave that tag a second page; withdrawing
    one of them takes the page away. Its address was published, but it is a position in a
    list, not anything a reader cites: it leads to the listing's last page, which is now its
    first, and neither `make check` nor the build refuses. A redirect in the registry still
    decides where such a page goes."""
    add_front_matter(
        site_copy / "posts/2025-09-counting-who-took-part.md",
        "Withdrawn: 2026-06-01 | Superseded by newer figures.",
    )
    assert "/tags/digital-engagement/page/2/" in (site_copy / "published-urls.txt").read_text()

    check = run_check(site_copy)
    automatic = build_site(site_copy, tmp_path / "automatic")
    with (site_copy / "redirects.toml").open("a", encoding="utf-8") as registry:
        registry.write('"/tags/digital-engagement/page/2/" = "/tags/participation/"\n')
    registered = build_site(site_copy, tmp_path / "registered")

    assert check.returncode == 0 and "would disappear" not in check.stdout, check.stdout
    for build, target in ((automatic, "digital-engagement"), (registered, "participation")):
        assert build.returncode == 0, build.log
        old = soup_of(build.output / "tags/digital-engagement/page/2/index.html")
        refresh = old.find("meta", attrs={"http-equiv": "refresh"})
        assert refresh["content"].endswith(f"/tags/{target}/index.html")
    old = soup_of(automatic.output / "tags/digital-engagement/page/2/index.html")
    assert "This list has fewer pages now" in old.find("h1").get_text()


def test_a_withdrawn_post_ends_its_page_history_with_the_withdrawal(withdrawn_archive) -> None:
    """docs/workflow.md: "a withdrawal is its last entry". A post's history was shown only
    when it had corrections, and never named the withdrawal; consultations' did."""
    page = soup_of(next(withdrawn_archive.output.glob("posts/*/lonely/index.html")))
    history = page.find(id="page-history").find_parent("section")
    entries = [" ".join(li.get_text(" ").split()) for li in history.find_all("li")]
    assert entries[0].endswith("First published.")
    assert entries[-1].endswith("Withdrawn.")
    assert history.find_all("time")[-1]["datetime"].startswith(iso(CLOCK - WEEK)[:10])
