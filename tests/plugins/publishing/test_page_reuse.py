"""A rebuild keeps the pages nothing changed (publishing/page_reuse.py), and its site is byte
for byte the site a build from nothing makes of the same inputs, whatever changed: a comment,
a moderator's removal, a post's body or title, a person, a template, a hand-edited page, the
clock. Whole builds with the real `pelican` command and the example site.
"""

from __future__ import annotations

import json
import re
import runpy
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from tests.conftest import REPO, Build
from tests.helpers import files_containing, folder_digest, write_post
from tests.plugins.publishing.rebuilds import POST, POST_PAGE, Site, append, window_of

CONSULTATION_THREAD = "/consultations/environment-forum-green-spaces/"
POST_COMMENT = "1"  # an approved comment on POST, with a reply
NEW_WORDS = "okapi thistle lantern"


SHORT_LIVED = (
    "Title: A short-lived post\nDate: 2026-11-02 09:00\nAuthor: david-mensah\n"
    "Department: cabinet-office\nSummary: Published, then taken down.\nSlug: short-lived"
)


def folders(root: Path) -> set[str]:
    """Every folder under `root`: a rebuild leaves none that a build from nothing would not."""
    return {str(path.relative_to(root)) for path in root.rglob("*") if path.is_dir()}


def kept_and_rendered(build: Build) -> tuple[int, int]:
    """The pages kept and rendered, summed over the writing processes' log lines."""
    found = re.findall(r"Pages: (\d+) kept from the published site, (\d+)", build.log)
    assert found, build.log
    return sum(int(k) for k, _ in found), sum(int(r) for _, r in found)


def titles_read(build: Build) -> int:
    """How many pages' titles the sitemap read from their files (sitemap/titles.py)."""
    found = re.findall(r"Sitemap: \d+ pages \((\d+) titles read", build.log)
    assert len(found) == 1, build.log
    return int(found[0])


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _later(clock: str, days: int) -> str:
    return (datetime.fromisoformat(clock) + timedelta(days=days)).isoformat()


Change = Callable[[Site], None]
CHANGES: list[tuple[str, Change, bool]] = [
    # (what, change, whether most pages are still kept)
    ("a new comment on a post", lambda s: s.add_comment("Approved a minute ago."), True),
    (
        "a removed comment",
        lambda s: s.moderate(POST_COMMENT, status="removed", reason="rule-4"),
        True,
    ),
    (
        "a new comment on a consultation",
        lambda s: s.add_comment("A green space.", CONSULTATION_THREAD, "9002"),
        True,
    ),
    ("an edited post", lambda s: append(s.content / POST, "A paragraph added today."), True),
    (
        "a hand-edited published page",
        lambda s: append(s.output / "archives" / "index.html", "<!-- edited by hand -->"),
        True,
    ),
    (
        "a new title",
        lambda s: _replace(s.content / POST, "Title: Why we publish", "Title: How we publish"),
        False,
    ),
    (
        "a renamed person",
        lambda s: _replace(s.content / "people.toml", "David Mensah", "David K. Mensah"),
        False,
    ),
    (
        "an edited template",
        lambda s: append(s.theme / "templates" / "article.html", "{# a note #}"),
        False,
    ),
    ("a clock a month later", lambda s: setattr(s, "clock", _later(s.clock, 31)), False),
]


@pytest.mark.parametrize(("what", "change", "mostly_kept"), CHANGES, ids=[c[0] for c in CHANGES])
def test_a_rebuild_is_the_site_a_build_from_nothing_makes(
    site_copy: Path, tmp_path: Path, what: str, change: Change, mostly_kept: bool
) -> None:
    site = Site(tmp_path, site_copy)
    site.settings["KEEP_UNCHANGED_BUILD"] = "false"
    first = site.build()
    assert kept_and_rendered(first)[0] == 0  # nothing published yet

    change(site)
    rebuilt = site.build()
    kept, rendered = kept_and_rendered(rebuilt)
    assert rendered > 0, f"{what}: no page was rendered again"
    if mostly_kept:
        assert kept > 5 * rendered, f"{what}: {kept} kept, {rendered} rendered"
        # A kept page is the file whose title the last build read: only new files are read.
        assert 0 < titles_read(rebuilt) <= rendered, what
    else:
        assert kept < rendered, f"{what}: {kept} kept, {rendered} rendered"

    from_nothing = site.build(tmp_path / "from-nothing", tmp_path / "empty-cache")
    assert kept_and_rendered(from_nothing)[0] == 0
    assert folder_digest(site.output) == folder_digest(from_nothing.output), what
    assert folders(site.output) == folders(from_nothing.output), what


def test_a_deleted_posts_folder_leaves_with_it(site_copy: Path, tmp_path: Path) -> None:
    site = Site(tmp_path, site_copy)
    site.settings["KEEP_UNCHANGED_BUILD"] = "false"
    site.build()
    source = write_post(site_copy, "2026-11-short-lived.md", SHORT_LIVED)
    site.build()
    assert (site.output / "posts/2026/short-lived/index.html").is_file()

    source.unlink()
    site.build()
    assert not (site.output / "posts/2026/short-lived").exists()
    from_nothing = site.build(tmp_path / "from-nothing", tmp_path / "empty-cache")
    assert folders(site.output) == folders(from_nothing.output)
    assert folder_digest(site.output) == folder_digest(from_nothing.output)


def test_a_removed_comment_leaves_every_page_on_the_next_build(
    site_copy: Path, tmp_path: Path
) -> None:
    site = Site(tmp_path, site_copy)
    site.settings["KEEP_UNCHANGED_BUILD"] = "false"
    site.add_comment(f"Approved this morning: {NEW_WORDS}.")
    site.build()
    assert len(files_containing(site.output, NEW_WORDS)) >= 2  # its page and its feeds

    site.moderate("9001", status="removed", reason="rule-4")
    rebuilt = site.build()
    assert kept_and_rendered(rebuilt)[0] > 0
    assert files_containing(site.output, NEW_WORDS) == []
    assert "rule-4" in (site.output / POST_PAGE).read_text("utf-8")  # the tombstone cites it


def test_a_kept_page_is_the_published_file_itself(site_copy: Path, tmp_path: Path) -> None:
    """Kept pages are hard links to the published files (no bytes copied), and a later
    build's rendering never writes into a published file."""
    site = Site(tmp_path, site_copy)
    site.settings["KEEP_UNCHANGED_BUILD"] = "false"
    site.build()
    archives = site.output / "archives" / "index.html"
    post = site.output / POST_PAGE
    before = archives.stat().st_ino, post.read_bytes()

    site.add_comment("Approved a minute ago.")
    site.build()
    assert archives.stat().st_ino == before[0]  # kept: the same file
    assert post.read_bytes() != before[1]  # rendered: a new file with the comment
    assert b"Approved a minute ago." in post.read_bytes()


def test_pages_are_all_rendered_when_keeping_is_off(site_copy: Path, tmp_path: Path) -> None:
    site = Site(tmp_path, site_copy)
    site.settings["KEEP_UNCHANGED_BUILD"] = "false"
    site.build()
    site.add_comment("Approved a minute ago.")
    site.settings["KEEP_UNCHANGED_PAGES"] = "false"
    rebuilt = site.build()
    assert "kept from the published site" not in rebuilt.log


LATE_PLUGIN = """
from pelican import signals


def note(path, context):
    article = context.get("article")
    if article is not None and "late_note" not in vars(article):
        article.late_note = "worked out while pages were written"


def register():
    signals.content_written.connect(note)
"""


def test_an_attribute_added_while_pages_are_written_keeps_no_page(
    site_copy: Path, tmp_path: Path
) -> None:
    """What an object gains while pages are written was never digested: a page that read it
    could be stale, so the build says so and the next one renders every page."""
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "late_note.py").write_text(LATE_PLUGIN, encoding="utf-8")
    names = list(runpy.run_path(str(REPO / "pelicanconf.py"))["PLUGINS"])
    names.insert(names.index("publishing"), "late_note")
    site = Site(tmp_path, site_copy)
    site.settings["KEEP_UNCHANGED_BUILD"] = "false"
    site.settings["PLUGINS"] = json.dumps(names)
    site.settings["PLUGIN_PATHS"] = json.dumps(["plugins", str(plugins)])

    first = " ".join(site.build().log.split())  # the log wraps long lines
    assert "Pages: none can be kept by the next build" in first
    assert "late_note while pages were written" in first
    site.add_comment("Approved a minute ago.")
    assert kept_and_rendered(site.build())[0] == 0


def test_kept_pages_give_the_clock_window_a_build_from_nothing_gives(
    site_copy: Path, tmp_path: Path
) -> None:
    """A kept page adds again the clock's flips it noted (only the two around the clock are
    recorded), so the window within which the next build may keep the site is the same."""
    site = Site(tmp_path, site_copy)
    site.build()
    site.add_comment("Approved a minute ago.")
    assert kept_and_rendered(site.build())[0] > 0
    site.build(tmp_path / "from-nothing", tmp_path / "empty-cache")
    assert window_of(site.cache) == window_of(tmp_path / "empty-cache")


def test_a_feed_kept_whole_stays_in_the_feed_cache(site_copy: Path, tmp_path: Path) -> None:
    """A build that keeps a feed without making its document still tells the feed cache it
    was used, so a later build that must make every document again (an edited template)
    links the unchanged feed instead of writing it afresh."""
    site = Site(tmp_path, site_copy)
    site.settings["KEEP_UNCHANGED_BUILD"] = "false"
    site.build()
    site.add_comment("Approved a minute ago.")
    assert kept_and_rendered(site.build())[0] > 0
    feed = site.output / "feeds/comments/posts/2025/flood-season-review-2025.atom.xml"
    inode = feed.stat().st_ino

    append(site.theme / "templates" / "article.html", "{# a note #}")
    site.build()
    assert feed.stat().st_ino == inode


WITH_A_MAP = (
    "Title: A route with its map\nDate: 2026-11-03 09:00\nAuthor: david-mensah\n"
    "Department: cabinet-office\nSummary: The route, with its map attached.\nSlug: with-a-map"
)


def test_a_page_that_attaches_a_file_is_rendered_on_every_build(
    site_copy: Path, tmp_path: Path
) -> None:
    """Pelican's {attach} moves the attached file beside the page as the page is rendered:
    a kept page could leave the file where it lies in the content folder. (The rule's version
    was a constant, so a recorded page matched it and was kept: this test failed.)"""
    (site_copy / "images" / "route-map.txt").write_text("The route, as text.\n", "utf-8")
    write_post(
        site_copy,
        "2026-11-with-a-map.md",
        WITH_A_MAP,
        "The route is on [the map]({attach}../images/route-map.txt).",
    )
    site = Site(tmp_path, site_copy)
    site.settings["KEEP_UNCHANGED_BUILD"] = "false"
    first = site.build()
    assert first.returncode == 0, first.log
    attached = site.output / "posts/2026/with-a-map/route-map.txt"
    assert attached.is_file()
    page = site.output / "posts/2026/with-a-map/index.html"
    published = page.stat().st_ino

    site.add_comment("Approved a minute ago.")  # on another post
    rebuilt = site.build()
    assert kept_and_rendered(rebuilt)[0] > 0
    assert page.stat().st_ino != published  # rendered again, not the published file kept
    assert attached.is_file()
    assert not (site.output / "images/route-map.txt").exists()
    from_nothing = site.build(tmp_path / "from-nothing", tmp_path / "empty-cache")
    assert folder_digest(site.output) == folder_digest(from_nothing.output)
