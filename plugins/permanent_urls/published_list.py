"""The committed list of every URL path the site has published (publishing invariant 4).

One path per line, sorted, `#` starts a comment. The build proves every listed path is still
there (as the page itself, a withdrawn page or a redirect); `python -m permanent_urls update`
adds what a new build published. Removing a line is a deliberate act, visible in review.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass

from content_model.problems import Problem, display_path

HEADER = """\
# Every URL path this site has published, one per line (docs/archive.md).
# A build fails, naming the path, when one of these would disappear: keep the page, mark it
# Withdrawn, or add a redirect in content/redirects.toml. `make published-urls` adds new paths.
"""


@dataclass(frozen=True)
class ListedUrl:
    path: str
    line: int


@dataclass
class PublishedList:
    file: str
    urls: list[ListedUrl]
    problems: list[Problem]

    @property
    def paths(self) -> set[str]:
        return {url.path for url in self.urls}


def list_path(settings: dict) -> str:
    return os.path.join(settings["PATH"], settings.get("PUBLISHED_URLS", "published-urls.txt"))


def read_published_list(file: str) -> PublishedList:
    """The listed paths with their lines; a malformed line is a problem, not an exception."""
    urls: list[ListedUrl] = []
    problems: list[Problem] = []
    if not os.path.exists(file):
        return PublishedList(file, urls, problems)
    seen: dict[str, int] = {}
    with open(file, encoding="utf-8") as handle:
        for number, raw in enumerate(handle, start=1):
            text = raw.split("#", 1)[0].strip()
            if not text:
                continue
            if not text.startswith("/") or "://" in text or " " in text:
                problems.append(
                    Problem(
                        display_path(file),
                        number,
                        f"'{text}' is not a URL path: write one path per line, starting with /",
                    )
                )
                continue
            if text in seen:
                problems.append(
                    Problem(
                        display_path(file),
                        number,
                        f"{text} is listed twice (first on line {seen[text]}): remove this line",
                    )
                )
                continue
            seen[text] = number
            urls.append(ListedUrl(text, number))
    return PublishedList(file, urls, problems)


def write_published_list(file: str, paths: Iterable[str]) -> None:
    """Sorted, so the list changes only where the site did and reviews read as a diff."""
    body = "".join(f"{path}\n" for path in sorted(set(paths)))
    with open(file, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(HEADER + body)
