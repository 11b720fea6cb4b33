"""Writes a redirect page (or, for a feed, a copy) for every renamed URL, then proves no listed
URL has disappeared.

It runs after every other generator (static files included), so it sees the finished staging
folder; a problem here stops the build before the publishing plugin swaps it in.
"""

from __future__ import annotations

import html
import logging
import os
import re
import shutil
import sys
from typing import Any

from content_model.problems import BUILD_PROBLEMS, ContentError, Problem, display_path
from pelican.generators import Generator

from .addresses import (
    continuation_shapes,
    file_for,
    ignored,
    is_page,
    listing_page,
    url_paths_in,
)
from .published_list import PublishedList, list_path, read_published_list
from .redirects import Redirect, RedirectRegistry, final_target, read_redirects, registry_path

logger = logging.getLogger(__name__)

# Generators with a larger finish_order are moved after Pelican's own (see __init__.py).
FINISH_ORDER = 20
TITLE = re.compile(r"<title>(.*?)</title>", re.S)
UPDATE_COMMAND = "make published-urls"


def page_title(output_path: str, url_path: str, sitename: str) -> str:
    """The visible title of a built page, for the link on its old address."""
    try:
        with open(os.path.join(output_path, file_for(url_path)), encoding="utf-8") as handle:
            found = TITLE.search(handle.read(4096))
    except OSError:
        found = None
    if not found:
        return url_path
    title = html.unescape(found.group(1)).strip()
    return title.removesuffix(f" - {sitename}") if title != sitename else "Home"


def stop(problems: list[Problem]) -> ContentError:
    """Report every problem, one `file:line: message` per line, the way the build does."""
    ordered = sorted(set(problems))
    error = ContentError(ordered)
    sys.stderr.write("".join(f"{problem}\n" for problem in ordered))
    sys.stderr.write(f"error: {error}\n")
    sys.stderr.flush()
    return error


class PermanentUrlsGenerator(Generator):
    finish_order = FINISH_ORDER

    def generate_context(self) -> None:
        self.listed: PublishedList = read_published_list(list_path(self.settings))
        self.registry: RedirectRegistry = read_redirects(registry_path(self.settings))
        BUILD_PROBLEMS.extend(self.listed.problems + self.registry.problems)

    def generate_output(self, writer: Any) -> None:
        ignore = self.settings.get("PUBLISHED_URLS_IGNORE", [])
        present = url_paths_in(self.output_path, ignore)
        redirects, problems = self._resolve(present)
        if problems:
            raise stop(problems)
        for redirect in redirects:
            self._write_redirect(writer, redirect)
            present.add(redirect.source)
        missing = [
            url
            for url in self.listed.urls
            if url.path not in present and not ignored(url.path, ignore)
        ]
        shortened = self._shortened_listings([url.path for url in missing], present)
        for redirect in shortened:
            self._write_redirect(writer, redirect, listing=True)
        present.update(redirect.source for redirect in shortened)
        missing = [url for url in missing if url.path not in present]
        if missing:
            raise stop([self._disappeared(url.path, url.line) for url in missing])
        new = present - self.listed.paths
        if new:
            logger.info(
                "%d published URL(s) are not in %s yet: run `%s` to record them",
                len(new),
                display_path(self.listed.file),
                UPDATE_COMMAND,
            )
        logger.info(
            "Permanent URLs: %d listed, %d redirect(s), %d from a listing's lost page(s)",
            len(self.listed.urls),
            len(redirects) + len(shortened),
            len(shortened),
        )

    def _shortened_listings(self, missing: list[str], present: set[str]) -> list[Redirect]:
        """A redirect for each lost continuation page of a listing that is still published.

        Withdrawals (or a smaller DEFAULT_PAGINATION) shorten a listing: its page numbers are
        positions, not anything a reader cites, so page 3 of a listing that now has two pages
        leads to its last page, where the oldest items now are. A listing that is gone as a
        whole, and any post, page or feed, still stops the build.
        """
        shapes = continuation_shapes(self.settings.get("PAGINATION_PATTERNS"))
        if not shapes:
            return []
        last_page: dict[str, tuple[int, str]] = {}
        for path in present:
            found = listing_page(path, shapes)
            if found and found[1] > last_page.get(found[0], (1, ""))[0]:
                last_page[found[0]] = (found[1], path)
        redirects = []
        for path in missing:
            found = listing_page(path, shapes)
            if found is None or found[0] not in present:
                continue
            first, _number = found
            redirects.append(Redirect(path, last_page.get(first, (1, first))[1], 0))
        return redirects

    def _resolve(self, present: set[str]) -> tuple[list[Redirect], list[Problem]]:
        """Each redirect with its chain followed to a page this build published."""
        by_source = {redirect.source: redirect for redirect in self.registry.redirects}
        resolved, problems = [], []
        for redirect in self.registry.redirects:
            target = final_target(redirect, by_source)
            if redirect.source in present:
                problems.append(
                    self.registry.problem(
                        redirect.line,
                        f"{redirect.source} is still published, so it cannot redirect: "
                        "remove this line or give the content its new URL",
                    )
                )
            elif target is None:
                problems.append(
                    self.registry.problem(
                        redirect.line, f"{redirect.source} is part of a redirect loop: break it"
                    )
                )
            elif target not in present:
                problems.append(
                    self.registry.problem(
                        redirect.line,
                        f"{redirect.source} redirects to {target}, which this build did not "
                        "publish: point it at a published URL",
                    )
                )
            else:
                resolved.append(Redirect(redirect.source, target, redirect.line))
        return resolved, problems

    def _disappeared(self, path: str, line: int) -> Problem:
        return Problem(
            display_path(self.listed.file),
            line,
            f"{path} was published and would disappear: keep it (withdraw a post with "
            "Withdrawn:, never delete it) or add a redirect for it to "
            f"{display_path(self.registry.file)}",
        )

    def _link(self, url_path: str) -> str:
        """The path as the templates link to it: with index.html when previewing from disk."""
        target = file_for(url_path)
        if target.endswith("index.html"):
            return target.removesuffix("index.html") + self.settings.get("INDEX_SUFFIX", "")
        return target

    def _write_redirect(self, writer: Any, redirect: Redirect, *, listing: bool = False) -> None:
        if not is_page(redirect.source):
            copy = os.path.join(self.output_path, file_for(redirect.source))
            os.makedirs(os.path.dirname(copy), exist_ok=True)
            shutil.copyfile(os.path.join(self.output_path, file_for(redirect.target)), copy)
            return
        writer.write_file(
            file_for(redirect.source),
            self.get_template("redirect"),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            url=self._link(redirect.source),
            redirect={
                "source": redirect.source,
                "target": redirect.target,
                "link": self._link(redirect.target),
                "title": page_title(self.output_path, redirect.target, self.settings["SITENAME"]),
                "listing": listing,
            },
        )
