"""A renamed post keeps its discussion: comments on its old address (a thread is named by the
page's address) are shown on the page the redirect leads to, and in its comments feed."""

from __future__ import annotations

import json
from pathlib import Path

import feedparser

from tests.conftest import SEED_COMMENTS

OLD_THREAD = "/posts/2025/what-the-bus-webchat-told-us/"
NEW_PAGE = "posts/2025/rural-bus-webchat-what-you-told-us/index.html"
NEW_FEED = "feeds/comments/posts/2025/rural-bus-webchat-what-you-told-us.atom.xml"
WORDS = "the number 47 still stops at the old shelter"


def store_with_old_thread(tmp_path: Path, *, also_new: bool) -> dict[str, str]:
    seed = json.loads(SEED_COMMENTS.read_text(encoding="utf-8"))
    comments = seed["comments"]
    base = {
        "parent": None,
        "email": None,
        "ip": None,
        "official": False,
        "person": None,
        "reason": None,
        "status": "approved",
    }
    comments.append(
        base
        | {
            "id": "9001",
            "thread": OLD_THREAD,
            "author": "Early Reader",
            "body": f"Thanks for this; {WORDS}.",
            "created": "2025-05-28T09:00:00Z",
        }
    )
    if also_new:
        comments.append(
            base
            | {
                "id": "9002",
                "thread": "/posts/2025/rural-bus-webchat-what-you-told-us/",
                "author": "Later Reader",
                "body": "Written after the post moved.",
                "created": "2025-05-29T09:00:00Z",
            }
        )
    path = tmp_path / "comments.json"
    path.write_text(json.dumps(seed), encoding="utf-8")
    return {"DIALOGUES_COMMENTS_STORE": f"json:///{path}"}


def test_comments_on_the_old_address_follow_the_post(site_copy, build_site, tmp_path) -> None:
    build = build_site(site_copy, env=store_with_old_thread(tmp_path, also_new=True))

    assert build.returncode == 0, build.log
    page = build.read(NEW_PAGE)
    assert WORDS in page and 'id="comment-9001"' in page
    assert page.index("comment-9001") < page.index("comment-9002")  # oldest first
    assert "match no published page" not in " ".join(build.log.split())
    feed = feedparser.parse(build.output / NEW_FEED)
    assert any(WORDS in entry.summary for entry in feed.entries)


def test_without_the_redirect_the_old_thread_is_reported(site_copy, build_site, tmp_path) -> None:
    redirects = site_copy / "redirects.toml"
    kept = [
        line
        for line in redirects.read_text(encoding="utf-8").splitlines()
        if "what-the-bus-webchat-told-us" not in line
    ]
    redirects.write_text("\n".join(kept) + "\n", encoding="utf-8")
    published = site_copy / "published-urls.txt"
    published.write_text(
        "".join(
            line
            for line in published.read_text(encoding="utf-8").splitlines(keepends=True)
            if "what-the-bus-webchat-told-us" not in line
        ),
        encoding="utf-8",
    )

    wide = {"COLUMNS": "400"}  # so the log does not fold the warning
    build = build_site(site_copy, env=store_with_old_thread(tmp_path, also_new=False) | wide)

    assert build.returncode == 0, build.log
    assert WORDS not in build.read(NEW_PAGE)
    assert "match no published page" in build.log and OLD_THREAD in build.log
    assert "If a page moved, give its old address a redirect in" in build.log
