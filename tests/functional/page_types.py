"""One output page of every type the example site has, for checks that run page by page."""

from __future__ import annotations

from pathlib import Path


def first(output: Path, pattern: str) -> str:
    matches = sorted(output.glob(pattern))
    assert matches, f"no page matches {pattern} in {output}"
    return str(matches[0].relative_to(output))


def first_containing(output: Path, pattern: str, text: str) -> str:
    """The first page matching `pattern` whose HTML contains `text`."""
    for match in sorted(output.glob(pattern)):
        if text in match.read_text(encoding="utf-8"):
            return str(match.relative_to(output))
    raise AssertionError(f"no page matching {pattern} in {output} contains {text!r}")


def page_of_every_type(output: Path) -> dict[str, str]:
    return {
        "home": "index.html",
        "home page 2": "page/2/index.html",
        "post": first(output, "posts/*/*/index.html"),
        "post with comments": first_containing(output, "posts/*/*/index.html", 'id="comment-'),
        "withdrawn post": first_containing(output, "posts/*/*/index.html", 'id="withdrawn-title"'),
        "page": "discussion-rules/index.html",
        "department": first(output, "departments/*/index.html"),
        "departments": "departments/index.html",
        "person": first(output, "people/*/index.html"),
        "people": "people/index.html",
        "tag": first(output, "tags/*/index.html"),
        "tags": "tags/index.html",
        "archives": "archives/index.html",
        "year archive": first(output, "archives/*/index.html"),
        "subscribe": "subscribe/index.html",
        "sitemap": "sitemap/index.html",
        # The renamed example post's old address (content/redirects.toml).
        "redirect": "posts/2025/what-the-bus-webchat-told-us/index.html",
        # A consultation in each phase at the example clock, and the consultation archive's pages.
        "consultation (upcoming)": "consultations/downing-street-webchat-cost-of-living/index.html",
        "consultation (open)": "consultations/allergen-labelling-blog/index.html",
        "consultation (closed, overdue)": "consultations/wills-law-reform-forum/index.html",
        "consultation (outcome)": "consultations/party-funding-forum/index.html",
        "consultation (pilot)": "consultations/youth-forum-life-skills/index.html",
        # The Welsh translations (docs/bilingual.md).
        "home (Welsh)": "cy/index.html",
        "post (Welsh)": "cy/posts/2026/engagement-review-two-years-on/index.html",
        "page (Welsh)": "cy/about/index.html",
        "consultation (Welsh, open)": "cy/consultations/allergen-labelling-blog/index.html",
        "consultations": "consultations/index.html",
        "consultation facet": "consultations/platform/webchat/index.html",
        "response": first(output, "consultations/*/response/index.html"),
        "transcript": first(output, "consultations/*/transcripts/*/index.html"),
        "evaluation": "evaluation/index.html",
        "search": "search/index.html",
        "404": "404.html",
    }
