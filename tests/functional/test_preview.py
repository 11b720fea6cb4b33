"""`make preview`: drafts and embargoed content built into a separate folder, every page marked
"Preview: not published" and asking not to be indexed; `output/` never holds any of it, and a
preview refuses to write there."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import CONTENT, REPO, run_build
from tests.functional.browser import chromium, serve
from tests.functional.test_accessibility import AXE, AXE_TAGS, RUN_AXE
from tests.functional.test_html_validity import VNU
from tests.helpers import files_containing, folder_digest, write_post
from tests.plugins.consultations.sources import CLOCK, WEEK, iso, write_consultation, write_source

CANARIES = {
    "draft post": ("posts/2026/draft-canary/index.html", "wombatpreviewdraft"),
    "embargoed post": ("posts/2026/future-canary/index.html", "quollpreviewembargo"),
    "draft page": ("draft-page/index.html", "numbatpreviewpage"),
    "embargoed consultation": ("consultations/future-canary/index.html", "dingopreviewconsult"),
}
POST = "Title: {word} post\nDate: {date}\nAuthor: david-mensah\nDepartment: cabinet-office\n"
POST += "Summary: A canary.\nSlug: {slug}{extra}"


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory):
    """The same sources built as a preview and as the published site."""
    root = tmp_path_factory.mktemp("preview")
    content = root / "content"
    shutil.copytree(CONTENT, content)
    front = POST.format(
        word="wombatpreviewdraft",
        date="2026-06-01 09:00",
        slug="draft-canary",
        extra="\nStatus: draft",
    )
    write_post(content, "draft-canary.md", front, "The secret word is wombatpreviewdraft.")
    future = iso(CLOCK + timedelta(days=2))
    front = POST.format(word="quollpreviewembargo", date=future, slug="future-canary", extra="")
    write_post(content, "future-canary.md", front, "The secret word is quollpreviewembargo.")
    write_source(
        content, "pages", "draft-page", "Title: numbatpreviewpage\nStatus: draft", "A draft page."
    )
    write_consultation(
        content,
        "future-canary",
        iso(CLOCK + WEEK),
        iso(CLOCK + 3 * WEEK),
        "",
        "The secret word is dingopreviewconsult.",
    )
    preview = run_build(content, root / "preview", settings_file="previewconf.py")
    published = run_build(content, root / "output")
    assert preview.returncode == 0, preview.log
    assert published.returncode == 0, published.log
    return preview, published, content


def test_every_preview_page_is_marked_and_asks_not_to_be_indexed(builds) -> None:
    preview, _published, _content = builds
    pages = preview.pages()
    assert len(pages) > 40
    for page in pages:
        html = soup(page)
        banner = html.find(id="preview-title")
        assert banner is not None and banner.get_text(strip=True) == "Preview: not published", page
        assert banner.find_parent("main") is not None, page
        robots = html.head.find_all("meta", attrs={"name": "robots"})
        assert [m["content"] for m in robots] == ["noindex"], page
    assert (preview.output / "robots.txt").read_text() == "User-agent: *\nDisallow: /\n"


@pytest.mark.parametrize("case", CANARIES)
def test_drafts_and_embargoed_content_are_in_the_preview(builds, case: str) -> None:
    preview, _published, _content = builds
    path, word = CANARIES[case]
    assert word in preview.read(path)


def test_a_preview_page_says_why_it_is_not_public_yet(builds) -> None:
    preview, _published, _content = builds
    draft = soup(preview.output / CANARIES["draft post"][0])
    assert draft.find(attrs={"data-preview-state": "draft"}) is not None
    embargoed = soup(preview.output / CANARIES["embargoed post"][0])
    note = embargoed.find(attrs={"data-preview-state": "embargoed"})
    assert note.find("time")["datetime"].startswith((CLOCK + timedelta(days=2)).date().isoformat())
    published_post = next(p for p in preview.output.glob("posts/2025/*/index.html"))
    assert soup(published_post).find(attrs={"data-preview-state": True}) is None


def test_the_published_build_has_no_preview_content_and_no_marking(builds) -> None:
    _preview, published, _content = builds
    for _case, (path, word) in CANARIES.items():
        assert files_containing(published.output, word) == [], word
        assert not (published.output / path).exists()
    assert files_containing(published.output, "Preview: not published") == []
    assert files_containing(published.output, 'content="noindex"') == []


def test_a_preview_never_writes_into_output(builds, tmp_path: Path) -> None:
    _preview, published, content = builds
    output = tmp_path / "output"
    shutil.copytree(published.output, output)
    before = folder_digest(output)

    refused = run_build(content, output, settings_file="previewconf.py")

    assert refused.returncode == 2
    assert refused.stderr.strip().splitlines()[-1] == (
        "error: a preview never writes into output/, where the published site lives: build it "
        "into preview/ (make preview), or another folder"
    )
    assert folder_digest(output) == before
    assert not (tmp_path / "output.partial").exists()


def test_make_preview_builds_with_the_preview_settings_into_preview() -> None:
    dry_run = subprocess.run(
        ["make", "-n", "preview"], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    commands = [line for line in dry_run.stdout.splitlines() if "pelican content" in line]
    assert commands == [".venv/bin/pelican content -s previewconf.py -o preview"]


def test_preview_pages_are_valid_html(builds) -> None:
    preview, _published, _content = builds
    java = shutil.which("java")
    if not java or not VNU.exists():
        pytest.skip("Java or npm vnu-jar is missing: run `make test`")
    pages = [preview.output / path for path, _word in CANARIES.values()]
    pages.append(preview.output / "index.html")
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, pages)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    assert [m for m in messages if m.get("type") == "error"] == []


def test_preview_pages_meet_wcag(builds) -> None:
    preview, _published, _content = builds
    if not AXE.exists():
        pytest.skip("npm axe-core is not installed: run `make test`")
    source = AXE.read_text(encoding="utf-8")
    found = {}
    with serve(preview.output) as base, chromium() as browser:
        for path in [CANARIES["draft post"][0], CANARIES["embargoed consultation"][0]]:
            browser.get(base + path)  # type: ignore[attr-defined]
            browser.execute_script(source)  # type: ignore[attr-defined]
            found[path] = browser.execute_async_script(RUN_AXE, AXE_TAGS)  # type: ignore[attr-defined]
    assert found == {path: [] for path in found}


def test_a_preview_follows_links_to_drafts_which_a_published_build_refuses(
    site_copy: Path, tmp_path: Path
) -> None:
    front = POST.format(word="draft", date="2026-06-01 09:00", slug="linked-draft", extra="")
    write_post(site_copy, "linked-draft.md", front + "\nStatus: draft", "Draft text.")
    front = POST.format(word="linking", date="2026-06-02 09:00", slug="linking", extra="")
    write_post(site_copy, "linking.md", front, "See [the draft]({filename}linked-draft.md).")

    preview = run_build(site_copy, tmp_path / "preview", settings_file="previewconf.py")
    published = run_build(site_copy, tmp_path / "output")

    assert preview.returncode == 0, preview.log
    link = soup(preview.output / "posts/2026/linking/index.html").find("a", string="the draft")
    assert link["href"].endswith("posts/2026/linked-draft/index.html")
    assert published.returncode == 1
    assert (
        f"{site_copy}/posts/linking.md:8: link {{filename}}linked-draft.md points at a draft, "
        "which is never published: remove the link, or publish the draft first (take out its "
        "`Status: draft`)" in published.stderr.splitlines()
    )
