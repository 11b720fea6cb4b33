"""Every source of the site, read once for `make check`, with what the checks that relate one
source to another need: its type, slug, status, when it is published, and its problems."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from typing import Any

from pelican.utils import slugify

from .front_matter import Field, FrontMatter
from .problems import display_path
from .reader import FOLDER_TYPES, check_source, content_type_for
from .registries import Registries
from .timing import published_at

SHOWN_STATUSES = ("published", "hidden")


@dataclass
class Source:
    path: str
    kind: str
    text: str
    front_matter: FrontMatter
    problems: list[tuple[int, str]]  # this file's own problems, as the build finds them
    zone: str
    slug: str  # its Slug, else its file name made a slug, as Pelican does

    @property
    def shown_path(self) -> str:
        return display_path(self.path)

    @property
    def valid(self) -> bool:
        """The build reads only valid sources; the others are already reported."""
        return not self.problems

    def field(self, key: str) -> Field | None:
        return self.front_matter.first(key)

    def value(self, key: str) -> str | None:
        found = self.front_matter.first(key)
        return found.value if found else None

    def line_of(self, key: str) -> int:
        found = self.front_matter.first(key)
        return found.line if found else 1

    @property
    def status(self) -> str:
        return (self.value("status") or "published").lower()

    @cached_property
    def published_at(self) -> datetime | None:
        return published_at(self.kind, self.front_matter, self.zone)

    def shown_at(self, clock: datetime | None) -> bool:
        """In the build at `clock` (None: a preview, which shows drafts and embargoes)."""
        if clock is None:
            return self.valid
        when = self.published_at
        return self.valid and self.status in SHOWN_STATUSES and (when is None or when <= clock)

    @property
    def body(self) -> list[str]:
        return self.text.splitlines()[self.front_matter.end_line :]

    @property
    def first_body_line(self) -> int:
        return self.front_matter.end_line + 1


def source_files(content_path: str) -> list[str]:
    found = []
    for folder in FOLDER_TYPES:
        for root, _dirs, files in os.walk(os.path.join(content_path, folder)):
            found += [os.path.join(root, name) for name in files if name.endswith(".md")]
    return sorted(found)


def read_sources(settings: dict[str, Any], registries: Registries) -> list[Source]:
    """Every source, with the problems the build's reader would record for it."""
    sources = []
    for path in source_files(settings["PATH"]):
        kind = content_type_for(path, settings)
        if kind is None:
            continue
        front_matter, problems = check_source(path, kind, registries, settings)
        with open(path, encoding="utf-8-sig") as handle:
            text = handle.read()
        written = front_matter.first("slug")
        slug = written.value if written else slug_of_file(path, settings)
        sources.append(Source(path, kind, text, front_matter, problems, settings["TIMEZONE"], slug))
    return sources


def slug_of_file(path: str, settings: dict[str, Any]) -> str:
    return slugify(
        os.path.splitext(os.path.basename(path))[0],
        regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS", []),
        preserve_case=settings.get("SLUGIFY_PRESERVE_CASE", False),
        use_unicode=settings.get("SLUGIFY_USE_UNICODE", False),
    )


def of_kind(sources: list[Source], kind: str) -> list[Source]:
    return [source for source in sources if source.kind == kind]
