"""What the public sees of the example comments: exactly the approved ones, threaded, with
official replies badged and removed ones as tombstones citing the rule; nothing else."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup

from tests.conftest import SEED_COMMENTS
from tests.helpers import files_containing

SEED = json.loads(SEED_COMMENTS.read_text(encoding="utf-8"))["comments"]


def page_for(thread: str) -> str:
    return thread.strip("/") + "/index.html"


def snippet(body: str) -> str | None:
    """A distinctive run of plain words from a comment body, as it appears in the HTML;
    None when the body is too short to have one."""
    runs = re.findall(r"[A-Za-z0-9][A-Za-z0-9 ]{11,}", body)
    return max(runs, key=len).strip()[:40] if runs else None


def test_snippets_of_approved_comments_are_found(example_build) -> None:
    """The control for every absence check below: the same words are found when published."""
    plain = [c for c in by_status("approved") if "<" not in c["body"] and snippet(c["body"])]
    assert len(plain) > 20
    for comment in plain:
        assert files_containing(example_build.output, snippet(comment["body"])), comment["id"]


def by_status(status: str) -> list[dict]:
    return [c for c in SEED if c["status"] == status]


def test_seed_has_every_kind_of_comment() -> None:
    for status in ("approved", "pending", "rejected", "removed"):
        assert by_status(status), status
    assert any(c["official"] for c in SEED)
    assert any(
        c["parent"] and any(p["id"] == c["parent"] and p["parent"] for p in SEED) for c in SEED
    ), "a reply to a reply"


def test_approved_comments_appear_on_their_page_with_anchor_and_text(example_build) -> None:
    for comment in by_status("approved"):
        page = BeautifulSoup(example_build.read(page_for(comment["thread"])), "html.parser")
        item = page.find(id=f"comment-{comment['id']}")
        assert item is not None, comment["id"]
        assert item.find("a", href=f"#comment-{comment['id']}") is not None
        if not comment["official"]:
            assert comment["author"] in item.get_text(" ")


def test_each_comment_shows_the_day_it_was_made_in_the_sites_time_zone(example_build) -> None:
    """A comment made at 23:02 UTC on 11 July 2025 was made on 12 July in London, as the
    post dates around it are; its <time> keeps the exact moment for machines."""
    zone = ZoneInfo("Europe/London")  # pelicanconf.py TIMEZONE
    days_apart = 0
    for comment in by_status("approved") + by_status("removed"):  # tombstones are dated too
        made = datetime.fromisoformat(comment["created"].replace("Z", "+00:00"))
        page = BeautifulSoup(example_build.read(page_for(comment["thread"])), "html.parser")
        shown = page.find(id=f"comment-{comment['id']}").find("time")
        local = made.astimezone(zone)
        assert shown.get_text() == f"{local.day} {local:%B %Y}", comment["id"]
        assert datetime.fromisoformat(shown["datetime"]) == made
        days_apart += local.date() != made.astimezone(UTC).date()
    assert days_apart  # the example has comments made late in the evening, British time


def test_replies_are_nested_under_their_parent(example_build) -> None:
    replies = [c for c in by_status("approved") if c["parent"]]
    published = {c["id"] for c in SEED if c["status"] in ("approved", "removed")}
    assert replies
    for reply in replies:
        if reply["parent"] not in published:
            continue
        page = BeautifulSoup(example_build.read(page_for(reply["thread"])), "html.parser")
        parent = page.find(id=f"comment-{reply['parent']}")
        assert parent.find(id=f"comment-{reply['id']}") is not None, reply["id"]


def test_official_replies_are_badged_with_name_and_role(example_build) -> None:
    import tomllib

    from tests.conftest import CONTENT

    people = tomllib.loads((CONTENT / "people.toml").read_text(encoding="utf-8"))
    official = [c for c in by_status("approved") if c["official"]]
    assert official
    for comment in official:
        page = BeautifulSoup(example_build.read(page_for(comment["thread"])), "html.parser")
        header = page.find(id=f"comment-{comment['id']}").find(class_="dialogues-comment__header")
        text = header.get_text(" ")
        assert "Official reply" in text
        assert people[comment["person"]]["name"] in text
        assert people[comment["person"]]["role"] in text
    ordinary = next(c for c in by_status("approved") if not c["official"])
    page = BeautifulSoup(example_build.read(page_for(ordinary["thread"])), "html.parser")
    assert (
        "Official reply"
        not in page.find(id=f"comment-{ordinary['id']}")
        .find(class_="dialogues-comment__header")
        .get_text()
    )


def test_removed_comments_are_tombstones_citing_the_rule(example_build) -> None:
    for comment in by_status("removed"):
        page = BeautifulSoup(example_build.read(page_for(comment["thread"])), "html.parser")
        item = page.find(id=f"comment-{comment['id']}")
        tombstone = item.find(class_="dialogues-comment__tombstone")
        link = tombstone.find("a")
        assert link["href"].endswith(f"discussion-rules/index.html#{comment['reason']}")
        number = comment["reason"].removeprefix("rule-")
        assert f"Rule {number}" in link.get_text()
        assert files_containing(example_build.output, snippet(comment["body"])) == []


@pytest.mark.parametrize("status", ["pending", "rejected"])
def test_unpublished_comments_reach_no_file(example_build, status) -> None:
    checked = [c for c in by_status(status) if snippet(c["body"])]
    assert len(checked) >= 3
    for comment in checked:
        assert files_containing(example_build.output, snippet(comment["body"])) == []
        page = BeautifulSoup(example_build.read(page_for(comment["thread"])), "html.parser")
        assert page.find(id=f"comment-{comment['id']}") is None


def test_no_email_or_ip_address_reaches_any_file(example_build) -> None:
    for comment in SEED:
        assert files_containing(example_build.output, comment["email"]) == []
        assert files_containing(example_build.output, comment["ip"]) == []


def test_hostile_comment_bodies_leave_no_script_handler_or_dangerous_url(example_build) -> None:
    for path in example_build.pages():
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        assert page.find_all(["iframe", "object", "embed", "frame"]) == []
        for script in page.find_all("script"):
            # JSON-LD data, or the search page's own script served from this site.
            own = str(script.get("src", "")).endswith("search/search.js")
            assert script.get("type") == "application/ld+json" or own, (path, script)
            assert not script.get("src", "").startswith(("http:", "https:", "//")), path
        for section in page.find_all(class_="dialogues-comments"):
            assert section.find_all(["svg", "math", "form", "img", "style", "input"]) == []
        for element in page.find_all(True):
            for attribute, value in element.attrs.items():
                assert not attribute.lower().startswith("on"), (path, element)
                if attribute in ("href", "src", "action", "formaction"):
                    assert (
                        not str(value)
                        .strip()
                        .lower()
                        .startswith(("javascript:", "vbscript:", "data:"))
                    ), (path, value)
    hostile = [c for c in by_status("approved") if "<" in c["body"] or "javascript:" in c["body"]]
    assert len(hostile) >= 5


def test_comment_links_get_nofollow_ugc_noopener(example_build) -> None:
    linked = [c for c in by_status("approved") if "](https://" in c["body"]]
    assert linked
    for comment in linked:
        page = BeautifulSoup(example_build.read(page_for(comment["thread"])), "html.parser")
        body = page.find(id=f"comment-{comment['id']}").find(class_="dialogues-comment__body")
        for link in body.find_all("a"):
            assert set(link["rel"]) >= {"nofollow", "ugc", "noopener"}


def test_counts_in_listings_match_approved_comments(example_build) -> None:
    home = BeautifulSoup(example_build.read("index.html"), "html.parser")
    for link in home.select('a[href$="#comments"]'):
        target = link["href"].split("#")[0]
        thread = "/" + target.removeprefix("./").removesuffix("index.html")
        expected = sum(1 for c in by_status("approved") if c["thread"] == thread)
        assert link.get_text(" ").split()[0] == str(expected), thread


def test_comment_modes_open_closed_and_off(example_build) -> None:
    from tests.conftest import CONTENT

    modes = {}
    for source in (CONTENT / "posts").glob("*.md"):
        text = source.read_text(encoding="utf-8")
        mode = re.search(r"^Comments:\s*(\w+)", text, re.M)
        slug = re.search(r"^Slug:\s*(\S+)", text, re.M)[1]
        year = re.search(r"^Date:\s*(\d{4})", text, re.M)[1]
        modes[f"posts/{year}/{slug}/index.html"] = mode[1] if mode else "open"
    assert set(modes.values()) == {"open", "closed", "off"}
    for path, mode in modes.items():
        page = BeautifulSoup(example_build.read(path), "html.parser")
        section = page.find("section", class_="dialogues-comments")
        if mode == "off":
            assert section is None, path
        elif mode == "closed":
            assert "Comments are closed" in section.get_text(), path
        else:
            assert "Comments are open" in section.get_text(), path
            assert section.find("a", href=re.compile("discussion-rules")) is not None


def test_a_closed_discussion_without_comments_says_none_were_made(build_site) -> None:
    """A closed consultation with no comments said "No comments yet.", "the comments below"
    and "the comments above": it should say that none were made, and that comments are
    closed, and point at nothing. (A week after the example clock, when the Downing Street
    webchat has closed without a comment on its page.)"""
    from tests.conftest import CONTENT

    build = build_site(CONTENT, build_time="2026-11-28T17:00:00Z")
    assert build.returncode == 0, build.log
    closed_and_empty = []
    for path in sorted(build.output.glob("consultations/*/index.html")):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        section = page.find("section", class_="dialogues-comments")
        if section is None or section.find(class_="dialogues-comment") is not None:
            continue
        if "Comments are closed" not in section.get_text():
            continue
        closed_and_empty.append(path)
        text = " ".join(page.find("main").get_text(" ").split())
        assert "No comments were made." in text and "No comments yet." not in text, path
        assert "comments above" not in text and "comments below" not in text, path
    assert closed_and_empty  # the example has closed consultations nobody commented on
