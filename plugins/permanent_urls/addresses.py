"""Output files and the URL paths people use for them.

A page written to `posts/2025/x/index.html` is published as `/posts/2025/x/`; any other file
keeps its own name (`/theme/css/dialogues.css`). Paths are kept exactly as the files are named,
not percent-encoded, so the committed list reads like the output folder.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Sequence
from fnmatch import translate as fnmatch_pattern
from functools import lru_cache
from typing import Any

INDEX = "index.html"
PLACEHOLDER = re.compile(r"\{(\w+)\}")


def url_path_for(relative_file: str) -> str:
    """`posts/2025/x/index.html` → `/posts/2025/x/`; `404.html` → `/404.html`."""
    relative = relative_file.replace(os.sep, "/").lstrip("/")
    if relative == INDEX:
        return "/"
    if relative.endswith("/" + INDEX):
        return "/" + relative[: -len(INDEX)]
    return "/" + relative


def file_for(url_path: str) -> str:
    """The output file a URL path is served from: the inverse of :func:`url_path_for`."""
    relative = url_path.lstrip("/")
    return relative + INDEX if relative == "" or relative.endswith("/") else relative


def is_page(url_path: str) -> bool:
    """Only an HTML page can carry a redirect notice."""
    return url_path.endswith(("/", ".html"))


def ignored(url_path: str, patterns: Iterable[str]) -> bool:
    matches = _matcher(tuple(patterns))
    return matches is not None and bool(matches(os.path.normcase(url_path.lstrip("/"))))


@lru_cache(maxsize=32)
def _matcher(patterns: tuple[str, ...]) -> Callable[[str], object] | None:
    """One regular expression for all of `patterns`, as `fnmatch` reads each of them."""
    if not patterns:
        return None
    cases = (fnmatch_pattern(os.path.normcase(pattern)) for pattern in patterns)
    return re.compile("|".join(f"(?:{case})" for case in cases)).match


def url_paths_in(folder: str, ignore: Iterable[str] = ()) -> set[str]:
    """Every URL path the files under `folder` are published at, less the ignored ones.

    Each folder's path is worked out once and the patterns are matched as one expression:
    the build runs this over every one of 24,000 files at 5,000 posts."""
    patterns = tuple(ignore)
    found = set()
    for root, _dirs, files in os.walk(folder):
        under = os.path.relpath(root, folder)
        prefix = "" if under == os.curdir else under + os.sep
        for name in files:
            path = url_path_for(prefix + name)
            if not ignored(path, patterns):
                found.add(path)
    return found


def continuation_shapes(pagination_patterns: Sequence[Any] | None) -> list[re.Pattern[str]]:
    """The URL paths of a paginated listing's page 2 onwards, from `PAGINATION_PATTERNS`.

    Only rules written with `{base_name}` and `{number}` alone (Dialogues writes
    `{base_name}/page/{number}/index.html`) are understood; a pattern naming anything else is
    left out, so its pages keep the ordinary rule: a listed one that disappears stops the build.
    """
    shapes = []
    for rule in pagination_patterns or ():
        min_page, save_as = rule[0], rule[2]
        if min_page == 1 or not isinstance(save_as, str):
            continue
        names = PLACEHOLDER.findall(save_as)
        if sorted(names) != ["base_name", "number"]:
            continue
        clean = "/" + url_path_for(save_as).lstrip("/")
        parts, last = [], 0
        for match in PLACEHOLDER.finditer(clean):
            parts.append(re.escape(clean[last : match.start()]))
            if match[1] == "number":
                parts.append(r"(?P<number>[1-9][0-9]*)")
                last = match.end()
            elif clean[match.end() : match.end() + 1] == "/":  # the home listing's is empty
                parts.append(r"(?:(?P<base>.+?)/)?")
                last = match.end() + 1
            else:
                parts.append(r"(?P<base>.*?)")
                last = match.end()
        parts.append(re.escape(clean[last:]))
        shapes.append(re.compile("".join(parts)))
    return shapes


def listing_page(url_path: str, shapes: Iterable[re.Pattern[str]]) -> tuple[str, int] | None:
    """`/tags/x/page/3/` → (`/tags/x/`, 3): the listing's first page and this page's number."""
    for shape in shapes:
        found = shape.fullmatch(url_path)
        if found and int(found["number"]) >= 2:
            base = found["base"]
            return ("/" if not base else f"/{base.strip('/')}/"), int(found["number"])
    return None
