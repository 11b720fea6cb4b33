"""The published-URL list and the redirects registry against the sources (invariant 4), and
links written as site paths (`/posts/2025/x/`) against what the sources publish.

Only paths of a shape the sources wholly decide are judged (see `site_paths`); the rest of
the list is proved by the build, which compares it with what it wrote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from permanent_urls.addresses import continuation_shapes, listing_page
from permanent_urls.published_list import list_path, read_published_list
from permanent_urls.redirects import final_target, read_redirects, registry_path

from .inventory import Source
from .problems import Problem, display_path
from .site_paths import SitePaths

SITE_LINK = re.compile(r"(?:\]\(|href=[\"'])(?P<path>/(?!/)[^)\s\"'#?]*)")


@dataclass(frozen=True)
class ListReport:
    problems: list[Problem]
    judged: int  # listed paths whose presence the sources decide
    listed: int


def names_in(path: str) -> set[str]:
    """The folder and file names of a URL path, each also without its suffixes
    (`/feeds/comments/posts/2026/x.atom.xml` names `x`)."""
    return {
        part for segment in path.split("/") for part in (segment, segment.split(".")[0]) if part
    }


def permanence_problems(
    sources: list[Source],
    paths: SitePaths,
    settings: dict[str, Any],
    unsure: frozenset[str] = frozenset(),
) -> ListReport:
    """Problems with the list, the redirects, and site-path links in the sources.

    `unsure` names the slugs and registry keys of sources and entries that could not be read
    (each with its own problem): a listed URL that names one is not judged, since what they
    publish is not known, and a typo must not read as a deletion."""
    listed = read_published_list(list_path(settings))
    registry = read_redirects(registry_path(settings))
    problems = [*listed.problems, *registry.problems]
    by_source = {redirect.source: redirect for redirect in registry.redirects}
    redirects_file = display_path(registry.file)
    for redirect in registry.redirects:
        target = final_target(redirect, by_source)
        if paths.judged(redirect.source) and redirect.source in paths.known:
            problems.append(
                registry.problem(
                    redirect.line,
                    f"{redirect.source} is still published, so it cannot redirect: "
                    "remove this line or give the content its new URL",
                )
            )
        elif target is None:
            problems.append(
                registry.problem(
                    redirect.line, f"{redirect.source} is part of a redirect loop: break it"
                )
            )
        elif paths.judged(target) and target not in paths.known:
            problems.append(
                registry.problem(
                    redirect.line,
                    f"{redirect.source} redirects to {target}, which the sources do not "
                    "publish: point it at a published URL",
                )
            )
    judged = 0
    shapes = continuation_shapes(settings.get("PAGINATION_PATTERNS"))
    for url in listed.urls:
        if url.path in by_source or not paths.judged(url.path) or names_in(url.path) & unsure:
            continue
        listing = listing_page(url.path, shapes)
        if listing and (listing[0] in paths.known or not paths.judged(listing[0])):
            continue  # a lost page of a listing still published: the build redirects it
        judged += 1
        if url.path not in paths.known:
            problems.append(
                Problem(
                    display_path(listed.file),
                    url.line,
                    f"{url.path} was published and would disappear: keep it (withdraw a post "
                    f"with Withdrawn:, never delete it) or add a redirect for it to "
                    f"{redirects_file}",
                )
            )
    problems += site_link_problems(sources, paths, set(by_source))
    return ListReport(problems, judged, len(listed.urls))


def site_link_problems(
    sources: list[Source], paths: SitePaths, redirects: set[str]
) -> list[Problem]:
    """Links written as site paths that no source publishes."""
    problems = []
    for source in sources:
        for number, line in enumerate(source.text.splitlines(), start=1):
            for match in SITE_LINK.finditer(line):
                path = match["path"]
                if not paths.judged(path) or path in paths.known or path in redirects:
                    continue
                problems.append(
                    Problem(
                        source.shown_path,
                        number,
                        f"link {path} is not an address this site publishes: link to the "
                        "source instead, as {filename}/folder/file.md, and the build writes "
                        "the right address",
                    )
                )
    return problems
