"""Documents attached to consultations, responses and posts: listed with what a reader needs
before opening them, copied to a permanent address, findable, archived, and checked."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from tests.conftest import CONTENT, REPO, Build
from tests.helpers import write_post
from tests.plugins.archive.conftest import Archive, archive  # noqa: F401 (a fixture)

from .files import write_odt, write_pdf

SITE = "https://dialogues.example.gov.uk"
SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
ALLERGENS = "consultations/allergen-labelling-blog/index.html"
POST_FRONT_MATTER = """\
Title: Papers for the coastal maps
Date: {date}
Author: james-carter
Department: cabinet-office
Summary: The papers behind the draft maps.
"""


def soup(build: Build, page: str) -> BeautifulSoup:
    return BeautifulSoup(build.read(page), "html.parser")


def listed(build: Build, page: str) -> list[dict[str, str]]:
    """Each document the page lists: its link, title and the line under it."""
    section = soup(build, page).find("section", class_="dialogues-documents")
    if section is None:
        return []
    found = []
    for item in section.find_all("li", class_="dialogues-document"):
        link = item.find("a")
        found.append(
            {
                "href": link["href"],
                "title": link.get_text(strip=True),
                "metadata": item.find(class_="dialogues-document__metadata").get_text(),
                "request": item.find("details"),
            }
        )
    return found


def pdf_pages(path: Path) -> int:
    """Page objects counted in the file's bytes: the example PDFs are simple enough."""
    return len(re.findall(rb"/Type /Page\b(?!s)", path.read_bytes()))


def attached_in(source: Path) -> list[tuple[str, str]]:
    return [
        tuple(part.strip() for part in line.split(":", 1)[1].split("|", 1))  # type: ignore[misc]
        for line in source.read_text(encoding="utf-8").splitlines()
        if line.startswith("Document:")
    ]


def test_a_consultation_lists_its_documents_with_format_size_and_pages(
    example_build: Build,
) -> None:
    source = CONTENT / "consultations" / "allergen-labelling-blog.md"
    written = attached_in(source)
    shown = listed(example_build, ALLERGENS)

    assert [d["title"] for d in shown] == [title for _, title in written]
    pdf, odt = (CONTENT / path for path, _ in written)
    pdf_kb = pdf.stat().st_size / 1024
    assert shown[0]["metadata"] == f"PDF, {pdf_kb:.2f} KB, {pdf_pages(pdf)} pages"
    assert pdf_pages(pdf) == 3
    assert shown[1]["metadata"] == f"ODT, {odt.stat().st_size} bytes"
    assert "page" not in shown[1]["metadata"]


def test_every_document_is_copied_unchanged_to_the_address_its_link_names(
    example_build: Build,
) -> None:
    pages = [ALLERGENS, "consultations/wills-law-reform-forum/index.html"]
    pages += ["consultations/party-funding-forum/index.html"]
    pages += ["posts/2026/moderation-figures-2025/index.html"]
    linked = 0
    for page in pages:
        documents = listed(example_build, page)
        assert documents, f"{page} lists no documents"
        for document in documents:
            target = (example_build.output / page).parent / document["href"]
            relative = target.resolve().relative_to(example_build.output.resolve())
            assert relative.parts[0] == "documents"
            assert target.read_bytes() == (CONTENT / relative).read_bytes()
            linked += 1
    assert linked >= 5


def test_each_document_offers_an_accessible_format_by_email(example_build: Build) -> None:
    for document in listed(example_build, ALLERGENS):
        request = document["request"]
        assert request is not None and request.name == "details"
        link = request.find("a", href=re.compile("^mailto:"))
        assert link.get_text() == "alternative-formats@dialogues.example.gov.uk"
        subject = link["href"].split("subject=", 1)[1]
        assert document["title"].split(":")[0].replace(" ", "%20") in subject


def test_documents_are_in_both_sitemaps(production_build: Build) -> None:
    tree = ElementTree.parse(production_build.output / "sitemap.xml")
    locations = {url.findtext("s:loc", namespaces=SITEMAP) for url in tree.getroot()}
    copied = sorted((production_build.output / "documents").iterdir())
    assert len(copied) >= 5
    for file in copied:
        assert f"{SITE}/documents/{file.name}" in locations
    html = soup(production_build, "sitemap/index.html")
    section = html.find(id="section-documents").find_parent("section")
    links = {a["href"] for a in section.find_all("a")}
    assert links == {f"{SITE}/documents/{file.name}" for file in copied}


def test_documents_are_in_the_manifest_bag_and_warc(archive: Archive) -> None:  # noqa: F811
    manifest = archive.one("*.sha256").read_text()
    bag = archive.one("*-bag")
    warc = archive.one("*.warc.gz").read_bytes()
    import gzip

    records = gzip.decompress(warc)
    for file in sorted((archive.output / "documents").iterdir()):
        assert f"  documents/{file.name}\n" in manifest
        assert (bag / "data" / "documents" / file.name).read_bytes() == file.read_bytes()
        assert f"WARC-Target-URI: {SITE}/documents/{file.name}".encode() in records


def run_check(content: Path, settings: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "content_model.check",
            "-s",
            str(settings or "pelicanconf.py"),
            str(content),
        ],
        cwd=REPO,
        env={"PYTHONPATH": f"plugins:{REPO}", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def add_document_line(source: Path, line: str) -> int:
    """Adds a Document line after the first line; returns its line number."""
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(1, line + "\n")
    source.write_text("".join(lines), encoding="utf-8")
    return 2


def test_a_missing_document_fails_the_check_and_the_build_with_file_and_line(
    site_copy: Path, build_site
) -> None:
    source = site_copy / "consultations" / "wills-law-reform-forum.md"
    line = add_document_line(source, "Document: documents/annex-b.pdf | Annex B")

    check = run_check(site_copy)
    build = build_site(site_copy)

    expected = f"consultations/wills-law-reform-forum.md:{line}: Document 'documents/annex-b.pdf'"
    assert check.returncode == 1
    assert expected in check.stdout and "does not exist" in check.stdout
    assert build.returncode != 0
    assert expected in build.log
    assert not (build.output / "index.html").exists()


def test_an_oversized_document_fails_the_check_with_file_and_line(
    site_copy: Path, tmp_path: Path
) -> None:
    write_pdf(site_copy / "documents" / "big.pdf", "Big", [["x" * 80] * 40] * 30)
    source = site_copy / "consultations" / "wills-law-reform-forum.md"
    line = add_document_line(source, "Document: documents/big.pdf | The big one")
    settings = tmp_path / "small.py"
    settings.write_text("from pelicanconf import *  # noqa\nDOCUMENTS_MAX_MB = 0.05\n")

    limited = run_check(site_copy, settings)
    default = run_check(site_copy)

    assert limited.returncode == 1
    message = f"consultations/wills-law-reform-forum.md:{line}: Document 'documents/big.pdf' is "
    assert message in limited.stdout
    assert "over the 0.05 MB limit (DOCUMENTS_MAX_MB)" in limited.stdout
    assert default.returncode == 0, default.stdout


def test_attachments_of_responses_and_posts_and_the_embargo(site_copy: Path, build_site) -> None:
    """A response's and a post's documents are listed; a document attached only to an
    embargoed post is in no output file until the post appears; a damaged PDF is reported."""
    documents = site_copy / "documents"
    write_pdf(documents / "summary.pdf", "Summary", [["One"], ["Two"]])
    write_odt(documents / "later.odt", "Later", ["Not yet."])
    response = site_copy / "responses" / "party-funding-forum-response.md"
    add_document_line(response, "Document: documents/summary.pdf | Summary of responses")
    future = POST_FRONT_MATTER.format(date="2027-01-05 09:30")
    future += "Document: documents/later.odt | Embargoed annex\n"
    write_post(site_copy, "later.md", future)
    now = POST_FRONT_MATTER.format(date="2026-11-02 09:30").replace("Papers", "Other papers")
    now += "Slug: papers-now\nDocument: documents/summary.pdf | Summary, again\n"
    write_post(site_copy, "now.md", now)

    build = build_site(site_copy)

    assert build.returncode == 0, build.log
    shown = listed(build, "consultations/party-funding-forum/response/index.html")
    size = (documents / "summary.pdf").stat().st_size
    assert [(d["title"], d["metadata"]) for d in shown] == [
        ("Summary of responses", f"PDF, {size} bytes, 2 pages")
    ]
    assert [d["title"] for d in listed(build, "posts/2026/papers-now/index.html")] == [
        "Summary, again"
    ]
    assert (build.output / "documents" / "summary.pdf").exists()
    assert not (build.output / "documents" / "later.odt").exists()
    assert not any("later.odt" in p.read_text() for p in build.output.rglob("*.xml"))


def test_a_damaged_pdf_is_reported_with_file_and_line(site_copy: Path, build_site) -> None:
    (site_copy / "documents" / "broken.pdf").write_bytes(b"%PDF-1.4\nnot really a pdf\n")
    source = site_copy / "consultations" / "wills-law-reform-forum.md"
    line = add_document_line(source, "Document: documents/broken.pdf | Broken")

    build = build_site(site_copy)

    assert build.returncode != 0
    assert (
        f"consultations/wills-law-reform-forum.md:{line}: Document 'documents/broken.pdf' "
        "is not a readable PDF"
    ) in build.log


@pytest.mark.parametrize("value", ["documents/a.pdf", "| Title only", "../pelicanconf.py | Out"])
def test_a_malformed_document_line_says_how_to_write_it(site_copy: Path, value: str) -> None:
    source = site_copy / "consultations" / "wills-law-reform-forum.md"
    line = add_document_line(source, f"Document: {value}")
    result = run_check(site_copy)
    assert result.returncode == 1
    assert f"consultations/wills-law-reform-forum.md:{line}: Document " in result.stdout
    assert "path | title" in result.stdout or "inside the content folder" in result.stdout
