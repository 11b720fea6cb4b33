"""A published URL never breaks: renamed content leaves a working redirect, withdrawn content
keeps its page, and a build that would lose a listed URL stops, naming it, with file and line."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

from bs4 import BeautifulSoup
from permanent_urls.addresses import url_paths_in

from tests.conftest import CONTENT, REPO
from tests.helpers import folder_digest
from tests.plugins.content_model.test_check import run_check

LIST = CONTENT / "published-urls.txt"
REGISTRY = CONTENT / "redirects.toml"


def listed_paths(file: Path = LIST) -> list[str]:
    lines = file.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def output_file(output: Path, path: str) -> Path:
    relative = path.lstrip("/")
    return output / (relative + "index.html" if relative == "" or path.endswith("/") else relative)


def line_of(file: Path, text: str) -> int:
    lines = file.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if line.strip() == text)


def unlinked_post(content: Path) -> Path:
    """A post no other source links to, so deleting it breaks nothing but its own URL."""
    sources = sorted(content.rglob("*.md"))
    for post in sorted((content / "posts").glob("*.md")):
        if "Slug:" in post.read_text(encoding="utf-8") and not any(
            post.name in other.read_text(encoding="utf-8") for other in sources if other != post
        ):
            return post
    raise AssertionError("every example post is linked from another")


def page_redirects() -> dict[str, str]:
    registry = tomllib.loads(REGISTRY.read_text(encoding="utf-8"))
    return {old: new for old, new in registry.items() if old.endswith("/")}


def test_every_listed_url_is_still_published(example_build) -> None:
    missing = [p for p in listed_paths() if not output_file(example_build.output, p).is_file()]
    assert listed_paths(), "the example site commits its list of published URLs"
    assert missing == []


def test_the_renamed_example_post_leaves_a_redirect_that_works_without_javascript(
    production_build,
) -> None:
    assert page_redirects(), "the example site shows one renamed post"
    for old, new in page_redirects().items():
        page = BeautifulSoup(output_file(production_build.output, old).read_text(), "html.parser")
        target = f"https://dialogues.example.gov.uk{new}"
        assert page.find("link", rel="canonical")["href"] == target
        refresh = page.find("meta", attrs={"http-equiv": "refresh"})
        assert refresh["content"] == f"0; url={target}"
        main = page.find("main")
        assert target in [a["href"] for a in main.find_all("a", href=True)]
        assert "has moved" in main.get_text()
        assert [s for s in page.find_all("script") if s.get("type") != "application/ld+json"] == []
        assert output_file(production_build.output, new).is_file()
        assert old in listed_paths()


def test_redirect_links_work_when_previewing_from_disk(example_build) -> None:
    for old, new in page_redirects().items():
        page_file = output_file(example_build.output, old)
        page = BeautifulSoup(page_file.read_text(), "html.parser")
        href = page.find("main").find("a", href=re.compile("index.html$"))["href"]
        assert (page_file.parent / href).resolve() == output_file(example_build.output, new)


def test_a_removed_post_stops_the_build_naming_its_url_and_line(
    site_copy, build_site, tmp_path
) -> None:
    output = tmp_path / "output"
    assert build_site(site_copy, output).returncode == 0
    before = folder_digest(output)
    source = unlinked_post(site_copy)
    slug = re.search(r"(?m)^Slug: (.+)$", source.read_text(encoding="utf-8")).group(1)
    year = re.search(r"(?m)^Date: (\d{4})", source.read_text(encoding="utf-8")).group(1)
    source.unlink()

    build = build_site(site_copy, output)

    assert build.returncode != 0
    path = f"/posts/{year}/{slug}/"
    line = line_of(site_copy / "published-urls.txt", path)
    assert f"published-urls.txt:{line}: {path} was published and would disappear" in build.log
    assert folder_digest(output) == before, "nothing was published"


def test_withdrawing_a_post_keeps_its_page_and_passes(site_copy, build_site) -> None:
    # A withdrawn post leaves the listings; this one shortens none of them by a page (one that
    # does leaves a redirect for that page: test_withdrawals_that_shorten_listings_...).
    source = site_copy / "posts" / "2025-10-flood-season-review-2025.md"
    text = source.read_text(encoding="utf-8")
    source.write_text(
        text.replace("\n\n", "\nWithdrawn: 2026-06-01 | Superseded by newer figures.\n\n", 1)
    )

    build = build_site(site_copy)

    assert build.returncode == 0, build.log
    page = build.read("posts/2025/flood-season-review-2025/index.html")
    assert "Withdrawn" in page and "Superseded by newer figures." in page


def test_renaming_with_a_redirect_passes_and_chains_point_at_the_page(
    site_copy, build_site
) -> None:
    source = site_copy / "posts" / "2025-09-counting-who-took-part.md"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("Slug: counting-who-took-part", "Slug: who-took-part"))
    with (site_copy / "redirects.toml").open("a", encoding="utf-8") as registry:
        registry.write('"/posts/2025/counting-who-took-part/" = "/posts/2025/interim/"\n')
        registry.write('"/posts/2025/interim/" = "/posts/2025/who-took-part/"\n')
        for kind in ("atom", "rss"):
            old = f"/feeds/comments/posts/2025/counting-who-took-part.{kind}.xml"
            registry.write(f'"{old}" = "{old.replace("counting-who", "who")}"\n')

    build = build_site(site_copy)

    assert build.returncode == 0, build.log
    old_page = BeautifulSoup(
        build.read("posts/2025/counting-who-took-part/index.html"), "html.parser"
    )
    assert old_page.find("link", rel="canonical")["href"] == "/posts/2025/who-took-part/"
    feeds = build.output / "feeds" / "comments" / "posts" / "2025"
    for kind in ("atom", "rss"):
        old_feed = feeds / f"counting-who-took-part.{kind}.xml"
        assert old_feed.read_bytes() == (feeds / f"who-took-part.{kind}.xml").read_bytes()


def test_bad_redirects_are_reported_with_their_lines(site_copy, build_site, tmp_path) -> None:
    registry = site_copy / "redirects.toml"
    existing = len(registry.read_text(encoding="utf-8").splitlines())
    registry.write_text(
        registry.read_text(encoding="utf-8")
        + "not a redirect\n"
        + '"/about/" = "/privacy-notice/"\n'
        + '"/gone/" = "/nowhere/"\n'
        + '"/loop-a/" = "/loop-b/"\n'
        + '"/loop-b/" = "/loop-a/"\n'
        + '"/feeds/x.xml" = "/about/"\n',
        encoding="utf-8",
    )

    build = build_site(site_copy, tmp_path / "output")

    assert build.returncode != 0
    n = existing
    assert f"redirects.toml:{n + 1}: write one redirect per line" in build.log
    assert f"redirects.toml:{n + 6}: /feeds/x.xml is not a page" in build.log
    assert not (tmp_path / "output").exists()
    # Format problems stop the build before writing; the rest are found once pages exist.
    registry.write_text(
        "\n".join(registry.read_text(encoding="utf-8").splitlines()[:existing])
        + '\n"/about/" = "/privacy-notice/"\n"/gone/" = "/nowhere/"\n'
        + '"/loop-a/" = "/loop-b/"\n"/loop-b/" = "/loop-a/"\n',
        encoding="utf-8",
    )

    build = build_site(site_copy, tmp_path / "output")

    assert build.returncode != 0
    assert f"redirects.toml:{n + 1}: /about/ is still published" in build.log
    assert f"redirects.toml:{n + 2}: /gone/ redirects to /nowhere/, which this build did not" in (
        build.log
    )
    assert f"redirects.toml:{n + 3}: /loop-a/ is part of a redirect loop" in build.log
    assert not (tmp_path / "output").exists()


def test_update_command_adds_new_urls_and_never_removes_one(site_copy, build_site) -> None:
    source = site_copy / "posts" / "2025-09-counting-who-took-part.md"
    (site_copy / "posts" / "2025-09-a-new-post.md").write_text(
        source.read_text(encoding="utf-8").replace("counting-who-took-part", "a-new-post"),
        encoding="utf-8",
    )
    build = build_site(site_copy)
    assert build.returncode == 0, build.log
    committed = LIST.read_bytes()
    list_file = site_copy / "published-urls.txt"
    with list_file.open("a", encoding="utf-8") as handle:
        handle.write("/removed-by-hand-only.html\n")

    result = subprocess.run(
        [sys.executable, "-m", "permanent_urls", "--content", str(site_copy), str(build.output)],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": "plugins"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    paths = listed_paths(list_file)
    assert paths == sorted(paths)
    assert "/posts/2025/a-new-post/" in paths
    assert "/removed-by-hand-only.html" in paths
    assert set(listed_paths()) <= set(paths)
    assert LIST.read_bytes() == committed, "the committed list was not touched"
    assert result.stdout.startswith("published-urls: ")


SHORTENING_WITHDRAWALS = (
    # The home listing's third page holds these four and one more; with them and a post
    # tagged digital-engagement withdrawn, /page/3/ and /tags/digital-engagement/page/2/ go.
    "2025-01-why-we-publish-our-working.md",
    "2025-02-food-waste-collections-have-your-say.md",
    "2025-02-our-discussion-rules-in-plain-english.md",
    "2025-03-rural-bus-timetables-webchat.md",
    "2025-09-counting-who-took-part.md",
)


def redirect_target(output: Path, path: str) -> Path:
    """The file a redirect page's refresh leads to, as a browser reading from disk finds it."""
    page_file = output_file(output, path)
    page = BeautifulSoup(page_file.read_text(encoding="utf-8"), "html.parser")
    refresh = page.find("meta", attrs={"http-equiv": "refresh"})
    assert refresh is not None, f"{path} is not a redirect page"
    href = refresh["content"].removeprefix("0; url=")
    assert href in [a["href"] for a in page.find("main").find_all("a", href=True)]
    return (page_file.parent / href).resolve()


def test_withdrawals_that_shorten_listings_leave_redirects_to_the_last_page(
    site_copy, build_site
) -> None:
    """A listing's page numbers are not something a reader cites: when withdrawals take a
    continuation page away, its address redirects to the listing's last page, where the
    oldest items now are, and neither `make check` nor the build refuses."""
    for name in SHORTENING_WITHDRAWALS:
        source = site_copy / "posts" / name
        lines = source.read_text(encoding="utf-8").splitlines()
        lines.insert(1, "Withdrawn: 2026-06-01 | Superseded by newer figures.")
        source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert {"/page/3/", "/tags/digital-engagement/page/2/"} <= set(listed_paths())

    check = run_check(site_copy)
    build = build_site(site_copy)

    assert "would disappear" not in check.stdout + check.stderr
    assert check.returncode == 0, check.stdout + check.stderr
    assert build.returncode == 0, build.log
    assert redirect_target(build.output, "/page/3/") == output_file(build.output, "/page/2/")
    tag = "/tags/digital-engagement/"
    assert redirect_target(build.output, f"{tag}page/2/") == output_file(build.output, tag)
    assert "page/3/" not in build.read("page/2/index.html"), "the last page links no further"
    for name in SHORTENING_WITHDRAWALS:  # the posts themselves stay, with their notice
        slug = re.search(r"(?m)^Slug: (.+)$", (site_copy / "posts" / name).read_text()).group(1)
        page = build.read(f"posts/2025/{slug}/index.html")
        assert "Superseded by newer figures." in page


def test_the_published_paths_of_a_folder_leave_out_the_ignored_files(tmp_path: Path) -> None:
    for name in ("index.html", "posts/a/index.html", "theme/site.css", "pagefind/0/x.pf"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    every = {"/", "/posts/a/", "/theme/site.css", "/pagefind/0/x.pf"}
    assert url_paths_in(str(tmp_path)) == every
    assert url_paths_in(str(tmp_path), ["pagefind/*"]) == every - {"/pagefind/0/x.pf"}
    assert url_paths_in(str(tmp_path), ["pagefind/*", "*.css"]) == {"/", "/posts/a/"}
    assert url_paths_in(str(tmp_path), ["posts/a/"]) == every - {"/posts/a/"}
