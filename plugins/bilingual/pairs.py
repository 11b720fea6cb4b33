"""Translation pairs, checked from the sources alone (so `make check` and the build agree):
a language the site does not have, a translation without its original, a translation older
than its original, and a page BILINGUAL_REQUIRED says must exist in every language.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from fnmatch import fnmatch
from typing import Any
from zoneinfo import ZoneInfo

from content_model.front_matter import Field, source_front_matter
from content_model.problems import Problem, display_path
from content_model.schema import parse_date

from .languages import name_of, site_languages

# The folders whose sources Pelican pairs as translations, and what each holds.
PAIRED_FOLDERS = {"posts": "post", "pages": "page", "consultations": "consultation"}
# What a consultation's translation must say exactly as its original does: its pages show one
# exercise, with the original's dates.
SAME_AS_ORIGINAL = ("opens", "closes", "announced")


@dataclass(frozen=True)
class Source:
    path: str  # on disk
    relative: str  # under the content folder, with /
    kind: str
    slug: str
    lang: str
    lang_line: int
    changed: datetime | None  # Modified, else Date
    changed_line: int
    fixed: tuple[tuple[str, str, int], ...] = ()  # (key, value, line) of SAME_AS_ORIGINAL

    @property
    def shown(self) -> str:
        return display_path(self.path)


def _moment(field: Field | None, zone: str) -> datetime | None:
    moment = parse_date(field.value) if field else None
    if moment is not None and moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo(zone))
    return moment


def _source(path: str, content: str, kind: str, settings: Mapping[str, Any]) -> Source | None:
    front_matter = source_front_matter(path)
    status = front_matter.first("status")
    if status and status.value.strip().lower() == "draft":
        return None
    slug = front_matter.first("slug")
    lang = front_matter.first("lang")
    changed = front_matter.first("modified") or front_matter.first("date")
    if kind == "consultation" and changed is None:
        changed = front_matter.first("announced") or front_matter.first("opens")
    fixed = tuple(
        (key, found.value.strip(), found.line)
        for key in SAME_AS_ORIGINAL
        if (found := front_matter.first(key)) is not None
    )
    return Source(
        path=path,
        relative=os.path.relpath(path, content).replace(os.sep, "/"),
        kind=kind,
        slug=slug.value.strip() if slug else os.path.splitext(os.path.basename(path))[0],
        lang=(lang.value.strip().lower() if lang else str(settings.get("DEFAULT_LANG") or "en")),
        lang_line=lang.line if lang else 1,
        changed=_moment(changed, str(settings.get("TIMEZONE") or "UTC")),
        changed_line=changed.line if changed else 1,
        fixed=fixed,
    )


def paired_sources(settings: Mapping[str, Any]) -> list[Source]:
    content = str(settings["PATH"])
    found = []
    for folder, kind in PAIRED_FOLDERS.items():
        for root, dirs, names in os.walk(os.path.join(content, folder)):
            dirs.sort()
            for name in sorted(names):
                if name.endswith(".md"):
                    source = _source(os.path.join(root, name), content, kind, settings)
                    if source is not None:
                        found.append(source)
    return found


def _day(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")


def pair_problems(settings: Mapping[str, Any]) -> list[Problem]:
    languages = site_languages(settings)
    default = languages[0]
    required = list(settings.get("BILINGUAL_REQUIRED") or [])
    groups: dict[tuple[str, str], dict[str, Source]] = defaultdict(dict)
    problems = []
    for source in paired_sources(settings):
        if source.lang not in languages:
            problems.append(
                Problem(
                    source.shown,
                    source.lang_line,
                    f"Lang '{source.lang}' is not one of this site's languages "
                    f"({', '.join(languages)}): add it to LANGUAGES or correct the Lang line",
                )
            )
            continue
        groups[(source.kind, source.slug)].setdefault(source.lang, source)
    for (kind, slug), versions in sorted(groups.items()):
        original = versions.get(default)
        for code, translation in sorted(versions.items()):
            if code == default:
                continue
            if original is None:
                problems.append(
                    Problem(
                        translation.shown,
                        translation.lang_line,
                        f"this {name_of(code)} {kind} has no {name_of(default)} original with "
                        f"Slug '{slug}': give it its original's Slug (or file name), or write "
                        "the original",
                    )
                )
            elif differing := [
                (key, value, line)
                for key, value, line in translation.fixed
                if value != dict((k, v) for k, v, _ in original.fixed).get(key)
            ]:
                key, value, line = differing[0]
                problems.append(
                    Problem(
                        translation.shown,
                        line,
                        f"this {name_of(code)} consultation's {key.capitalize()} ({value}) is "
                        f"not its original's ({original.shown}): a translation has its "
                        "original's dates; copy them",
                    )
                )
            elif (
                original.changed and translation.changed and translation.changed < original.changed
            ):
                problems.append(
                    Problem(
                        translation.shown,
                        translation.changed_line,
                        f"this {name_of(code)} translation is out of date: its original "
                        f"{original.shown} changed on {_day(original.changed)}, after it "
                        f"({_day(translation.changed)}): update it and set its Modified",
                    )
                )
        if original is not None and any(fnmatch(original.relative, p) for p in required):
            for code in languages[1:]:
                if code not in versions:
                    problems.append(
                        Problem(
                            original.shown,
                            1,
                            f"has no {name_of(code)} translation, which BILINGUAL_REQUIRED asks "
                            f"for: add one with 'Lang: {code}' and the same Slug",
                        )
                    )
    return problems
