"""The search index in parts: each marked page in exactly one part, by a rule that does not move
the other pages when one changes; one changed page re-indexes its part alone, and gives the same
bytes as a clean index; a bad part size is named."""

from __future__ import annotations

import json
import re
import zlib
from pathlib import Path

import pytest
from search.parts import split
from search.settings import SearchSettingsError, search_settings

from tests.conftest import SEED_COMMENTS
from tests.helpers import folder_digest
from tests.plugins.search.bundle import marked_pages, part_fragments, parts

# The example site has about 1 MB of indexed HTML: this makes several parts of it.
SMALL_PARTS = {"SEARCH_PART_SIZE": "0.25"}
THREAD = "/posts/2025/why-we-publish-our-working/"
WORD = "qznewcommentinonepart"
PART_LINE = re.compile(r"Search: part (\d+) of (\d+): (indexed|kept)")


def test_a_page_stays_in_its_part_when_another_page_is_added(tmp_path: Path) -> None:
    sizes = {f"posts/{n}/index.html": 1000 for n in range(39)}
    before = split(sizes, part_size=10_000)
    after = split({**sizes, "posts/new/index.html": 500}, part_size=10_000)

    assert before[0].count == after[0].count == 4  # 39.5 kB, 10 kB a part
    assert sorted(page for part in before for page in part.pages) == sorted(sizes)
    was = {part.number: part.pages for part in before}
    changed = [part.number for part in after if was.get(part.number) != part.pages]
    assert changed == [zlib.crc32(b"posts/new/index.html") % 4]


def test_a_small_site_is_one_part() -> None:
    (only,) = split({"b/index.html": 10, "a.html": 10}, part_size=24_000_000)
    assert only.pages == ("a.html", "b/index.html") and only.name == "part 1 of 1"
    assert only.size == 20


@pytest.mark.parametrize("bad", [0, -3, "24", True, float("nan"), float("inf"), None])
def test_a_bad_part_size_is_named(bad: object) -> None:
    with pytest.raises(SearchSettingsError, match=r"SEARCH_PART_SIZE .* positive number"):
        search_settings({"SEARCH_PART_SIZE": bad})


def test_a_part_size_in_megabytes_is_kept_in_bytes() -> None:
    assert search_settings({}).part_size == 12_000_000
    assert search_settings({"SEARCH_PART_SIZE": 0.25}).part_size == 250_000


def test_a_bad_part_size_stops_the_build_in_one_line(site_copy, build_site) -> None:
    build = build_site(site_copy, extra_settings={"SEARCH_PART_SIZE": "0"})

    assert build.returncode == 2
    errors = [line for line in build.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "SEARCH_PART_SIZE 0 must be a positive number" in errors[0]


def test_every_marked_page_is_in_exactly_one_part(site_copy, build_site) -> None:
    build = build_site(site_copy, extra_settings=SMALL_PARTS)
    assert build.returncode == 0, build.log

    bundles = parts(build.output)
    held = [set(part_fragments(bundle)) for bundle in bundles]
    count = len(bundles)
    assert count >= 3
    assert sum(len(urls) for urls in held) == len(set().union(*held))
    assert set().union(*held) == marked_pages(build.output)
    for bundle, urls in zip(bundles, held, strict=True):
        assert {zlib.crc32(url.lstrip("/").encode()) % count for url in urls} == {int(bundle.name)}
        assert (bundle / "pagefind.js").is_file()
    listing = json.loads((build.output / "pagefind" / "parts.json").read_text(encoding="utf-8"))
    assert any("cy" in part["languages"] for part in listing["parts"])  # Welsh pages too


def store_with_comment(tmp_path: Path) -> Path:
    seed = json.loads(SEED_COMMENTS.read_text(encoding="utf-8"))
    first = next(c for c in seed["comments"] if c["status"] == "approved")
    seed["comments"].append(
        first
        | {"id": "9200", "thread": THREAD, "parent": None, "person": None, "official": False}
        | {"body": f"One new word: {WORD}.", "created": "2026-11-19T09:00:00Z"}
    )
    path = tmp_path / "store.json"
    path.write_text(json.dumps(seed), encoding="utf-8")
    return path


def test_one_new_comment_re_indexes_its_part_alone(site_copy, build_site, tmp_path) -> None:
    cache = {"DIALOGUES_CACHE_PATH": str(tmp_path / "cache"), "COLUMNS": "400"}
    first = build_site(site_copy, env=cache, extra_settings=SMALL_PARTS, verbose=True)
    assert first.returncode == 0, first.log
    store = {"DIALOGUES_COMMENTS_STORE": f"json:///{store_with_comment(tmp_path)}"}

    after = build_site(site_copy, env=cache | store, extra_settings=SMALL_PARTS, verbose=True)
    clean = build_site(
        site_copy,
        tmp_path / "clean",
        env=store | {"DIALOGUES_CACHE_PATH": str(tmp_path / "clean-cache")},
        extra_settings=SMALL_PARTS,
    )

    assert after.returncode == 0 and clean.returncode == 0, after.log + clean.log
    lines = PART_LINE.findall(after.log)
    count = int(lines[0][1])
    changed = zlib.crc32(f"{THREAD.lstrip('/')}index.html".encode()) % count
    indexed = [int(number) - 1 for number, _, how in lines if how == "indexed"]
    assert indexed == [changed]
    assert len(lines) == count >= 3 and f"indexed 1 of {count} parts" in after.log
    assert WORD in json.dumps(part_fragments(after.output / "pagefind" / str(changed)))
    assert folder_digest(after.output / "pagefind") == folder_digest(clean.output / "pagefind")
