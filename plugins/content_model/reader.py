"""A Markdown reader that checks front matter against its content type before Pelican sees it.

Invalid sources are recorded in the build's problem log and skipped quietly; the publishing
plugin then stops the build before anything is written, listing every problem at once.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from pelican.readers import MarkdownReader
from pelican.utils import pelican_open

from . import read_ahead
from .front_matter import FrontMatter, read_source, remember_front_matter
from .images import images_without_alt
from .markdown_cache import Replay, cache_for_build, keep_rendering, render, rendering_key
from .problems import BUILD_PROBLEMS
from .read_cache import LINK, ReadCache, as_kept, reading_version, reads_for_build
from .registries import Registries, load_registries
from .schema import CONTENT_TYPES, split_dated_note, validate
from .source_checks import further_problems, link_problems

_REGISTRY_CACHE: dict[tuple, Registries] = {}

# The folder under the content path that each content type lives in.
FOLDER_TYPES = {
    "posts": "post",
    "pages": "page",
    "consultations": "consultation",
    "responses": "response",
    "transcripts": "transcript",
    "replies": "reply",
}


@dataclass(frozen=True)
class Withdrawal:
    date: datetime
    reason: str


@dataclass(frozen=True)
class Correction:
    date: datetime
    note: str


def content_type_for(source_path: str, settings: dict[str, Any]) -> str | None:
    """The content type a source is, from the folder it sits in under the content path."""
    relative = os.path.relpath(source_path, settings["PATH"])
    top = relative.split(os.sep, 1)[0]
    return FOLDER_TYPES.get(top)


def registry_files(settings: dict[str, Any]) -> list[str]:
    return [
        os.path.join(settings["PATH"], settings["DEPARTMENTS_REGISTRY"]),
        os.path.join(settings["PATH"], settings["PEOPLE_REGISTRY"]),
    ]


def registries_for(settings: dict[str, Any]) -> Registries:
    """The registries, read once per build (keyed by the files' modification times)."""
    paths = registry_files(settings)
    key = tuple((p, os.stat(p).st_mtime_ns if os.path.exists(p) else None) for p in paths)
    if key not in _REGISTRY_CACHE:
        _REGISTRY_CACHE.clear()
        _REGISTRY_CACHE[key] = load_registries(
            settings["PATH"],
            settings["DEPARTMENTS_REGISTRY"],
            settings["PEOPLE_REGISTRY"],
            settings,
        )
    return _REGISTRY_CACHE[key]


def _aware(moment: datetime, settings: dict[str, Any]) -> datetime:
    if moment.tzinfo is None:
        return moment.replace(tzinfo=ZoneInfo(settings["TIMEZONE"]))
    return moment


def check_source(
    source_path: str, content_type: str, registries: Registries, settings: dict[str, Any]
) -> tuple[FrontMatter, list[tuple[int, str]]]:
    """Every problem of one source, as (line, message): what the build and `make check` share."""
    text, front_matter = read_source(source_path)
    found = validate(front_matter, CONTENT_TYPES[content_type], registries)
    found += images_without_alt(text)
    found += further_problems(
        source_path, text, front_matter, content_type, settings, content_type_for
    )
    return front_matter, found


class DialoguesMarkdownReader(MarkdownReader):
    """Pelican's Markdown reader, plus validation and the registries' objects as metadata."""

    _registries_read: Registries | None = None

    def _registries(self) -> Registries:
        """The registries, looked up once per reader: Pelican makes its readers anew for
        each build, and asking the files' times for every source took 0.17 s of a
        5,000-post rebuild."""
        if self._registries_read is None:
            self._registries_read = registries_for(self.settings)
        return self._registries_read

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        content_type = content_type_for(source_path, self.settings)
        if content_type is None:
            return super().read(source_path)
        registries = self._registries()
        BUILD_PROBLEMS.extend(registries.problems)
        kept = reads_for_build(self.settings, registry_files(self.settings))
        if kept is not None:
            if kept.ahead is None:
                kept.ahead = read_ahead.take(kept.file.version)
            ahead = kept.looked_up_ahead(source_path, registries)
            if ahead is not None:
                rendering, stamp, (reading, kept_front_matter) = ahead
                remember_front_matter(source_path, stamp, kept_front_matter)
                keep_rendering(rendering)
                return reading
            key, text, stamp = kept.text_of(source_path)
            entry = kept.get(key, registries)
            if entry is not None:
                reading, kept_front_matter = entry
                remember_front_matter(source_path, stamp, kept_front_matter)
                if self._links_hold(source_path, text, kept_front_matter, content_type):
                    keep_rendering(rendering_key(text))
                    return reading
        front_matter, found = check_source(source_path, content_type, registries, self.settings)
        if found:
            for line, message in found:
                BUILD_PROBLEMS.add(source_path, line, message)
            return "", {"status": "skip"}
        if content_type == "post" and not _signed_by_known(front_matter, registries):
            return "", {"status": "skip"}  # its registry entry's problem stops the build
        content, metadata = self._read_markdown(source_path, kept)
        self._attach(metadata, front_matter, registries, content_type)
        reading = as_kept((content, metadata))  # the same objects with a cache or without
        if kept is not None:
            kept.put(key, reading, front_matter)
        return reading

    def _links_hold(
        self, source_path: str, text: str, front_matter: FrontMatter, content_type: str
    ) -> bool:
        """A kept reading holds while the files its internal links name pass the checks that
        they passed when it was kept (read_cache.py)."""
        if not LINK.search(text):
            return True
        return not link_problems(
            source_path, text, front_matter, content_type, self.settings, content_type_for
        )

    def _read_markdown(
        self, source_path: str, kept: ReadCache | None = None
    ) -> tuple[str, dict[str, Any]]:
        """Pelican's `MarkdownReader.read`, with the rendering taken from the build's cache
        (which renders ahead only the sources whose reading is not `kept`), or, when few
        sources changed since their readings were kept, rendered here."""
        if kept is not None and kept.renders_here():
            self._source_path = source_path
            with pelican_open(source_path) as text:
                rendered = render(
                    text, self.settings["MARKDOWN"], self.settings["FORMATTED_FIELDS"]
                )
        else:
            needed = None if kept is None else kept.needs_reading
            cache = cache_for_build(self.settings, FOLDER_TYPES, needed)
            if cache is None:
                return super().read(source_path)
            self._source_path = source_path
            with pelican_open(source_path) as text:
                rendered = cache.rendered(text)
        self._md = Replay(rendered, self.settings["MARKDOWN"])
        return rendered.html, self._parse_metadata(rendered.meta)

    def _attach(
        self, metadata: dict[str, Any], front_matter: Any, registries: Registries, kind: str
    ) -> None:
        if kind == "post":
            metadata["person"] = registries.people[front_matter.first("author").value]
            metadata["department"] = registries.departments[front_matter.first("department").value]
        default_mode = "open" if kind == "post" else "off"
        metadata["comments_mode"] = metadata.pop("comments", default_mode)
        withdrawn = front_matter.first("withdrawn")
        metadata["withdrawn"] = None
        if withdrawn:
            date, reason = split_dated_note(withdrawn.value)
            assert date is not None
            metadata["withdrawn"] = Withdrawal(_aware(date, self.settings), reason)
        corrections = []
        for field in front_matter.all("correction"):
            date, note = split_dated_note(field.value)
            assert date is not None
            corrections.append(Correction(_aware(date, self.settings), note))
        metadata.pop("correction", None)
        metadata["corrections"] = sorted(corrections, key=lambda c: c.date)


def _signed_by_known(front_matter: Any, registries: Registries) -> bool:
    """Whether a post's person and department are in the registries (a source is not
    reported for naming an entry whose own problem the registry reports)."""
    return (
        front_matter.first("author").value in registries.people
        and front_matter.first("department").value in registries.departments
    )


def start_reading_ahead(settings: dict[str, Any], first: Callable[[], bytes]) -> None:
    """Look up the kept readings in a forked copy while the build does other things
    (read_ahead.py): at the start of each run, before asking whether anything changed.
    The copy works out `first` before it starts (read_ahead.first_answer)."""
    files = registry_files(settings)

    def version() -> str:
        # The version digests the settings as reading sees them, once the reader has
        # completed settings["MARKDOWN"] (its extensions); the copy's settings are its own.
        DialoguesMarkdownReader(settings)
        return reading_version(settings, files)

    read_ahead.start(settings, registries_for(settings), content_type_for, version, first)
