"""The URL paths the sources and registries will publish, worked out without building.

Only some shapes of address come wholly from sources: a post's, a person's, a tag's, a
consultation's, their feeds, the pages of their listings. Those shapes are "judged": a path
of that shape is published exactly when a source makes it. Every other address (the home
page, the theme's files, site-wide feeds, a plugin's own pages, site pages at the top level,
which plugins share with pages) only a build can prove, and the build does.
"""

from __future__ import annotations

import math
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from consultations.facets import FIXED_FACETS
from consultations.moments import moment
from pelican.urlwrappers import Tag
from permanent_urls.addresses import url_path_for

from .addresses import save_as_of
from .inventory import Source, of_kind
from .registries import Registries
from .schema import split_dated_note

PLACEHOLDER = re.compile(r"\{(?P<name>\w+)(?::(?P<format>[^}]*))?\}")
FEED_TYPES = ("atom", "rss")
CONSULTATION_EVENT_FEEDS = ("opened", "closing-soon", "outcomes")


def path_shape(pattern: str) -> str:
    """A regular expression for the clean paths a `*_SAVE_AS` pattern gives."""
    clean = url_path_for(pattern)
    parts, last = [], 0
    for match in PLACEHOLDER.finditer(clean):
        parts.append(re.escape(clean[last : match.start()]))
        parts.append(r"\d{4}" if match["format"] == "%Y" else r"[^/]+")
        last = match.end()
    parts.append(re.escape(clean[last:]))
    return "".join(parts)


@dataclass
class SitePaths:
    known: set[str] = field(default_factory=set)
    shapes: list[re.Pattern[str]] = field(default_factory=list)

    def judged(self, path: str) -> bool:
        return any(shape.fullmatch(path) for shape in self.shapes)

    def add_shape(self, regex: str) -> None:
        self.shapes.append(re.compile(regex))


def withdrawn_by(source: Source, clock: datetime | None) -> bool:
    """Withdrawn at the build's time (a withdrawal dated later is scheduled, not yet done)."""
    written = source.value("withdrawn")
    if not written:
        return False
    date, _note = split_dated_note(written)
    if date is None or clock is None:
        return date is not None
    aware = date if date.tzinfo else date.replace(tzinfo=ZoneInfo(source.zone))
    return aware <= clock


def comments_shown(source: Source, clock: datetime | None) -> bool:
    """Whether the page shows a comment section, so that its thread has a feed."""
    written = (source.value("comments") or "").lower()
    if source.kind == "consultation":  # open while open, then closed; off until it opens
        if written in ("off", "closed"):
            return written == "closed"
        opens = moment(source.value("opens"), source.zone)
        return clock is None or opens is None or clock >= opens
    default = "open" if source.kind == "post" else "off"
    return (written or default) in ("open", "closed")


class PathFinder:
    def __init__(
        self,
        sources: list[Source],
        registries: Registries,
        settings: dict[str, Any],
        clock: datetime | None,
    ) -> None:
        self.sources = sources
        self.registries = registries
        self.settings = settings
        self.clock = clock
        self.feeds = settings.get("FEEDS_PATH", "feeds")
        self.per_page = settings.get("DEFAULT_PAGINATION") or 0
        self.paths = SitePaths()

    def find(self) -> SitePaths:
        self._contents()
        self._registries()
        self._posts_listings()
        self._consultation_listings()
        self._static_files()
        return self.paths

    def _setting(self, name: str) -> str | None:
        value = self.settings.get(name)
        return value if isinstance(value, str) and value else None

    def _shape(self, name: str) -> None:
        pattern = self._setting(name)
        if pattern:
            self.paths.add_shape(path_shape(pattern))

    def _feed(self, folder: str, key: str) -> None:
        self.paths.known.update(f"/{self.feeds}/{folder}/{key}.{kind}.xml" for kind in FEED_TYPES)

    def _feed_shape(self, folder: str, exclude: tuple[str, ...] = ()) -> None:
        avoid = "".join(f"(?!{re.escape(name)}\\.)" for name in exclude)
        self.paths.add_shape(
            f"/{re.escape(self.feeds)}/{re.escape(folder)}/{avoid}[^/]+\\.(atom|rss)\\.xml"
        )

    def _contents(self) -> None:
        content_shapes = []
        for kind, setting in (
            ("post", "ARTICLE_SAVE_AS"),
            ("consultation", "CONSULTATION_SAVE_AS"),
            ("response", "RESPONSE_SAVE_AS"),
            ("transcript", "TRANSCRIPT_SAVE_AS"),
        ):
            pattern = self._setting(setting)
            if not pattern:
                continue
            shape = path_shape(pattern)
            self.paths.add_shape(shape)
            content_shapes.append(shape.lstrip("/"))
            for source in of_kind(self.sources, kind):
                save_as = save_as_of(source, self.settings)
                if save_as is None or not source.shown_at(self.clock):
                    continue
                path = url_path_for(save_as)
                self.paths.known.add(path)
                listed = source.status == "published"
                if listed and comments_shown(source, self.clock):
                    self._feed("comments", path.strip("/"))
        if content_shapes:
            inner = "|".join(f"(?:{shape.rstrip('/')})" for shape in content_shapes)
            self.paths.add_shape(
                f"/{re.escape(self.feeds)}/comments/(?:{inner})\\.(atom|rss)\\.xml"
            )

    def _registries(self) -> None:
        for setting, folder, keys, kind in (
            ("PERSON_SAVE_AS", "people", self.registries.people, "person"),
            ("DEPARTMENT_SAVE_AS", "departments", self.registries.departments, "department"),
        ):
            pattern = self._setting(setting)
            if pattern is None or kind in self.registries.unread:
                continue  # a registry that cannot be read: what it publishes is not known
            self._shape(setting)
            self._feed_shape(folder)
            for key in keys:
                self.paths.known.add(url_path_for(pattern.format(key=key)))
                self._feed(folder, key)

    def _pages_of(self, base_path: str, count: int) -> None:
        """Page 2 onwards of a listing of `count` items at `base_path` (`/tags/x/`)."""
        if not self.per_page:
            return
        for number in range(2, math.ceil(count / self.per_page) + 1):
            self.paths.known.add(f"{base_path}page/{number}/")

    def _posts_listings(self) -> None:
        posts = [
            p
            for p in of_kind(self.sources, "post")
            if p.shown_at(self.clock) and p.status == "published"
        ]
        listed = [p for p in posts if not withdrawn_by(p, self.clock)]
        self._pages_of("/", len(listed))
        self.paths.add_shape(r"/page/\d+/")
        tag_pattern, year_pattern = (
            self._setting("TAG_SAVE_AS"),
            self._setting("YEAR_ARCHIVE_SAVE_AS"),
        )
        tags_listed: Counter[str] = Counter()
        for post in posts:
            names = [t.strip() for t in (post.value("tags") or "").split(",") if t.strip()]
            for name in names:
                slug = Tag(name, self.settings).slug
                if tag_pattern:
                    self.paths.known.add(url_path_for(tag_pattern.format(slug=slug)))
                self._feed("tags", slug)
                tags_listed[slug] += int(post in listed)
            if year_pattern and post.published_at:
                self.paths.known.add(url_path_for(year_pattern.format(date=post.published_at)))
        if tag_pattern:
            self._shape("TAG_SAVE_AS")
            self.paths.add_shape(path_shape(tag_pattern) + r"page/\d+/")
            for slug, count in tags_listed.items():
                self._pages_of(url_path_for(tag_pattern.format(slug=slug)), count)
        self._feed_shape("tags")
        self._shape("YEAR_ARCHIVE_SAVE_AS")

    def _consultation_listings(self) -> None:
        listed = [
            c
            for c in of_kind(self.sources, "consultation")
            if c.shown_at(self.clock) and c.status == "published"
        ]
        for consultation in listed:
            self._feed("consultations", consultation.slug)
        self._feed_shape("consultations", CONSULTATION_EVENT_FEEDS)
        pattern = self._setting("CONSULTATIONS_FACET_SAVE_AS")
        if pattern is None:
            return
        values = {(facet.key, value.key) for facet in FIXED_FACETS for value in facet.values}
        values |= {("department", c.value("department") or "") for c in listed}
        for facet, value in values:
            self.paths.known.add(url_path_for(pattern.format(facet=facet, value=value)))
        names = "|".join(["department", *(facet.key for facet in FIXED_FACETS)])
        self.paths.add_shape(path_shape(pattern).replace(r"[^/]+", f"(?:{names})", 1))

    def _static_files(self) -> None:
        for folder in self.settings.get("STATIC_PATHS", []):
            root = os.path.join(self.settings["PATH"], folder)
            self.paths.add_shape(f"/{re.escape(folder.strip('/'))}/.+")
            for directory, _dirs, files in os.walk(root):
                for name in files:
                    relative = os.path.relpath(os.path.join(directory, name), self.settings["PATH"])
                    self.paths.known.add("/" + relative.replace(os.sep, "/"))


def site_paths(
    sources: list[Source],
    registries: Registries,
    settings: dict[str, Any],
    clock: datetime | None,
) -> SitePaths:
    return PathFinder(sources, registries, settings, clock).find()
