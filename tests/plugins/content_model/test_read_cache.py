"""A kept reading (content_model/read_cache.py) is what reading the source gives, and is never
used once anything it depends on has changed: the source, a file its links name, a document
its front matter names, the registries, the settings."""

from __future__ import annotations

import io
import os
import pickle
import re
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from content_model import clock_window, front_matter, markdown_cache, read_ahead, read_cache, reader
from content_model.problems import BUILD_PROBLEMS
from content_model.reader import DialoguesMarkdownReader
from content_model.registries import Department, Person
from pelican import urlwrappers
from pelican.readers import MarkdownReader
from pelican.settings import read_settings

from tests.conftest import REPO

LINKING = "posts/2025-10-flood-season-review-2025.md"
LINKED = "posts/2025-04-flood-warnings-in-plain-english.md"
WITH_DOCUMENT = "consultations/wills-law-reform-forum.md"
DOCUMENT = "documents/wills-law-reform-consultation-paper.pdf"


@pytest.fixture(autouse=True)
def _no_cache_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DIALOGUES_CACHE_PATH", raising=False)
    BUILD_PROBLEMS.clear()


def settings_for(content: Path, cache: Path | None, **more: Any) -> dict[str, Any]:
    override = {"PATH": str(content), "BUILD_CACHE_PATH": str(cache) if cache else None, **more}
    settings = read_settings(str(REPO / "pelicanconf.py"), override=override)
    MarkdownReader(settings)  # as in a build: the reader adds the meta extension to MARKDOWN
    return settings


def read_all(content: Path, cache: Path | None, ahead: bool = False, **more: Any) -> dict[str, Any]:
    """Every source read as one build reads them, the caches saved as a build saves them;
    `ahead`: with the kept readings looked up by a forked copy first (read_ahead.py), as a
    build that asks whether anything changed does."""
    settings = settings_for(content, cache, **more)
    if ahead:
        reader.start_reading_ahead(settings, lambda: b"")
    source_reader = DialoguesMarkdownReader(settings)
    sources = markdown_cache.markdown_sources(str(content), reader.FOLDER_TYPES)
    read = {str(Path(s).relative_to(content)): source_reader.read(s) for s in sources}
    markdown_cache.save_build_cache()
    read_cache.save_reads()
    return read


class _Comparable(pickle.Pickler):
    """A reading as bytes: a registry entry by its identity, the settings by name."""

    def persistent_id(self, obj: Any) -> Any:
        if isinstance(obj, Person | Department):
            return (type(obj).__name__, id(obj))
        if isinstance(obj, dict) and "MARKDOWN" in obj:
            return "settings"
        return None


AHEAD = pytest.mark.parametrize("ahead", [False, True], ids=["in-turn", "read-ahead"])


def as_bytes(reading: Any) -> bytes:
    buffer = io.BytesIO()
    _Comparable(buffer, protocol=5).dump(reading)
    return buffer.getvalue()


def refuse_reading(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Sources checked afresh from here on are noted (a kept reading is not checked)."""
    checked: list[str] = []
    original = reader.check_source

    def check_source(source_path: str, *args: Any) -> Any:
        checked.append(source_path)
        return original(source_path, *args)

    monkeypatch.setattr(reader, "check_source", check_source)
    return checked


def add_paragraph(source: Path, words: str) -> Path:
    """`source` edited as a press officer edits a post: a paragraph added at its end."""
    source.write_text(source.read_text("utf-8") + f"\n{words}\n", "utf-8")
    return source


@AHEAD
def test_a_kept_reading_is_the_reading_of_the_source(
    site_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ahead: bool
) -> None:
    without = read_all(site_copy, None)
    cold = read_all(site_copy, tmp_path / "cache")
    checked = refuse_reading(monkeypatch)
    warm = read_all(site_copy, tmp_path / "cache", ahead)

    assert (tmp_path / "cache" / read_cache.FILE_NAME).exists()
    assert checked == []  # every source's reading was kept, none checked or rendered again
    assert len(without) > 40
    for name, reading in without.items():
        assert as_bytes(cold[name]) == as_bytes(reading), name
        assert as_bytes(warm[name]) == as_bytes(reading), name


def test_a_kept_reading_holds_this_builds_settings_and_registry_entries(
    site_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    read_all(site_copy, tmp_path / "cache")
    settings = settings_for(site_copy, tmp_path / "cache")
    checked = refuse_reading(monkeypatch)

    _, metadata = DialoguesMarkdownReader(settings).read(str(site_copy / LINKED))
    read_cache.save_reads()

    assert checked == []
    assert metadata["author"].settings is settings
    # The very entry this build's registries hold (its page lists the posts attached to it).
    registries = reader.registries_for(settings)
    assert metadata["person"] is registries.people[metadata["person"].key]
    assert metadata["department"] is registries.departments[metadata["department"].key]


@AHEAD
def test_an_edited_source_is_read_again(
    site_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ahead: bool
) -> None:
    read_all(site_copy, tmp_path / "cache")
    source = add_paragraph(site_copy / LINKED, "A paragraph added: okapi.")
    checked = refuse_reading(monkeypatch)

    read = read_all(site_copy, tmp_path / "cache", ahead)

    assert checked == [str(source)]
    assert "okapi" in read[LINKED][0]


def _make_draft(path: Path) -> None:
    path.write_text("Status: draft\n" + path.read_text("utf-8"), "utf-8")


CHANGES_ELSEWHERE = [
    # (what, the file changed, how, the kept source, what its problem says)
    ("its link target went", LINKED, Path.unlink, LINKING, "points at no file"),
    ("its link target became a draft", LINKED, _make_draft, LINKING, "points at a draft"),
    ("its document went", DOCUMENT, Path.unlink, WITH_DOCUMENT, "does not exist"),
]


@AHEAD
@pytest.mark.parametrize(
    ("what", "changed", "change", "source", "problem"),
    CHANGES_ELSEWHERE,
    ids=[c[0] for c in CHANGES_ELSEWHERE],
)
def test_a_kept_source_is_reported_when_a_file_it_names_changes(
    site_copy: Path,
    tmp_path: Path,
    what: str,
    changed: str,
    change: Callable[[Path], None],
    source: str,
    problem: str,
    ahead: bool,
) -> None:
    read_all(site_copy, tmp_path / "cache")
    change(site_copy / changed)

    read = read_all(site_copy, tmp_path / "cache", ahead)

    assert read[source] == ("", {"status": "skip"}), what
    assert any(
        found.path.endswith(source) and problem in found.message
        for found in BUILD_PROBLEMS.sorted()
    ), what


@AHEAD
def test_a_changed_registry_reads_every_source_again(
    site_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ahead: bool
) -> None:
    read_all(site_copy, tmp_path / "cache")
    people = site_copy / "people.toml"
    people.write_text(people.read_text("utf-8").replace("David Mensah", "Daniel Mensa"), "utf-8")
    checked = refuse_reading(monkeypatch)

    read = read_all(site_copy, tmp_path / "cache", ahead)

    assert len(checked) == len(read)
    people = [r[1]["person"] for r in read.values() if isinstance(r[1].get("person"), Person)]
    assert "Daniel Mensa" in {person.name for person in people}


@AHEAD
def test_a_changed_setting_reads_every_source_again(
    site_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ahead: bool
) -> None:
    read_all(site_copy, tmp_path / "cache")
    checked = refuse_reading(monkeypatch)

    read = read_all(site_copy, tmp_path / "cache", ahead, TIMEZONE="Europe/Dublin")

    assert len(checked) == len(read)


@AHEAD
def test_renderings_of_kept_readings_stay_in_the_markdown_cache(
    site_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ahead: bool
) -> None:
    """An edited source loads the Markdown cache (here at once: none is rendered apart),
    which keeps only what the build asked for: the other sources' renderings must stay, for
    when their readings are not kept."""
    monkeypatch.setattr(read_cache, "RENDERED_HERE", 0)
    cache = tmp_path / "cache"
    read_all(site_copy, cache)
    add_paragraph(site_copy / LINKED, "A new paragraph.")
    read = read_all(site_copy, cache, ahead=ahead)

    settings = settings_for(site_copy, cache)
    kept = markdown_cache.MarkdownCache(cache, settings["MARKDOWN"], settings["FORMATTED_FIELDS"])
    assert len(kept.file.entries) == len(read)


def test_a_kept_sources_front_matter_is_known_without_reading_the_file_again(
    site_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Other checks (translations, links to the source) ask for every source's front matter."""
    read_all(site_copy, tmp_path / "cache")
    front_matter.forget_sources()
    read_all(site_copy, tmp_path / "cache")
    files_read: list[str] = []
    original = front_matter.read_source
    monkeypatch.setattr(
        front_matter, "read_source", lambda path: files_read.append(path) or original(path)
    )

    sources = markdown_cache.markdown_sources(str(site_copy), reader.FOLDER_TYPES)
    for source in sources:
        text = Path(source).read_text("utf-8")
        assert front_matter.source_front_matter(source) == front_matter.read_front_matter(text)

    assert files_read == []


def markdown_caches_opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    opened: list[str] = []
    original = markdown_cache.MarkdownCache.__init__

    def opening(self: Any, *args: Any) -> None:
        opened.append("opened")
        original(self, *args)

    monkeypatch.setattr(markdown_cache.MarkdownCache, "__init__", opening)
    return opened


def test_a_few_edited_sources_are_rendered_without_loading_the_markdown_cache(
    site_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    read_all(site_copy, tmp_path / "cache")
    add_paragraph(site_copy / LINKED, "A paragraph added: okapi.")
    opened = markdown_caches_opened(monkeypatch)

    warm = read_all(site_copy, tmp_path / "cache")

    assert opened == []
    without = read_all(site_copy, None)
    assert "okapi" in warm[LINKED][0]
    assert as_bytes(warm[LINKED]) == as_bytes(without[LINKED])


def test_past_a_few_edited_sources_the_markdown_cache_takes_over(
    site_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(read_cache, "RENDERED_HERE", 1)
    read_all(site_copy, tmp_path / "cache")
    for name in (LINKED, LINKING):
        add_paragraph(site_copy / name, "A paragraph added.")
    opened = markdown_caches_opened(monkeypatch)

    read_all(site_copy, tmp_path / "cache")

    assert opened == ["opened"]


@pytest.fixture
def machine_in_utc() -> Iterator[None]:
    """The process's local zone is UTC for the test, and what it was afterwards."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    yield
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


@pytest.mark.usefixtures("machine_in_utc")
def test_kept_readings_share_what_fresh_readings_share(site_copy: Path, tmp_path: Path) -> None:
    """Page digests pickle many objects at once, and pickle writes an object held twice
    once: kept readings must share objects as fresh ones do, or the first build that uses
    them digests the site anew and renders every page. A date with the machine's own offset
    is read into its local zone, whose names every fresh reading shares."""
    for name in (LINKED, LINKING):
        source = site_copy / name
        text = source.read_text("utf-8")
        source.write_text(re.sub(r"^(Date: \S+ \S+)$", r"\1+00:00", text, flags=re.M), "utf-8")
    without = read_all(site_copy, None)
    read_all(site_copy, tmp_path / "cache")
    warm = read_all(site_copy, tmp_path / "cache")

    assert type(warm[LINKED][1]["date"].tzinfo).__name__ == "tzlocal"
    together = [without[LINKED], without[LINKING]]
    assert as_bytes([warm[LINKED], warm[LINKING]]) == as_bytes(together)


def test_kept_tags_and_authors_hold_their_slugs(
    site_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pelican slugifies a name when it is first hashed: a kept reading has it done."""
    read_all(site_copy, tmp_path / "cache")
    warm = read_all(site_copy, tmp_path / "cache")
    slugified: list[str] = []
    slugify = urlwrappers.slugify
    monkeypatch.setattr(
        urlwrappers, "slugify", lambda name, **kw: slugified.append(name) or slugify(name, **kw)
    )
    wrappers = [
        item
        for _, metadata in warm.values()
        for value in metadata.values()
        for item in (value if isinstance(value, list) else [value])
        if isinstance(item, urlwrappers.URLWrapper)
    ]
    assert len(wrappers) > 40
    assert {type(w).__name__ for w in wrappers} >= {"Author", "Tag"}
    assert all(wrapper.slug for wrapper in wrappers)
    assert slugified == []


def test_the_read_ahead_copy_does_the_lookups_and_link_checks(
    site_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    read_all(site_copy, tmp_path / "cache")
    looked_up: list[str] = []
    original = read_cache.ReadCache.text_of
    monkeypatch.setattr(
        read_cache.ReadCache,
        "text_of",
        lambda self, path: looked_up.append(path) or original(self, path),
    )
    checked_links: list[str] = []
    original_links = reader.link_problems
    monkeypatch.setattr(
        reader,
        "link_problems",
        lambda path, *args: checked_links.append(path) or original_links(path, *args),
    )

    in_turn = read_all(site_copy, tmp_path / "cache")
    assert len(looked_up) == len(in_turn) and checked_links
    looked_up.clear()
    checked_links.clear()
    ahead = read_all(site_copy, tmp_path / "cache", ahead=True)

    assert looked_up == [] and checked_links == []  # the copy did both
    assert {name: as_bytes(r) for name, r in ahead.items()} == {
        name: as_bytes(r) for name, r in in_turn.items()
    }


def ahead_of_a_rebuild(
    site_copy: Path, tmp_path: Path, first: Callable[[], bytes] = lambda: b""
) -> tuple[dict[str, Any], read_cache.ReadCache]:
    """A build's settings and kept readings, the readings kept by an earlier build and the
    read-ahead copy started, as a rebuild starts."""
    cache = tmp_path / "cache"
    read_all(site_copy, cache)
    settings = settings_for(site_copy, cache)
    reader.start_reading_ahead(settings, first)
    kept = read_cache.reads_for_build(settings, reader.registry_files(settings))
    assert kept is not None
    return settings, kept


def test_a_source_changed_after_the_copy_read_it_is_read_again(
    site_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings, kept = ahead_of_a_rebuild(site_copy, tmp_path)
    found = read_ahead.take(kept.file.version)  # the copy has read every source by now
    assert str(site_copy / LINKED) in found
    kept.ahead = found
    source = add_paragraph(site_copy / LINKED, "A paragraph added: tapir.")
    checked = refuse_reading(monkeypatch)

    content, _ = DialoguesMarkdownReader(settings).read(str(source))
    read_cache.save_reads()

    assert checked == [str(source)]
    assert "tapir" in content


def test_the_copys_link_checks_narrow_the_clock_window_as_checks_here_do(
    site_copy: Path, tmp_path: Path
) -> None:
    """A link check compares the build clock with publication times (an early link), and
    the window of clocks that build the same site must know each moment it compared with."""
    clock = datetime(2026, 11, 20, 12, tzinfo=UTC)
    cache = tmp_path / "cache"
    read_all(site_copy, cache, BUILD_TIME=clock_window.observe(clock))
    flips = {}
    for ahead in (False, True):
        clock_window.FLIPS.clear()
        read_all(site_copy, cache, ahead, BUILD_TIME=clock_window.observe(clock))
        flips[ahead] = set(clock_window.FLIPS)
    clock_window.FLIPS.clear()

    assert flips[False]  # the example site has links for the clock to be compared over
    assert flips[True] == flips[False]


def test_the_copy_sends_its_first_answer_before_it_looks_up_readings(
    site_copy: Path, tmp_path: Path
) -> None:
    _, kept = ahead_of_a_rebuild(
        site_copy, tmp_path, lambda: f"{os.getpid()} worked this out".encode()
    )

    answer = read_ahead.first_answer()
    found = read_ahead.take(kept.file.version)
    read_cache.save_reads()

    assert answer is not None and answer != f"{os.getpid()} worked this out".encode()
    assert answer.endswith(b" worked this out")  # by the copy, in a process of its own
    assert read_ahead.first_answer() is None  # nothing runs any more
    assert len(found) > 40


def test_a_first_answer_that_fails_in_the_copy_is_left_to_the_build(
    site_copy: Path, tmp_path: Path
) -> None:

    def fails() -> bytes:
        raise OSError("a file could not be read")

    _, kept = ahead_of_a_rebuild(site_copy, tmp_path, fails)

    assert read_ahead.first_answer() is None
    assert read_ahead.take(kept.file.version) == {}  # every source is read here, as before
    read_cache.save_reads()


def test_a_run_after_a_failed_one_uses_its_own_copys_answers(
    site_copy: Path, tmp_path: Path
) -> None:
    """Under `pelican --autoreload` a run that fails while reading leaves its kept readings
    open; the next run must not trust the link checks the last run's copy made."""
    cache = tmp_path / "cache"
    read_all(site_copy, cache)
    settings = settings_for(site_copy, cache)
    reader.start_reading_ahead(settings, lambda: b"")
    DialoguesMarkdownReader(settings).read(str(site_copy / LINKED))  # the run then fails
    _make_draft(site_copy / LINKED)  # what LINKING links to

    reader.start_reading_ahead(settings, lambda: b"")  # the next run
    reading = DialoguesMarkdownReader(settings).read(str(site_copy / LINKING))
    read_cache.save_reads()

    assert reading == ("", {"status": "skip"})
    assert any(
        found.path.endswith(LINKING) and "points at a draft" in found.message
        for found in BUILD_PROBLEMS.sorted()
    )
