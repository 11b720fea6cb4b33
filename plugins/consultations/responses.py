"""Response summaries: "You said / We did" sections, and citations of individual comments.

A response cites a comment with the link form `{comment}<id>`, like Pelican's `{filename}`:
`[one parent told us]({comment}42)`. Once the comments are attached, each citation becomes a
link to that comment's anchor on its page; a citation of a comment that is not published
(pending, rejected, removed, unknown) is a problem with the file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from bs4 import BeautifulSoup, Tag

CITATION = re.compile(r"\{comment\}(?P<id>[A-Za-z0-9_-]*)")
CITATION_HREF = re.compile(r'href="\{comment\}(?P<id>[A-Za-z0-9_-]+)"')
SAID, DID = "you said", "we did"
HEADINGS = ("h2", "h3", "h4")


@dataclass(frozen=True)
class Citation:
    comment_id: str
    line: int


def citations_in(lines: list[str], first_line: int) -> list[Citation]:
    """Every `{comment}<id>` in the body, with its line in the file (empty ids included)."""
    return [
        Citation(match["id"], first_line + offset)
        for offset, text in enumerate(lines)
        for match in CITATION.finditer(text)
    ]


def _level(element: Tag) -> int:
    """A heading's level (2 for h2); other elements rank below every heading."""
    return int(element.name[1]) if element.name in HEADINGS else 99


def _kind(heading: Tag) -> str | None:
    text = " ".join(heading.get_text(" ").split()).lower()
    return next((kind for kind in (SAID, DID) if text.startswith(kind)), None)


def mark_sections(html: str) -> tuple[str, set[str]]:
    """Wrap each "You said" and "We did" heading with what follows it, for the theme to style,
    and say which of the two the response has."""
    soup = BeautifulSoup(html, "html.parser")
    found: set[str] = set()
    for heading in soup.find_all(HEADINGS):
        kind = _kind(heading)
        if kind is None:
            continue
        found.add(kind)
        level = _level(heading)
        modifier = "said" if kind == SAID else "did"
        classes = f"dialogues-you-said-we-did dialogues-you-said-we-did--{modifier}"
        wrapper = soup.new_tag("div", attrs={"class": classes})
        following = []
        for sibling in heading.next_siblings:
            if isinstance(sibling, Tag) and _level(sibling) <= level:
                break
            following.append(sibling)
        heading.wrap(wrapper)
        for sibling in following:
            wrapper.append(sibling.extract())
    return str(soup), found


def link_citations(html: str, targets: dict[str, Any]) -> str:
    """Point each citation at its comment, through Pelican's own `{filename}` links, so the URL
    is right for relative (preview) and absolute (production) settings alike."""

    def replace(match: re.Match[str]) -> str:
        content = targets.get(match["id"])
        if content is None:
            return match.group(0)
        source = content.get_relative_source_path()
        return f'href="{{filename}}/{source}#comment-{match["id"]}"'

    return CITATION_HREF.sub(replace, html)
