"""Finding the feeds: autodiscovery links and a visible subscribe link on the pages they fit,
a Subscribe page listing every feed, and OPML lists naming exactly the feeds that exist."""

from __future__ import annotations

from bs4 import BeautifulSoup
from lxml import etree

from tests.plugins.feeds.feedfiles import DEVELOPMENT_URL, feed_files, linked_feeds

SITE_FEEDS = {"feeds/all.atom.xml", "feeds/all.rss.xml"}


def twins(key: str) -> set[str]:
    return {f"feeds/{key}.atom.xml", f"feeds/{key}.rss.xml"}


def test_every_page_links_the_site_feed_in_its_head(example_build) -> None:
    pages = example_build.pages()
    assert len(pages) > 40
    for page in pages:
        relative = str(page.relative_to(example_build.output))
        if relative == "404.html":
            continue  # served at any depth, so its relative links only work at the root
        # A Welsh page links the Welsh feed in place of the English ones (docs/bilingual.md).
        expected = twins("cy/all") if relative.startswith("cy/") else SITE_FEEDS
        assert linked_feeds(example_build.output, relative)["head"] >= expected, relative


def test_pages_link_the_feed_of_what_they_are_about(example_build) -> None:
    expected = {
        "index.html": set(),
        "departments/transport/index.html": twins("departments/transport"),
        "people/david-mensah/index.html": twins("people/david-mensah"),
        "tags/waste/index.html": twins("tags/waste"),
        "posts/2025/why-we-publish-our-working/index.html": twins(
            "comments/posts/2025/why-we-publish-our-working"
        ),
    }
    for page, own in expected.items():
        found = linked_feeds(example_build.output, page)
        assert found["head"] == SITE_FEEDS | own, page
        assert (own or SITE_FEEDS) <= found["body"], f"{page} shows a subscribe link"
    # A page about one thing never advertises another thing's feed.
    listing = linked_feeds(example_build.output, "people/index.html")
    assert listing["head"] == SITE_FEEDS


def test_a_post_with_comments_off_links_no_comments_feed(example_build) -> None:
    page = "posts/2026/this-blog-during-the-pre-election-period/index.html"
    found = linked_feeds(example_build.output, page)
    assert found["head"] == SITE_FEEDS
    assert not any("comments" in feed for feed in found["body"])


def test_subscribe_page_lists_every_feed_in_groups_and_explains_feeds(example_build) -> None:
    page = BeautifulSoup(example_build.read("subscribe/index.html"), "html.parser")
    main = page.find("main")
    text = " ".join(main.get_text(" ").split())
    for phrase in ("What a feed is", "How to use a feed", "Atom or RSS?", "OPML"):
        assert phrase in text
    headings = [h.get_text(strip=True) for h in main.find_all("h3")]
    for group in ("Everything", "Departments", "People", "Tags", "Official replies", "Comments"):
        assert group in headings
    listed = linked_feeds(example_build.output, "subscribe/index.html")["body"]
    assert listed == set(feed_files(example_build.output))


def test_every_page_footer_links_the_subscribe_page(example_build) -> None:
    for page in example_build.pages():
        footer = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find("footer")
        # Found by address: its words are in the page's language (docs/bilingual.md).
        link = footer.find("a", href=lambda href: href and href.endswith("subscribe/index.html"))
        assert link is not None, page
        assert link["href"].endswith("subscribe/index.html")


def opml_feeds(example_build, name: str) -> list[str]:
    root = etree.parse(str(example_build.output / "feeds" / name)).getroot()
    assert root.tag == "opml" and root.get("version") == "2.0"
    assert root.findtext("head/title")
    urls = [o.get("xmlUrl") for o in root.iter("outline") if o.get("xmlUrl")]
    for outline in root.iter("outline"):
        if outline.get("xmlUrl"):
            assert outline.get("type") == "rss" and outline.get("text")
            assert outline.get("htmlUrl").startswith(DEVELOPMENT_URL)
    return [url.removeprefix(f"{DEVELOPMENT_URL}/") for url in urls]


def test_opml_lists_name_exactly_the_feeds_that_exist_once_each(example_build) -> None:
    feeds = feed_files(example_build.output)
    atom = opml_feeds(example_build, "atom.opml")
    rss = opml_feeds(example_build, "rss.opml")
    assert len(atom) == len(set(atom)) and len(rss) == len(set(rss))
    assert set(atom) == {f for f in feeds if f.endswith(".atom.xml")}
    assert set(rss) == {f for f in feeds if f.endswith(".rss.xml")}
    page = BeautifulSoup(example_build.read("subscribe/index.html"), "html.parser")
    offered = {a["href"].rsplit("/", 2)[-2:][-1] for a in page.find_all("a", type="text/x-opml")}
    assert offered == {"atom.opml", "rss.opml"}
