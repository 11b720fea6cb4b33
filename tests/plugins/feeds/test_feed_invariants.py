"""The publishing invariants, for feeds: nothing draft, embargoed, pending, rejected or removed
reaches any feed; a removal leaves the comments feeds on the next build; ids never change; the
same sources give the same bytes; bad settings stop the build with a message."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.conftest import CONTENT, EXAMPLE_BUILD_TIME, SEED_COMMENTS
from tests.helpers import files_containing, folder_digest
from tests.plugins.feeds.feedfiles import ATOM, atom_items, feed_files, parse
from tests.plugins.publishing.test_invariants import canary_post, iso

CLOCK = datetime.fromisoformat(EXAMPLE_BUILD_TIME.replace("Z", "+00:00"))
THREAD = "/posts/2025/why-we-publish-our-working/"
THREAD_FEED = "feeds/comments/posts/2025/why-we-publish-our-working.atom.xml"


def comment(number: int, word: str, status: str, created: datetime = CLOCK, **extra) -> dict:
    return {
        "id": f"canary-{number}",
        "thread": THREAD,
        "parent": None,
        "author": "Canary Reader",
        "email": "canary@example.org",
        "ip": "192.0.2.99",
        "body": f"My comment says {word}.",
        "created": created.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "status": status,
        "official": False,
        "person": None,
        "reason": "rule-1" if status == "removed" else None,
        **extra,
    }


def store_with(tmp_path: Path, *extra: dict) -> dict[str, str]:
    """The environment for a build reading the seed comments plus `extra`."""
    data = json.loads(SEED_COMMENTS.read_text(encoding="utf-8"))
    data["comments"] += list(extra)
    path = tmp_path / "comments.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return {"DIALOGUES_COMMENTS_STORE": f"json:///{path}"}


def feed_ids(output: Path) -> dict[str, str]:
    """Every feed's id and every entry's id, keyed by what they identify (file, link)."""
    ids = {}
    for name in feed_files(output):
        if name.endswith(".atom.xml"):
            ids[name] = parse(output / name).findtext(f"{ATOM}id")
            for item in atom_items(output / name):
                ids[f"{name} {item.link}"] = item.id
    return ids


def canary_consultation(content: Path, name: str, word: str, extra: str, opens: str) -> None:
    template = (content / "consultations" / "party-funding-webchat.md").read_text("utf-8")
    lines = [
        line
        for line in template.splitlines()
        if not line.startswith(("Response:", "Title:", "Opens:", "Closes:"))
    ]
    head = f"Title: {word} consultation\nOpens: {opens}\nCloses: 2027-06-30\nSlug: {name}{extra}"
    body = f"{head}\n" + "\n".join(lines) + f"\n\nThe secret word is {word}.\n"
    (content / "consultations" / f"{name}.md").write_text(body, encoding="utf-8")


def test_draft_future_pending_rejected_and_removed_reach_no_feed(
    site_copy, build_site, tmp_path
) -> None:
    canary_post(site_copy, "draft-canary.md", "zebradraftfeed", "\nStatus: draft")
    canary_post(site_copy, "hidden-canary.md", "axolotlhiddenfeed", "\nStatus: hidden")
    late = iso(CLOCK + timedelta(seconds=1))
    canary_post(site_copy, "future-canary.md", "quokkafuturefeed", date=late)
    canary_post(site_copy, "due-canary.md", "wombatduefeed", date=iso(CLOCK))
    canary_consultation(site_copy, "draft-one", "gnudraftconsult", "\nStatus: draft", "2026-11-01")
    canary_consultation(site_copy, "future-one", "yakfutureconsult", "", late)
    canary_consultation(site_copy, "due-one", "elanddueconsult", "", "2026-11-01")
    env = store_with(
        tmp_path,
        comment(1, "pelicanpendingfeed", "pending"),
        comment(2, "ibisrejectedfeed", "rejected"),
        comment(3, "tapirremovedfeed", "removed"),
        comment(4, "lemurlatefeed", "approved", created=CLOCK + timedelta(seconds=1)),
        comment(5, "okapiapprovedfeed", "approved"),
    )

    build = build_site(site_copy, env=env)

    assert build.returncode == 0, build.log
    feeds = build.output / "feeds"
    for word in (
        "zebradraftfeed",
        "axolotlhiddenfeed",
        "quokkafuturefeed",
        "pelicanpendingfeed",
        "ibisrejectedfeed",
        "tapirremovedfeed",
        "lemurlatefeed",
        "gnudraftconsult",
        "yakfutureconsult",
    ):
        assert files_containing(feeds, word) == [], word
        assert not [p for p in feeds.rglob("*") if word in str(p)], word
        assert word not in build.read("subscribe/index.html"), word
    # The same build does publish what is due and approved, so the checks above can fail.
    due = files_containing(feeds, "wombatduefeed")
    assert {"all.atom.xml", "all.rss.xml", "tags/wombatduefeedtag.atom.xml"} <= set(due)
    assert "consultations/opened.atom.xml" in files_containing(feeds, "elanddueconsult")
    assert files_containing(feeds, "okapiapprovedfeed") == [
        THREAD_FEED.removeprefix("feeds/"),
        THREAD_FEED.removeprefix("feeds/").replace(".atom.", ".rss."),
    ]
    assert "canary-3" not in (build.output / THREAD_FEED).read_text(encoding="utf-8")


def test_a_removal_disappears_from_the_comments_feeds_on_the_next_build(
    site_copy, build_site, tmp_path
) -> None:
    output = tmp_path / "site"
    official = {"official": True, "person": "david-mensah"}
    approved = comment(7, "marmotremovalfeed", "approved", CLOCK - timedelta(hours=1), **official)
    first = build_site(site_copy, output, env=store_with(tmp_path, approved))
    assert first.returncode == 0, first.log
    assert "comment-canary-7" in (output / THREAD_FEED).read_text(encoding="utf-8")
    assert "feeds/official-replies.atom.xml" in [
        f"feeds/{f}" for f in files_containing(output / "feeds", "marmotremovalfeed")
    ]

    removed = {**approved, "status": "removed", "reason": "rule-2"}
    second = build_site(site_copy, output, env=store_with(tmp_path, removed))

    assert second.returncode == 0, second.log
    assert files_containing(output / "feeds", "marmotremovalfeed") == []
    assert files_containing(output / "feeds", "comment-canary-7") == []


def test_two_builds_of_the_same_sources_give_byte_identical_feeds(
    example_build, build_site, tmp_path
) -> None:
    """Even on a machine in another time zone: nothing depends on when or where it ran."""
    again = build_site(CONTENT, tmp_path / "again", env={"TZ": "Pacific/Auckland"})

    assert again.returncode == 0, again.log
    feeds = folder_digest(example_build.output / "feeds")
    assert len(feeds) > 40
    assert folder_digest(again.output / "feeds") == feeds
    assert again.read("subscribe/index.html") == example_build.read("subscribe/index.html")


def test_ids_never_change_after_an_unrelated_edit(example_build, site_copy, build_site) -> None:
    canary_post(site_copy, "a-new-post.md", "capybaranewpost", date=iso(CLOCK))
    edited = site_copy / "posts" / "2025-01-why-we-publish-our-working.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nOne more line.\n", "utf-8")

    build = build_site(site_copy)

    assert build.returncode == 0, build.log
    before = feed_ids(example_build.output)
    after = feed_ids(build.output)
    shared = before.keys() & after.keys()
    assert len(shared) > 100
    assert {key: after[key] for key in shared} == {key: before[key] for key in shared}
    new = atom_items(build.output / "feeds/all.atom.xml")
    assert new[0].title == "capybaranewpost post" and new[0].id not in before.values()


def test_production_feeds_link_the_published_site_with_the_same_ids(
    example_build, build_site
) -> None:
    build = build_site(CONTENT, settings_file="publishconf.py")

    assert build.returncode == 0, build.log
    site = "https://dialogues.example.gov.uk/"
    feed = parse(build.output / "feeds/all.atom.xml")
    links = [link.get("href") for link in feed.iter(f"{ATOM}link")]
    assert links and all(link.startswith(site) for link in links)
    assert not any(link.endswith("index.html") for link in links), "clean URLs"
    development = {
        item.link.removesuffix("index.html").split("/", 3)[3]: item.id
        for item in atom_items(example_build.output / "feeds/all.atom.xml")
    }
    production = {
        item.link.split("/", 3)[3]: item.id
        for item in atom_items(build.output / "feeds/all.atom.xml")
    }
    assert production == development
    html = build.read("index.html")
    assert f'href="{site}feeds/all.atom.xml"' in html


def test_bad_feed_settings_stop_the_build_naming_each_one(site_copy, build_site, tmp_path) -> None:
    settings = tmp_path / "badconf.py"
    settings.write_text(
        "import os, sys\nsys.path.append(os.curdir)\nfrom pelicanconf import *\n"
        "PLUGIN_PATHS = [os.path.abspath(p) for p in PLUGIN_PATHS]\n"
        "THEME = os.path.abspath(THEME)\n"
        "FEEDS_MAX_ITEMS = 0\nFEEDS_ID_DATE = 'last tuesday'\n",
        encoding="utf-8",
    )

    build = build_site(site_copy, tmp_path / "never", settings_file=str(settings))

    assert build.returncode != 0
    assert "FEEDS_MAX_ITEMS 0" in build.stderr
    assert "FEEDS_ID_DATE 'last tuesday'" in build.stderr
    assert "Traceback" not in build.log
    assert not (tmp_path / "never").exists()
