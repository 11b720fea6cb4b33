"""The people and departments registries: who may sign a post, and for which department.

Registries are TOML tables keyed by a short slug (`[jane-okafor]`). tomllib reports syntax
errors with a line but forgets where each key was, so :func:`locate_keys` finds the lines
again for messages about unknown keys and references.
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .problems import Problem, display_path

DEPARTMENT_FIELDS = {"name": True, "acronym": False, "summary": True, "website": False}
PERSON_FIELDS = {
    "name": True,
    "role": True,
    "department": True,
    "summary": False,
    "portrait": False,
    "portrait_alt": False,
}
# Words a bilingual site may give in each of its other languages, as `name_cy = "..."`
# (docs/bilingual.md); a page in that language shows them, else the default language's.
TRANSLATABLE = {"department": ("name", "summary"), "person": ("role", "summary")}
KEY_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
TABLE_LINE = re.compile(r"^\s*\[\s*\"?(?P<table>[^\]\"]+)\"?\s*\]")
ASSIGNMENT_LINE = re.compile(r"^\s*(?P<key>[A-Za-z0-9_-]+)\s*=")


@dataclass(eq=False)
class Department:
    key: str
    name: str
    summary: str
    acronym: str | None = None
    website: str | None = None
    url: str = ""
    save_as: str = ""
    people: list[Person] = field(default_factory=list)
    articles: list[Any] = field(default_factory=list)
    translated: dict[str, str] = field(default_factory=dict)  # "name_cy" -> the Welsh

    def __str__(self) -> str:
        return self.name


@dataclass(eq=False)
class Person:
    key: str
    name: str
    role: str
    department: Department
    summary: str | None = None
    portrait: str | None = None
    portrait_alt: str | None = None
    url: str = ""
    save_as: str = ""
    articles: list[Any] = field(default_factory=list)
    translated: dict[str, str] = field(default_factory=dict)  # "role_cy" -> the Welsh

    def __str__(self) -> str:
        return self.name


def other_languages(settings: dict[str, Any]) -> list[str]:
    default = str(settings.get("DEFAULT_LANG") or "en")
    written = settings.get("LANGUAGES") or []
    if isinstance(written, str):
        return []
    return [code for code in written if isinstance(code, str) and code != default]


def with_translations(allowed: dict[str, bool], kind: str, languages: list[str]) -> dict:
    """The registry's keys, and `<key>_<lang>` for its translatable keys in each of the site's
    other languages; a site that drops a language keeps its registries valid (any two- or
    three-letter language code is accepted, see `translated_key`)."""
    extra = {f"{name}_{code}": False for code in languages for name in TRANSLATABLE[kind]}
    return {**allowed, **extra}


def translated_key(kind: str) -> re.Pattern[str]:
    return re.compile(rf"^(?:{'|'.join(TRANSLATABLE[kind])})_[a-z]{{2,3}}$")


def allowing(allowed: dict[str, bool], kind: str, table: Any) -> dict[str, bool]:
    """`allowed`, and the translated keys this table has (`name_gd` on a site without Gaelic)."""
    if not isinstance(table, dict):
        return allowed
    pattern = translated_key(kind)
    return {**allowed, **{name: False for name in table if pattern.match(str(name))}}


def translations_in(table: dict[str, Any], kind: str, languages: list[str]) -> dict[str, str]:
    pattern = translated_key(kind)
    return {str(name): value for name, value in table.items() if pattern.match(str(name))}


@dataclass
class Registries:
    departments: dict[str, Department]
    people: dict[str, Person]
    problems: list[Problem]
    # Where sources' files live and the site's settings, for checks that look past the
    # registries (a Document's file and its size limit).
    content_path: str = ""
    settings: dict[str, Any] = field(default_factory=dict)
    # What a file names but could not give ("person:key", "department:key"), and registries
    # whose file could not be read at all ("person", "department"): each has its problem in
    # `problems`, so a source naming one is not reported again (one mistake, one problem).
    faulty: set[str] = field(default_factory=set)
    unread: set[str] = field(default_factory=set)

    def has_problem_with(self, kind: str, key: str) -> bool:
        """Whether `key` of the `kind` registry ("person", "department") is missing
        because of a problem in the registry itself."""
        return kind in self.unread or f"{kind}:{key}" in self.faulty


def suggestion(value: str, choices: list[str], display: Callable[[str], str] = str) -> str:
    """` (did you mean 'x'?)` when a close match exists, else nothing."""
    close = difflib.get_close_matches(value.lower(), choices, n=1)
    return f" (did you mean '{display(close[0])}'?)" if close else ""


def locate_keys(text: str) -> dict[tuple[str, str | None], int]:
    """Map (table, key) and (table, None) to their line numbers."""
    lines: dict[tuple[str, str | None], int] = {}
    table = ""
    for number, line in enumerate(text.splitlines(), start=1):
        if header := TABLE_LINE.match(line):
            table = header["table"].strip()
            lines.setdefault((table, None), number)
        elif assignment := ASSIGNMENT_LINE.match(line):
            lines.setdefault((table, assignment["key"]), number)
    return lines


def _read_toml(path: str, problems: list[Problem]) -> tuple[dict[str, Any] | None, dict]:
    """The file's tables and where each key is; None for the tables if it cannot be read."""
    shown = display_path(path)
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except FileNotFoundError:
        problems.append(
            Problem(shown, 1, "registry file is missing: create it (see docs/content.md)")
        )
        return None, {}
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"line (\d+)", str(error))
        line = int(match.group(1)) if match else 1
        problems.append(Problem(shown, line, f"not valid TOML: {error}; fix the syntax"))
        return None, {}
    return data, locate_keys(text)


def _check_table(
    path: str,
    key: str,
    table: Any,
    allowed: dict[str, bool],
    lines: dict,
    problems: list[Problem],
) -> bool:
    shown = display_path(path)
    line = lines.get((key, None), 1)
    if not isinstance(table, dict):
        problems.append(Problem(shown, line, f"'{key}' must be a table like [{key}]"))
        return False
    ok = True
    if not KEY_PATTERN.match(key):
        problems.append(
            Problem(shown, line, f"key '{key}' must be lowercase letters, digits and hyphens")
        )
        ok = False
    for name, value in table.items():
        if name not in allowed:
            where = lines.get((key, name), line)
            hint = suggestion(name, list(allowed))
            problems.append(
                Problem(
                    shown,
                    where,
                    f"unknown key '{name}' in [{key}]{hint}; allowed keys: {', '.join(allowed)}",
                )
            )
            ok = False
        elif not isinstance(value, str) or not value.strip():
            where = lines.get((key, name), line)
            problems.append(Problem(shown, where, f"'{name}' in [{key}] must be non-empty text"))
            ok = False
    for name, required in allowed.items():
        if required and name not in table:
            problems.append(
                Problem(shown, line, f"[{key}] has no '{name}': add `{name} = \"...\"`")
            )
            ok = False
    return ok


def load_registries(
    content_path: str, departments_file: str, people_file: str, settings: dict[str, Any]
) -> Registries:
    """Read both registries, resolve people's departments and give each entry its URL."""
    problems: list[Problem] = []
    departments: dict[str, Department] = {}
    people: dict[str, Person] = {}
    faulty: set[str] = set()
    unread: set[str] = set()

    languages = other_languages(settings)
    department_fields = with_translations(DEPARTMENT_FIELDS, "department", languages)
    person_fields = with_translations(PERSON_FIELDS, "person", languages)
    departments_path = os.path.join(content_path, departments_file)
    data, lines = _read_toml(departments_path, problems)
    if data is None:
        unread.add("department")
    for key, table in (data or {}).items():
        fields = allowing(department_fields, "department", table)
        if not _check_table(departments_path, key, table, fields, lines, problems):
            faulty.add(f"department:{key}")
        else:
            departments[key] = Department(
                key=key,
                name=table["name"],
                summary=table["summary"],
                acronym=table.get("acronym"),
                website=table.get("website"),
                url=settings["DEPARTMENT_URL"].format(key=key),
                save_as=settings["DEPARTMENT_SAVE_AS"].format(key=key),
                translated=translations_in(table, "department", languages),
            )

    people_path = os.path.join(content_path, people_file)
    data, lines = _read_toml(people_path, problems)
    if data is None:
        unread.add("person")
    for key, table in (data or {}).items():
        faulty.add(f"person:{key}")  # until the entry is made, below
        fields = allowing(person_fields, "person", table)
        if not _check_table(people_path, key, table, fields, lines, problems):
            continue
        department = departments.get(table["department"])
        if department is None and (
            "department" in unread or f"department:{table['department']}" in faulty
        ):
            continue  # the department's own problem is reported
        if department is None:
            hint = suggestion(table["department"], list(departments))
            problems.append(
                Problem(
                    display_path(people_path),
                    lines.get((key, "department"), 1),
                    f"unknown department '{table['department']}' for [{key}]{hint}; "
                    f"use a key from {departments_file}",
                )
            )
            continue
        if table.get("portrait") and not table.get("portrait_alt"):
            problems.append(
                Problem(
                    display_path(people_path),
                    lines.get((key, "portrait"), 1),
                    f"[{key}] has a portrait but no portrait_alt: describe the picture",
                )
            )
            continue
        portrait = table.get("portrait")
        if portrait and not os.path.isfile(os.path.join(content_path, portrait)):
            problems.append(
                Problem(
                    display_path(people_path),
                    lines.get((key, "portrait"), 1),
                    f"[{key}] portrait '{portrait}' does not exist under {content_path}/",
                )
            )
            continue
        person = Person(
            key=key,
            name=table["name"],
            role=table["role"],
            department=department,
            summary=table.get("summary"),
            portrait=table.get("portrait"),
            portrait_alt=table.get("portrait_alt"),
            url=settings["PERSON_URL"].format(key=key),
            save_as=settings["PERSON_SAVE_AS"].format(key=key),
            translated=translations_in(table, "person", languages),
        )
        people[key] = person
        faulty.discard(f"person:{key}")
        department.people.append(person)
    return Registries(departments, people, problems, content_path, settings, faulty, unread)
