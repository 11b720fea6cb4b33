"""A rebuild whose pages are the same keeps the published search index; one changed page, or a
damaged index file, makes Pagefind index the site again, so a new comment is findable at once."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import SEED_COMMENTS
from tests.helpers import folder_digest
from tests.plugins.search.bundle import fragments, parts

KEPT = "kept the published index"
BUILD_AGAIN = {"KEEP_UNCHANGED_BUILD": "false"}
WORD = "quokkaquorum"


def cached(tmp_path: Path, store: Path | None = None) -> dict[str, str]:
    env = {"DIALOGUES_CACHE_PATH": str(tmp_path / "cache"), "COLUMNS": "400"}
    if store is not None:
        env["DIALOGUES_COMMENTS_STORE"] = f"json:///{store}"
    return env


def store_with_new_comment(tmp_path: Path) -> Path:
    seed = json.loads(SEED_COMMENTS.read_text(encoding="utf-8"))
    first = next(c for c in seed["comments"] if c["status"] == "approved")
    seed["comments"].append(
        first
        | {"id": "9100", "parent": None, "body": f"A new word: {WORD}.", "official": False}
        | {"person": None, "created": "2026-11-19T09:00:00Z"}
    )
    path = tmp_path / "store.json"
    path.write_text(json.dumps(seed), encoding="utf-8")
    return path


def indexed_text(output: Path) -> str:
    return " ".join(fragment["content"] for fragment in fragments(output).values())


def test_the_same_pages_keep_the_published_index(site_copy, build_site, tmp_path) -> None:
    first = build_site(site_copy, env=cached(tmp_path), verbose=True)
    assert first.returncode == 0, first.log
    index = folder_digest(first.output / "pagefind")

    # Built again, not kept whole by the publishing plugin, which would not run the search step.
    again = build_site(site_copy, env=cached(tmp_path), verbose=True, extra_settings=BUILD_AGAIN)

    assert again.returncode == 0, again.log
    assert KEPT in again.log and KEPT not in first.log
    assert folder_digest(again.output / "pagefind") == index


def test_pages_rendered_again_to_the_same_bytes_keep_the_published_index(
    site_copy, build_site, tmp_path
) -> None:
    """Every page a new file (none kept from the published site), with the same bytes: their
    digests are read from the files again, and the index is still kept."""
    first = build_site(site_copy, env=cached(tmp_path), verbose=True)
    assert first.returncode == 0, first.log
    index = folder_digest(first.output / "pagefind")

    again = build_site(
        site_copy,
        env=cached(tmp_path),
        verbose=True,
        extra_settings=BUILD_AGAIN | {"KEEP_UNCHANGED_PAGES": "false"},
    )

    assert again.returncode == 0, again.log
    assert "kept from the published site" not in again.log
    assert KEPT in again.log
    assert folder_digest(again.output / "pagefind") == index


def test_a_new_comment_is_indexed_on_the_next_build(site_copy, build_site, tmp_path) -> None:
    first = build_site(site_copy, env=cached(tmp_path), verbose=True)
    assert first.returncode == 0, first.log
    assert WORD not in indexed_text(first.output)

    after = build_site(
        site_copy, env=cached(tmp_path, store_with_new_comment(tmp_path)), verbose=True
    )

    assert after.returncode == 0, after.log
    assert KEPT not in after.log
    assert WORD in indexed_text(after.output)


def test_a_damaged_published_index_is_not_copied(site_copy, build_site, tmp_path) -> None:
    first = build_site(site_copy, env=cached(tmp_path), verbose=True)
    assert first.returncode == 0, first.log
    index = folder_digest(first.output / "pagefind")
    fragment = next((parts(first.output)[0] / "fragment").iterdir())
    fragment.write_bytes(b"damaged by hand")

    again = build_site(site_copy, env=cached(tmp_path), verbose=True, extra_settings=BUILD_AGAIN)

    assert again.returncode == 0, again.log
    assert KEPT not in again.log
    assert folder_digest(again.output / "pagefind") == index
