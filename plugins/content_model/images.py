"""Every image in a source needs alt text, or an explicit empty alt for decoration (`![ ]`)."""

from __future__ import annotations

import re

MARKDOWN_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]+)")
HTML_IMAGE = re.compile(r"<img\b(?P<attributes>[^>]*)>", re.IGNORECASE)


def images_without_alt(text: str) -> list[tuple[int, str]]:
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        if "![" not in line and "<" not in line:
            continue  # no image (a quick test: most lines have none)
        for match in MARKDOWN_IMAGE.finditer(line):
            if match["alt"] == "":
                problems.append(
                    (
                        number,
                        f"image {match['src']} has no alt text: describe it inside ![...], "
                        "or write ![ ] if it is only decoration",
                    )
                )
        for match in HTML_IMAGE.finditer(line):
            if not re.search(r"\balt\s*=", match["attributes"], re.IGNORECASE):
                problems.append((number, '<img> has no alt attribute: add alt="..."'))
    return problems
