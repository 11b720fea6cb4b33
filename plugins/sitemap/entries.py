"""What the sitemaps say about each page Pelican writes: address, title, section and lastmod.

Entries are recorded from Pelican's `content_written` signal, so every page any generator
writes is found, including page types added later. `lastmod` comes from content dates
(Modified, else Date; a withdrawal counts as a change), never from the build clock.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from fnmatch import fnmatch
from typing import Any

from pelican.contents import Content

INDEX = "index.html"
PAGINATOR = "_paginator"


@dataclass(frozen=True)
class Entry:
    path: str  # the clean URL path: /posts/2025/x/
    link: str  # as templates link to it: posts/2025/x/index.html while previewing
    title: str
    lastmod: datetime | None
    published: datetime | None
    continuation: bool  # page 2 onwards of a paginated listing

    @property
    def section(self) -> str:
        """The first folder of the path; "" for top-level pages and the home page."""
        parts = self.path.strip("/").split("/")
        return parts[0] if len(parts) > 1 else ""


def url_path_for(relative_file: str) -> str:
    relative = relative_file.replace(os.sep, "/")
    if relative == INDEX:
        return "/"
    return "/" + (relative[: -len(INDEX)] if relative.endswith("/" + INDEX) else relative)


def content_dates(content: Any) -> list[datetime]:
    """The dates a content object records changes at."""
    found = [getattr(content, "modified", None) or getattr(content, "date", None)]
    withdrawn = getattr(content, "withdrawn", None)
    if withdrawn is not None:
        found.append(getattr(withdrawn, "date", None))
    return [date for date in found if isinstance(date, datetime)]


def newest(contents: Iterable[Any]) -> datetime | None:
    dates = [date for content in contents for date in content_dates(content)]
    return max(dates) if dates else None


def own_object(context: Mapping[str, Any], relative: str) -> Any:
    """The content, person or department this page is about (it is saved at this path)."""
    for key in ("article", "page", "person", "department"):
        value = context.get(key)
        if getattr(value, "save_as", None) == relative:
            return value
    for value in context.values():
        if isinstance(value, Content) and value.save_as == relative:
            return value
    return None


def current_pages(context: Mapping[str, Any]) -> list[Any]:
    """The page of each paginated list Pelican is writing (`articles_page` beside
    `articles_paginator`; not the `_previous_page` and `_next_page` around it)."""
    found = []
    for key in context:
        if key.endswith(PAGINATOR):
            name = key[: -len(PAGINATOR)] + "_page"
            if name in context:
                found.append(context[name])
    return found


def shown_contents(
    context: Mapping[str, Any], shared: Mapping[str, Any], pages: list[Any]
) -> list[Any]:
    """The posts (or other dated content) a listing page shows, given its `current_pages`."""
    for page in pages:
        return list(page.object_list)
    for key in ("dates", "articles"):
        value = context.get(key)
        if value and (context.get("blog") or value is not shared.get(key)):
            return list(value)
    return []


def is_continuation(pages: list[Any]) -> bool:
    """Whether a page is page 2 onwards of a list, given its `current_pages`."""
    return any(getattr(page, "number", 1) > 1 for page in pages)


def relative_path(file: str, output_path: str) -> str:
    """`file` relative to the output folder, with `/`: Pelican gives every page's path as
    the folder joined to a normalised name, so the prefix is cut off rather than worked out
    again by `os.path.relpath` for each of thousands of pages."""
    prefix = os.path.join(output_path, "")
    if file.startswith(prefix) and os.path.isabs(prefix):
        relative = file[len(prefix) :]
    else:
        relative = os.path.relpath(file, output_path)
    return relative.replace(os.sep, "/")


def shown_title(title: str, file: str, sitename: str) -> str:
    """The title a sitemap shows for a page whose <title> is `title`: without the site's
    name, and "Home" for an index page titled with the site's name alone."""
    if not title or title == sitename:
        return "Home" if file.endswith(os.sep + INDEX) else title
    return title.removesuffix(f" - {sitename}")


def entry_for(
    file: str,
    context: Mapping[str, Any],
    output_path: str,
    shared: Mapping[str, Any],
    exclude: Iterable[str],
    sitename: str,
    title_of: Callable[[str], str],
) -> Entry | None:
    """The sitemap entry for a written file, or None for what no sitemap lists: files that
    are not pages, hidden content, redirects, and the excluded paths (the 404 page).
    `title_of(file)` gives the text of the written page's <title> (titles.py)."""
    relative = relative_path(file, output_path)
    if not relative.endswith(".html") or any(fnmatch(relative, p) for p in exclude):
        return None
    if context.get("redirect"):
        return None
    content = own_object(context, relative)
    if getattr(content, "status", "published") == "hidden":
        return None
    pages = current_pages(context)
    if content is not None and getattr(content, "articles", None) is not None:
        lastmod = newest(content.articles)
    elif content is not None:
        lastmod = newest([content])
    else:
        lastmod = newest(shown_contents(context, shared, pages))
    suffix = context.get("INDEX_SUFFIX", "")
    link = relative[: -len(INDEX)] + suffix if relative.endswith(INDEX) else relative
    date = getattr(content, "date", None)
    return Entry(
        path=url_path_for(relative),
        link=link,
        title=shown_title(title_of(file), file, sitename),  # written (or kept) by now
        lastmod=lastmod,
        published=date if isinstance(date, datetime) else None,
        continuation=is_continuation(pages),
    )
