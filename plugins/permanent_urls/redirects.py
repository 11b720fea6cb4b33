"""The redirects registry: where renamed content went (publishing invariant 4).

`content/redirects.toml` holds one redirect per line, old URL path = new URL path:

    "/posts/2025/old-slug/" = "/posts/2025/new-slug/"

Each line is a TOML key/value pair on its own, so every problem is reported with its line.
A chain (A → B, later B → C) is followed, so every old address points straight at the page.
A page's old address gets a redirect page; any other file (a feed) cannot be redirected by a
static server, so its old address gets a copy of the new file, which feed readers follow.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass

from content_model.problems import Problem, display_path

from .addresses import is_page

EXAMPLE = '"/posts/2025/old-slug/" = "/posts/2025/new-slug/"'


@dataclass(frozen=True)
class Redirect:
    source: str
    target: str
    line: int


@dataclass
class RedirectRegistry:
    file: str
    redirects: list[Redirect]
    problems: list[Problem]

    def problem(self, line: int, message: str) -> Problem:
        return Problem(display_path(self.file), line, message)


def registry_path(settings: dict) -> str:
    return os.path.join(settings["PATH"], settings.get("REDIRECTS", "redirects.toml"))


def _entry(text: str) -> tuple[str, str] | None:
    try:
        parsed = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return None
    if len(parsed) != 1:
        return None
    ((source, target),) = parsed.items()
    return (source, target) if isinstance(target, str) else None


def _extension(path: str) -> str:
    return os.path.splitext(path.rstrip("/"))[1]


def _path_problem(value: str) -> str | None:
    if not value.startswith("/") or "://" in value:
        return f"'{value}' is not a URL path on this site: start it with /"
    return None


def read_redirects(file: str) -> RedirectRegistry:
    registry = RedirectRegistry(file, [], [])
    if not os.path.exists(file):
        return registry
    first_line: dict[str, int] = {}
    with open(file, encoding="utf-8") as handle:
        for number, raw in enumerate(handle, start=1):
            text = raw.strip()
            if not text or text.startswith("#"):
                continue
            entry = _entry(text)
            if entry is None:
                registry.problems.append(
                    registry.problem(number, f"write one redirect per line, as {EXAMPLE}")
                )
                continue
            source, target = entry
            message = _path_problem(source) or _path_problem(target)
            if message is None and not is_page(source) and _extension(source) != _extension(target):
                message = (
                    f"{source} is not a page, so it is kept as a copy of its new file: "
                    f"the new file must be of the same type ({_extension(source) or 'none'})"
                )
            if message is None and source == target:
                message = f"{source} redirects to itself: remove this line"
            if message is None and source in first_line:
                message = (
                    f"{source} already redirects (line {first_line[source]}): keep one of them"
                )
            if message:
                registry.problems.append(registry.problem(number, message))
                continue
            first_line[source] = number
            registry.redirects.append(Redirect(source, target, number))
    return registry


def final_target(redirect: Redirect, by_source: dict[str, Redirect]) -> str | None:
    """Where a chain of redirects ends, or None when it loops."""
    seen = {redirect.source}
    target = redirect.target
    while target in by_source:
        if target in seen:
            return None
        seen.add(target)
        target = by_source[target].target
    return target
