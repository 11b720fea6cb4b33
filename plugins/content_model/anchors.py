"""Links into a page must land on something: `#rule-3` on the discussion rules, `#question-4` in
a transcript.

Pelican checks that a `{filename}` link's file exists, never the part after `#`, so a link to a
rule that was renumbered away lands at the top of the page. The target's ids are found by
rendering its body with the site's Markdown settings, once per file. Only the fragments whose
ids come from the source itself are judged: `rule-N` (an attribute list on a heading) and a
transcript's `question-N`; ids the templates add (`#comments`, `#comment-42`) are not.
"""

from __future__ import annotations

import os
import re
from typing import Any

from markdown import Markdown

from .front_matter import read_front_matter

FRAGMENT_LINK = re.compile(
    r"\{filename\}(?P<target>[^)\s\"'#?>]+)#(?P<fragment>(?:rule|question)-[^)\s\"'>]*)"
)
ID_ATTRIBUTE = re.compile(r"\sid=\"([^\"]+)\"")
QUESTION_LINE = re.compile(r"^Question:", re.MULTILINE)

_CACHE: dict[tuple[str, int], list[str]] = {}


def resolve(source_path: str, target: str, content_path: str) -> str:
    """The file a `{filename}` target names: from the content folder when it starts with /,
    else beside the source."""
    if target.startswith("/"):
        return os.path.join(content_path, target.lstrip("/"))
    return os.path.join(os.path.dirname(source_path), target)


def _render(body: str, settings: dict[str, Any]) -> str:
    config = settings.get("MARKDOWN", {})
    extensions = config.get("extension_configs", {})
    markdown = Markdown(
        extensions=list(extensions),
        extension_configs=extensions,
        output_format=config.get("output_format", "html5"),
    )
    return markdown.convert(body)


def anchors_of(path: str, settings: dict[str, Any]) -> list[str]:
    """The ids a source's page gets from its own text, in order."""
    key = (path, os.stat(path).st_mtime_ns)
    if key not in _CACHE:
        with open(path, encoding="utf-8-sig") as handle:
            text = handle.read()
        end = read_front_matter(text).end_line
        body = "\n".join(text.splitlines()[end:])
        found = ID_ATTRIBUTE.findall(_render(body, settings))
        found += [f"question-{n}" for n in range(1, len(QUESTION_LINE.findall(body)) + 1)]
        _CACHE[key] = found
    return _CACHE[key]


def _choices(fragment: str, anchors: list[str]) -> str:
    prefix = fragment.split("-", 1)[0] + "-"
    same_kind = [anchor for anchor in anchors if anchor.startswith(prefix)]
    if not same_kind:
        return f"it has no {prefix}N anchors at all"
    return "use one of " + ", ".join(same_kind)


def broken_fragments(
    source_path: str, text: str, settings: dict[str, Any]
) -> list[tuple[int, str]]:
    """(line, message) for every `#rule-N` or `#question-N` its target page does not have."""
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        if "#" not in line:
            continue  # no link to an anchor (a quick test: most lines have none)
        for match in FRAGMENT_LINK.finditer(line):
            path = resolve(source_path, match["target"], settings["PATH"])
            if not os.path.isfile(path) or not path.endswith(".md"):
                continue  # a missing file is the links check's problem
            fragment = match["fragment"]
            anchors = anchors_of(path, settings)
            if fragment not in anchors:
                problems.append(
                    (
                        number,
                        f"link {{filename}}{match['target']}#{fragment} points at #{fragment}, "
                        f"which that page does not have: {_choices(fragment, anchors)}",
                    )
                )
    return problems
