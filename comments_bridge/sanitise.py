"""The one place where a comment's text becomes HTML that is safe to publish.

Markdown is CommonMark, as people type it on other sites (a list needs no blank line before
it), rendered by markdown-it-py with raw HTML switched off (a typed `<script>` shows as
text); whatever comes out, like HTML rendered by a comment server, then goes through nh3 with
a strict allow-list. The allow-list, not the renderer, is what keeps pages safe:

- tags: p, br, a, em, strong, code, pre, blockquote, ul, ol, li; anything else is
  unwrapped to its text, and script/style lose their content too; images are dropped
  (no remote image may make a reader's browser call another host);
- attributes: href and title on links only; no event handler, no style;
- URL schemes: http, https and mailto (links without a scheme stay: they are relative);
- every link gets rel="nofollow ugc noopener".

Code points that HTML forbids or that cannot be written as UTF-8 (control characters,
noncharacters, lone surrogates) are removed from the text, before and after cleaning:
they would make a page invalid, or stop the build when it is written.
"""

from __future__ import annotations

import logging
import re
from typing import Any, Final

import nh3
from markdown_it import MarkdownIt

from comments_bridge.model import BodyFormat

log = logging.getLogger(__name__)

ALLOWED_TAGS: Final = frozenset(
    {"p", "br", "a", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li"}
)
ALLOWED_ATTRIBUTES: Final = {"a": frozenset({"href", "title"})}
ALLOWED_URL_SCHEMES: Final = frozenset({"http", "https", "mailto"})
LINK_REL: Final = "nofollow ugc noopener"
DROPPED_WITH_CONTENT: Final = frozenset({"script", "style", "template", "noscript"})
FORBIDDEN_CODE_POINTS: Final = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff]"
)
"""Controls but tab, newline and carriage return; noncharacters; lone surrogates."""
LINK_WITHOUT_HREF: Final = re.compile(r"<a(?![^>]*\shref=)[^>]*>(.*?)</a>", re.DOTALL)
"""What nh3 leaves of a link whose URL it refused: invalid HTML (rel needs href)."""
ASTRAL_NONCHARACTERS: Final = re.compile(
    "[{}]".format(
        "".join(
            chr(plane + last)
            for plane in range(0x10000, 0x110000, 0x10000)
            for last in (0xFFFE, 0xFFFF)
        )
    )
)
"""U+1FFFE, U+1FFFF ... U+10FFFF: kept apart, so that the common check stays fast."""


def has_forbidden(text: str) -> bool:
    return bool(FORBIDDEN_CODE_POINTS.search(text)) or (
        not text.isascii() and bool(ASTRAL_NONCHARACTERS.search(text))
    )


def plain_text(text: str) -> str:
    """Text without the code points HTML forbids."""
    if not has_forbidden(text):
        return text
    return ASTRAL_NONCHARACTERS.sub("", FORBIDDEN_CODE_POINTS.sub("", text))


class Sanitiser:
    """Renders and cleans comment bodies; build one and reuse it for a whole read.

    The parser and nh3's cleaner are built once. markdown-it-py renders a comment about 2.5
    times as fast as Python-Markdown, which the site's own pages keep (docs/performance.md).
    """

    def __init__(self) -> None:
        # Raw HTML is text in a comment: with `html` off, a typed tag is escaped, so the
        # reader sees what was typed rather than losing it to the cleaner.
        self._markdown = _CommentMarkdown("commonmark", {"html": False})
        options: dict[str, Any] = {
            "tags": set(ALLOWED_TAGS),
            "clean_content_tags": set(DROPPED_WITH_CONTENT),
            "attributes": {tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
            "url_schemes": set(ALLOWED_URL_SCHEMES),
            "link_rel": LINK_REL,
            "strip_comments": True,
        }
        self._cleaner = nh3.Cleaner(**options)
        self._strict_cleaner = nh3.Cleaner(
            **options, attribute_filter=_refuse_forbidden_code_points
        )

    def markdown_to_html(self, text: str) -> str:
        """Markdown as people type it, to safe HTML."""
        return self.clean_html(self._markdown.render(plain_text(text)))

    def clean_html(self, html: str) -> str:
        """HTML from anywhere (a renderer, a comment server) to safe HTML."""
        html = plain_text(html)
        cleaned = self._cleaner.clean(html)
        if has_forbidden(cleaned):
            # The cleaner decoded a character reference (`&#1;`) into a forbidden code
            # point. Clean again, dropping any attribute that holds one; what remains is
            # in escaped text, where taking it out cannot make markup.
            cleaned = plain_text(self._strict_cleaner.clean(html))
        if "<a" in cleaned:
            cleaned = LINK_WITHOUT_HREF.sub(r"\1", cleaned)
        return cleaned.strip()

    def render(self, body: str, body_format: BodyFormat) -> str:
        if body_format is BodyFormat.HTML:
            return self.clean_html(body)
        return self.markdown_to_html(body)


class _CommentMarkdown(MarkdownIt):
    """CommonMark that renders every link and leaves the allow-list alone to judge its URL:
    a refused link then shows as its words, whatever the scheme, not as the Markdown typed."""

    def validateLink(self, url: str) -> bool:  # markdown-it-py's name
        return True


def _refuse_forbidden_code_points(tag: str, attribute: str, value: str) -> str | None:
    """Drop, never edit, an attribute with such a code point: taking characters out of
    `java&#1;script:` would write a working `javascript:` link."""
    return None if has_forbidden(value) else value


_shared: Sanitiser | None = None


def sanitise_markdown(text: str) -> str:
    """Convenience for one body at a time; batch readers hold their own `Sanitiser`."""
    global _shared
    if _shared is None:
        _shared = Sanitiser()
    return _shared.markdown_to_html(text)
