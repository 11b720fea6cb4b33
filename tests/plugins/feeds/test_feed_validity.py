"""Every feed of the example site is one a feed reader accepts: it parses cleanly, carries what
RFC 4287 (Atom) and RSS 2.0 require, links absolutely, and is linked from the site."""

from __future__ import annotations

from datetime import datetime
from email.utils import parsedate_to_datetime

import feedparser
import pytest

from tests.plugins.feeds.feedfiles import (
    ATOM,
    DEVELOPMENT_URL,
    alternate,
    every_linked_feed,
    feed_files,
    moved_feed_copies,
    parse,
)


@pytest.fixture(scope="module")
def feeds(example_build) -> list[str]:
    found = feed_files(example_build.output)
    assert len(found) > 40
    return found


@pytest.fixture(scope="module")
def atom_feeds(feeds) -> list[str]:
    return [f for f in feeds if f.endswith(".atom.xml")]


@pytest.fixture(scope="module")
def rss_feeds(feeds) -> list[str]:
    return [f for f in feeds if f.endswith(".rss.xml")]


def test_every_feed_a_page_links_exists_and_parses_without_error(example_build, feeds) -> None:
    linked = every_linked_feed(example_build.output)
    assert linked == set(feeds), "every feed is linked from a page, and every link has a feed"
    for old, moved_to in moved_feed_copies(example_build.output).items():
        assert moved_to in feeds, f"{old} is a copy of a feed the site publishes"
    for feed in sorted(linked):
        parsed = feedparser.parse(str(example_build.output / feed))
        assert not parsed.bozo, (feed, parsed.get("bozo_exception"))
        assert parsed.version in ("atom10", "rss20"), feed


def test_every_atom_feed_has_in_one_place_what_rfc_4287_requires(example_build, atom_feeds):
    for name in atom_feeds:
        feed = parse(example_build.output / name)
        assert feed.tag == f"{ATOM}feed", name
        for element in ("id", "title", "updated"):
            assert len(feed.findall(f"{ATOM}{element}")) == 1, (name, element)
        language = "cy" if "/cy/" in f"/{name}" else "en"  # the Welsh feed says it is Welsh
        assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == language, name
        self_links = feed.findall(f"{ATOM}link[@rel='self']")
        assert [link.get("href") for link in self_links] == [f"{DEVELOPMENT_URL}/{name}"]
        assert alternate(feed), name
        feed_has_author = feed.find(f"{ATOM}author/{ATOM}name") is not None
        ids = [entry.findtext(f"{ATOM}id") for entry in feed.findall(f"{ATOM}entry")]
        assert len(ids) == len(set(ids)), f"{name}: ids are unique"
        for entry in feed.findall(f"{ATOM}entry"):
            for element in ("id", "title", "updated", "published"):
                assert len(entry.findall(f"{ATOM}{element}")) == 1, (name, element)
            assert entry.findtext(f"{ATOM}id").startswith("tag:"), name
            assert feed_has_author or entry.find(f"{ATOM}author/{ATOM}name") is not None
            assert alternate(entry), name
            assert entry.find(f"{ATOM}content") is not None or entry.find(f"{ATOM}summary")
            published = datetime.fromisoformat(entry.findtext(f"{ATOM}published"))
            updated = datetime.fromisoformat(entry.findtext(f"{ATOM}updated"))
            assert published.tzinfo is not None and published <= updated, name


def test_every_rss_feed_has_what_rss_2_requires(example_build, rss_feeds) -> None:
    for name in rss_feeds:
        rss = parse(example_build.output / name)
        assert rss.tag == "rss" and rss.get("version") == "2.0", name
        channels = rss.findall("channel")
        assert len(channels) == 1, name
        channel = channels[0]
        for element in ("title", "link", "description"):
            assert (channel.findtext(element) or "").strip(), (name, element)
        language = "cy" if "/cy/" in f"/{name}" else "en"  # the Welsh feed says it is Welsh
        assert channel.findtext("language") == language, name
        parsedate_to_datetime(channel.findtext("lastBuildDate"))
        self_link = channel.find(f"{ATOM}link[@rel='self']")
        assert self_link.get("href") == f"{DEVELOPMENT_URL}/{name}"
        for item in channel.findall("item"):
            assert item.findtext("title") or item.findtext("description"), name
            guid = item.find("guid")
            assert guid is not None and guid.text, name
            if not guid.text.startswith(("http://", "https://")):
                assert guid.get("isPermaLink") == "false", (name, guid.text)
            assert parsedate_to_datetime(item.findtext("pubDate")).tzinfo is not None
            assert item.find("author") is None, "RSS author needs an email; we publish none"


def test_every_link_in_every_feed_is_absolute(example_build, feeds) -> None:
    for name in feeds:
        root = parse(example_build.output / name)
        hrefs = [link.get("href") for link in root.iter(f"{ATOM}link")]
        hrefs += [link.text for link in root.iter("link")]
        assert hrefs, name
        for href in hrefs:
            assert href.startswith(f"{DEVELOPMENT_URL}/"), (name, href)


def test_atom_and_rss_twins_carry_the_same_items(example_build, atom_feeds) -> None:
    for name in atom_feeds:
        atom = parse(example_build.output / name)
        rss = parse(example_build.output / name.replace(".atom.xml", ".rss.xml"))
        atom_ids = [e.findtext(f"{ATOM}id") for e in atom.findall(f"{ATOM}entry")]
        rss_ids = [item.findtext("guid") for item in rss.iter("item")]
        assert atom_ids == rss_ids, name
