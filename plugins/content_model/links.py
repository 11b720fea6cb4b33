"""Internal links (`{filename}`, `{static}`, `{attach}`) must point at a source that exists.

Pelican only warns about a link it cannot resolve and publishes the page with a broken link;
here it is a problem with the file and line, like any other bad input.
"""

from __future__ import annotations

import os
import re

from .front_matter import source_front_matter

INTERNAL_LINK = re.compile(r"\{(?P<what>filename|static|attach)\}(?P<target>[^)\s\"'#?>]+)")


def _status(path: str) -> str:
    found = source_front_matter(path).first("status")
    return found.value.lower() if found else "published"


def broken_links(
    source_path: str, text: str, content_path: str, drafts_shown: bool = False
) -> list[tuple[int, str]]:
    """(line, message) for every internal link whose target is missing or a draft (a preview,
    `drafts_shown`, builds drafts, so there a link to one is fine)."""
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        if "{" not in line:
            continue  # no link (a quick test: most lines have none)
        for match in INTERNAL_LINK.finditer(line):
            target = match["target"]
            if target.startswith("/"):
                resolved = os.path.join(content_path, target.lstrip("/"))
            else:
                resolved = os.path.join(os.path.dirname(source_path), target)
            written = "{" + match["what"] + "}" + target
            if not os.path.isfile(resolved):
                problems.append(
                    (
                        number,
                        f"link {written} points at no file: "
                        f"give a path under {content_path}/ that exists, starting with /",
                    )
                )
            elif not drafts_shown and resolved.endswith(".md") and _status(resolved) == "draft":
                problems.append(
                    (
                        number,
                        f"link {written} points at a draft, which is never published: remove "
                        "the link, or publish the draft first (take out its `Status: draft`)",
                    )
                )
    return problems
