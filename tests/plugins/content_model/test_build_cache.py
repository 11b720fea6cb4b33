"""The build cache (rendered Markdown and comment bodies) never shows anything stale.

Whole builds with the real `pelican` command: a build from a warm cache is byte for byte a
build without one, and a removed comment or an edited post shows on the very next build.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import SEED_COMMENTS, Build
from tests.helpers import files_containing, folder_digest

POST = "posts/2025-01-why-we-publish-our-working.md"
POST_PAGE = "posts/2025/why-we-publish-our-working/index.html"
COMMENT = "3"  # a reply on that post that nothing cites


def store_copy(folder: Path, canary: str, status: str = "approved") -> dict[str, str]:
    """The example comments with comment 3 carrying `canary`, as the environment of a build."""
    document = json.loads(SEED_COMMENTS.read_text(encoding="utf-8"))
    for comment in document["comments"]:
        if comment["id"] == COMMENT:
            comment["body"] += f" {canary}"
            comment["status"] = status
            comment["reason"] = "rule-3" if status == "removed" else None
    path = folder / "comments.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return {"DIALOGUES_COMMENTS_STORE": f"json:///{path}"}


def test_a_build_from_a_warm_cache_is_the_build_without_one(
    site_copy: Path, build_site, tmp_path: Path
) -> None:
    with_cache = {"DIALOGUES_CACHE_PATH": str(tmp_path / "cache")}

    without: Build = build_site(
        site_copy, tmp_path / "without", extra_settings={"BUILD_CACHE_PATH": "null"}
    )
    cold: Build = build_site(site_copy, tmp_path / "site", env=with_cache)
    assert cold.returncode == 0, cold.log
    cold_digest = folder_digest(cold.output)
    warm: Build = build_site(  # a rebuild that renders, rather than keeping the site
        site_copy,
        tmp_path / "site",
        env=with_cache,
        extra_settings={"KEEP_UNCHANGED_BUILD": "false"},
    )

    for build in (without, warm):
        assert build.returncode == 0, build.log
    assert not (tmp_path / "without" / "cache").exists()
    kept = sorted(p.name for p in (tmp_path / "cache").iterdir())
    # Pages are kept by each writing process (content_model/shared_writing.py) in a file of
    # its own; feeds are written by the first process alone (search/background.py).
    assert [name for name in kept if "-of-" not in name] == [
        "comment-bodies.marshal",
        "feeds.marshal",
        "markdown.marshal",
        "pages.marshal",
        "reads.sqlite",
        "search.marshal",
        "sitemap-titles.marshal",
        "templates",
        "unchanged.marshal",
        "you-said-we-did.marshal",
    ]
    assert [name for name in kept if name.startswith("pages.1-of-")] != []
    assert cold_digest == folder_digest(without.output)
    assert folder_digest(warm.output) == folder_digest(without.output)


def test_a_removed_comment_and_an_edited_post_show_on_the_very_next_build(
    site_copy: Path, build_site, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    first = build_site(
        site_copy,
        tmp_path / "site",
        env={"DIALOGUES_CACHE_PATH": str(cache), **store_copy(tmp_path, "kinkajoucachecanary")},
    )
    assert first.returncode == 0, first.log
    assert "kinkajoucachecanary" in first.read(POST_PAGE)
    assert b"kinkajoucachecanary" in (cache / "comment-bodies.marshal").read_bytes()

    source = site_copy / POST
    text = source.read_text(encoding="utf-8")
    summary = next(line for line in text.splitlines() if line.startswith("Summary: "))
    showing_summary = files_containing(first.output, summary.removeprefix("Summary: ")[:30])
    assert len(showing_summary) > 1  # the post's page and at least one listing or feed
    source.write_text(
        text.replace("Summary: ", "Summary: Tapirsummaryedit. ", 1)
        + "\nA new closing paragraph: tapirbodyedit.\n",
        encoding="utf-8",
    )
    removed = store_copy(tmp_path, "kinkajoucachecanary", status="removed")
    second = build_site(  # a rebuild of the same site, as a scheduled build does
        site_copy, tmp_path / "site", env={"DIALOGUES_CACHE_PATH": str(cache), **removed}
    )

    assert second.returncode == 0, second.log
    assert files_containing(second.output, "kinkajoucachecanary") == []
    assert b"kinkajoucachecanary" not in (cache / "comment-bodies.marshal").read_bytes()
    page = second.read(POST_PAGE)
    assert f'id="comment-{COMMENT}"' in page  # its tombstone
    assert "tapirbodyedit" in page and "Tapirsummaryedit" in page
    assert files_containing(second.output, "Tapirsummaryedit") == showing_summary
