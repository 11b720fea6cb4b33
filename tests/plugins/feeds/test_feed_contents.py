"""What each feed of the example site carries, checked against the sources: which posts and
comments, how many, newest first, and dates a feed reader can trust."""

from __future__ import annotations

import json
import tomllib
from collections import defaultdict
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from bs4 import BeautifulSoup
from content_model.front_matter import read_front_matter

import pelicanconf
from tests.conftest import CONTENT, EXAMPLE_BUILD_TIME, SEED_COMMENTS
from tests.plugins.feeds.feedfiles import (
    ATOM,
    DEVELOPMENT_URL,
    atom_items,
    feed_files,
    parse,
    rss_items,
)

ZONE = ZoneInfo(pelicanconf.TIMEZONE)
PEOPLE = tomllib.loads((CONTENT / "people.toml").read_text(encoding="utf-8"))
SEED = json.loads(SEED_COMMENTS.read_text(encoding="utf-8"))["comments"]


def local(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=ZONE)


def source_posts() -> list[dict]:
    posts = []
    for source in sorted((CONTENT / "posts").glob("*.md")):
        fm = read_front_matter(source.read_text(encoding="utf-8"))
        values = {f.name: f.value for f in fm.fields}
        if values.get("status", "published") != "published":
            continue
        date = local(values["date"])
        posts.append(
            {
                "title": values["title"],
                "path": f"/posts/{date:%Y}/{values.get('slug', source.stem)}/",
                "date": date,
                "author": values["author"],
                "department": values["department"],
                "tags": [t.strip() for t in values.get("tags", "").split(",") if t.strip()],
                "comments": values.get("comments", "open"),
                "changed": ([local(values["modified"])] if "modified" in values else [])
                + [local(f.value.split("|")[0].strip()) for f in fm.all("correction")]
                + [local(f.value.split("|")[0].strip()) for f in fm.all("withdrawn")],
                "withdrawn": bool(fm.first("withdrawn")),
            }
        )
    return sorted(posts, key=lambda p: p["date"], reverse=True)


POSTS = source_posts()
LIMIT = pelicanconf.FEEDS_MAX_ITEMS
COMMENTS_LIMIT = pelicanconf.FEEDS_COMMENTS_MAX_ITEMS


def path_of(link: str) -> str:
    """A post's clean path from its link in a development build."""
    return "/" + link.split("/", 3)[3].removesuffix("index.html")


def slug(tag: str) -> str:
    return tag.lower().replace(" ", "-")


def test_site_feed_has_the_newest_posts_newest_first_up_to_the_limit(example_build) -> None:
    assert len(POSTS) > LIMIT, "the example site has more posts than a feed holds"
    expected = [post["path"] for post in POSTS[:LIMIT]]
    atom = atom_items(example_build.output / "feeds/all.atom.xml")
    rss = rss_items(example_build.output / "feeds/all.rss.xml")
    assert [path_of(item.link) for item in atom] == expected
    assert [path_of(item.link) for item in rss] == expected


def test_department_person_and_tag_feeds_hold_exactly_their_posts(example_build) -> None:
    groups: dict[str, list[str]] = defaultdict(list)
    for post in POSTS:
        groups[f"departments/{post['department']}"].append(post["path"])
        groups[f"people/{post['author']}"].append(post["path"])
        for tag in post["tags"]:
            groups[f"tags/{slug(tag)}"].append(post["path"])
    for person in PEOPLE:
        groups.setdefault(f"people/{person}", [])
    assert len(groups) > 25
    for key, expected in groups.items():
        items = atom_items(example_build.output / f"feeds/{key}.atom.xml")
        assert [path_of(item.link) for item in items] == expected[:LIMIT], key


def test_published_and_updated_are_kept_apart(example_build) -> None:
    items = {item.link: item for item in atom_items(example_build.output / "feeds/all.atom.xml")}
    changed = 0
    for post in POSTS[:LIMIT]:
        item = next(i for link, i in items.items() if path_of(link) == post["path"])
        published = datetime.fromisoformat(item.published)
        updated = datetime.fromisoformat(item.updated)
        assert published == post["date"], post["title"]
        assert updated == max([post["date"], *post["changed"]]), post["title"]
        changed += updated != published
    assert changed, "the example site has corrected posts"
    feed = parse(example_build.output / "feeds/all.atom.xml")
    newest = max(datetime.fromisoformat(i.updated) for i in items.values())
    assert datetime.fromisoformat(feed.findtext(f"{ATOM}updated")) == newest


def test_a_withdrawn_post_says_so_in_its_title(example_build) -> None:
    withdrawn = [post for post in POSTS[:LIMIT] if post["withdrawn"]]
    assert withdrawn, "the example site has a withdrawn post"
    items = atom_items(example_build.output / "feeds/all.atom.xml")
    for post in POSTS[:LIMIT]:
        item = next(i for i in items if path_of(i.link) == post["path"])
        prefix = "Withdrawn: " if post["withdrawn"] else ""
        assert item.title == prefix + post["title"]


def approved_by_thread() -> dict[str, list[dict]]:
    modes = {post["path"]: post["comments"] for post in POSTS}
    threads: dict[str, list[dict]] = defaultdict(list)
    for comment in SEED:
        if comment["status"] == "approved" and modes.get(comment["thread"], "off") != "off":
            threads[comment["thread"]].append(comment)
    return threads


def newest_first(comments: list[dict]) -> list[str]:
    ordered = sorted(comments, key=lambda c: (c["created"], c["id"]), reverse=True)
    return [f"#comment-{c['id']}" for c in ordered]


def anchor(link: str) -> str:
    return link[link.index("#") :]


def test_each_threads_feed_has_its_approved_comments_newest_first(example_build) -> None:
    threads = approved_by_thread()
    assert len(threads) > 10
    for thread, comments in threads.items():
        items = atom_items(example_build.output / f"feeds/comments{thread.rstrip('/')}.atom.xml")
        anchors = [anchor(item.link) for item in items]
        assert anchors == newest_first(comments)[:COMMENTS_LIMIT], thread
        by_anchor = {f"#comment-{c['id']}": c for c in comments}
        for item in items:
            comment = by_anchor[anchor(item.link)]
            if comment["official"] and comment["person"] in PEOPLE:
                assert PEOPLE[comment["person"]]["name"] in item.title
            else:
                assert (comment["author"] or "Anonymous") in item.title


def test_posts_with_comments_off_have_no_comments_feed(example_build) -> None:
    off = [post for post in POSTS if post["comments"] == "off"]
    assert off
    for post in off:
        assert not (
            example_build.output / f"feeds/comments{post['path'].rstrip('/')}.atom.xml"
        ).exists()


def badged_official_replies(example_build) -> list[tuple[str, str]]:
    """(time, #anchor) of every comment a page badges "Official reply", on pages with a
    comments feed: from the comment store and from content/replies/ alike."""
    found = []
    for name in feed_files(example_build.output):
        if not (name.startswith("feeds/comments/") and name.endswith(".atom.xml")):
            continue
        link = parse(example_build.output / name).find(f"{ATOM}link[@rel='alternate']")
        page = link.get("href").removeprefix(DEVELOPMENT_URL + "/")
        html = BeautifulSoup(example_build.read(page), "html.parser")
        for item in html.select("li.dialogues-comment--official"):
            created = item.find(class_="dialogues-comment__header").find("time")["datetime"]
            found.append((datetime.fromisoformat(created).astimezone(UTC).isoformat(), item["id"]))
    return found


def test_official_replies_feed_has_every_official_reply_badged_on_a_page(example_build) -> None:
    badged = badged_official_replies(example_build)
    seeded = [
        comment
        for comments in approved_by_thread().values()
        for comment in comments
        if comment["official"] and comment["person"] in PEOPLE
    ]
    assert len(badged) > len(seeded) > 5, "official replies from the store and from git"
    assert {f"comment-{c['id']}" for c in seeded} <= {anchor for _, anchor in badged}
    items = atom_items(example_build.output / "feeds/official-replies.atom.xml")
    expected = [f"#{anchor}" for _, anchor in sorted(badged, reverse=True)][:COMMENTS_LIMIT]
    assert [anchor(item.link) for item in items] == expected
    thread_ids = {
        item.id
        for name in feed_files(example_build.output)
        if name.startswith("feeds/comments/") and name.endswith(".atom.xml")
        for item in atom_items(example_build.output / name)
    }
    assert {item.id for item in items} <= thread_ids, "a reply has one id in every feed"


def test_feed_updated_comes_from_the_newest_item_never_the_clock(example_build) -> None:
    clock = datetime.fromisoformat(EXAMPLE_BUILD_TIME.replace("Z", "+00:00"))
    for feed in (example_build.output / "feeds").rglob("*.atom.xml"):
        root = parse(feed)
        updated = datetime.fromisoformat(root.findtext(f"{ATOM}updated"))
        entries = [
            datetime.fromisoformat(e.findtext(f"{ATOM}updated"))
            for e in root.findall(f"{ATOM}entry")
        ]
        assert updated < clock, feed
        if entries:
            assert updated == max(entries), feed
        else:
            assert updated.astimezone(UTC) <= clock, feed
