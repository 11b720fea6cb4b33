"""What each content type's front matter may hold, and the checks that give file:line messages.

A content type is declared as a table of fields (required or not, and a kind that says how to
check the value), so the consultation, response and transcript types add tables, not code.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from .front_matter import Field, FrontMatter
from .registries import Registries, suggestion

DATE_EXAMPLE = "2026-03-14 or 2026-03-14 09:30 (optionally with an offset, +00:00)"
PELICAN_STATUSES = ("published", "draft", "hidden")
COMMENT_MODES = ("open", "closed", "off")
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
DOCUMENTS_MAX_MB = 20  # the default of the DOCUMENTS_MAX_MB setting (docs/documents.md)


@dataclass(frozen=True)
class FieldSpec:
    required: bool
    kind: str  # text, date, person, department, slug, status, comments, dated-note, tags, ...
    repeatable: bool = False


POST_FIELDS: dict[str, FieldSpec] = {
    "title": FieldSpec(True, "text"),
    "date": FieldSpec(True, "date"),
    "author": FieldSpec(True, "person"),
    "department": FieldSpec(True, "department"),
    "summary": FieldSpec(True, "text"),
    "tags": FieldSpec(False, "tags"),
    "modified": FieldSpec(False, "date"),
    "consultation": FieldSpec(False, "slug"),
    "comments": FieldSpec(False, "comments"),
    "withdrawn": FieldSpec(False, "dated-note"),
    "correction": FieldSpec(False, "dated-note", repeatable=True),
    "document": FieldSpec(False, "document", repeatable=True),
    "image": FieldSpec(False, "image"),
    "slug": FieldSpec(False, "slug"),
    "status": FieldSpec(False, "status"),
    "lang": FieldSpec(False, "text"),
    "translation": FieldSpec(False, "text"),
}

PAGE_FIELDS: dict[str, FieldSpec] = {
    "title": FieldSpec(True, "text"),
    "slug": FieldSpec(False, "slug"),
    "summary": FieldSpec(False, "text"),
    "status": FieldSpec(False, "status"),
    "comments": FieldSpec(False, "comments"),
    "date": FieldSpec(False, "date"),
    "modified": FieldSpec(False, "date"),
    "template": FieldSpec(False, "text"),
    "image": FieldSpec(False, "image"),
    "save_as": FieldSpec(False, "text"),
    "url": FieldSpec(False, "text"),
    "lang": FieldSpec(False, "text"),
    "translation": FieldSpec(False, "text"),
}

# Consultations, responses, transcripts and git replies (the consultations and
# official_replies plugins; see docs/consultations.md).
PLATFORMS = ("blog", "forum", "webchat", "panel")
ENGAGEMENTS = ("informing", "listening", "deliberating")
AUDIENCES = ("public", "stakeholder", "both")
COMMENT_ID_PATTERN = re.compile(r"^[A-Za-z0-9_-]+$")

CONSULTATION_FIELDS: dict[str, FieldSpec] = {
    "title": FieldSpec(True, "text"),
    "opens": FieldSpec(True, "date"),
    "closes": FieldSpec(True, "date"),
    "department": FieldSpec(True, "department"),
    "owner": FieldSpec(True, "person"),
    "summary": FieldSpec(True, "text"),
    "platform": FieldSpec(True, "platform"),
    "engagement": FieldSpec(True, "engagement"),
    "audience": FieldSpec(True, "audience"),
    "announced": FieldSpec(False, "date"),
    "pilot": FieldSpec(False, "pilot"),
    "rules": FieldSpec(False, "slug"),
    "response": FieldSpec(False, "slug"),
    "comments": FieldSpec(False, "comments"),
    "modified": FieldSpec(False, "date"),
    "withdrawn": FieldSpec(False, "dated-note"),
    "correction": FieldSpec(False, "dated-note", repeatable=True),
    "document": FieldSpec(False, "document", repeatable=True),
    "image": FieldSpec(False, "image"),
    "slug": FieldSpec(False, "slug"),
    "status": FieldSpec(False, "status"),
    "lang": FieldSpec(False, "text"),
    "translation": FieldSpec(False, "text"),
}

RESPONSE_FIELDS: dict[str, FieldSpec] = {
    "title": FieldSpec(True, "text"),
    "date": FieldSpec(True, "date"),
    "consultation": FieldSpec(True, "slug"),
    "summary": FieldSpec(False, "text"),
    "author": FieldSpec(False, "person"),
    "comments": FieldSpec(False, "comments"),
    "modified": FieldSpec(False, "date"),
    "withdrawn": FieldSpec(False, "dated-note"),
    "correction": FieldSpec(False, "dated-note", repeatable=True),
    "document": FieldSpec(False, "document", repeatable=True),
    "image": FieldSpec(False, "image"),
    "slug": FieldSpec(False, "slug"),
    "status": FieldSpec(False, "status"),
}

TRANSCRIPT_FIELDS: dict[str, FieldSpec] = {
    "title": FieldSpec(True, "text"),
    "date": FieldSpec(True, "date"),
    "consultation": FieldSpec(True, "slug"),
    "summary": FieldSpec(False, "text"),
    "comments": FieldSpec(False, "comments"),
    "modified": FieldSpec(False, "date"),
    "withdrawn": FieldSpec(False, "dated-note"),
    "correction": FieldSpec(False, "dated-note", repeatable=True),
    "slug": FieldSpec(False, "slug"),
    "status": FieldSpec(False, "status"),
}

REPLY_FIELDS: dict[str, FieldSpec] = {
    "date": FieldSpec(True, "date"),
    "comment": FieldSpec(True, "comment-id"),
    "person": FieldSpec(True, "person"),
    "slug": FieldSpec(False, "slug"),
    "status": FieldSpec(False, "status"),
}

CONTENT_TYPES: dict[str, dict[str, FieldSpec]] = {
    "post": POST_FIELDS,
    "page": PAGE_FIELDS,
    "consultation": CONSULTATION_FIELDS,
    "response": RESPONSE_FIELDS,
    "transcript": TRANSCRIPT_FIELDS,
    "reply": REPLY_FIELDS,
}


def parse_date(value: str) -> datetime | None:
    """An ISO 8601 date or date and time, or None when it is not one."""
    if not re.match(r"^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2})?)?(Z|[+-]\d{2}:?\d{2})?$", value):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def split_dated_note(value: str) -> tuple[datetime | None, str]:
    """`2026-05-01 | reason` → (date, reason)."""
    date_text, _, note = value.partition("|")
    return parse_date(date_text.strip()), note.strip()


Check = Callable[[Field, Registries], str | None]


def _check_text(field: Field, registries: Registries) -> str | None:
    return None if field.value.strip() else f"{field.key} is empty: give it a value"


def _check_date(field: Field, registries: Registries) -> str | None:
    if parse_date(field.value) is None:
        return f"{field.key} '{field.value}' is not a date: write it as {DATE_EXAMPLE}"
    return None


def _check_person(field: Field, registries: Registries) -> str | None:
    if field.value in registries.people or registries.has_problem_with("person", field.value):
        return None  # known, or its own problem is reported in the registry
    hint = suggestion(field.value, list(registries.people))
    return (
        f"unknown {field.key} '{field.value}'{hint}: use a key from the people registry "
        "(content/people.toml) or add the person there"
    )


def _check_department(field: Field, registries: Registries) -> str | None:
    if field.value in registries.departments or registries.has_problem_with(
        "department", field.value
    ):
        return None  # known, or its own problem is reported in the registry
    hint = suggestion(field.value, list(registries.departments))
    return (
        f"unknown {field.key} '{field.value}'{hint}: use a key from the departments registry "
        "(content/departments.toml) or add the department there"
    )


def _check_slug(field: Field, registries: Registries) -> str | None:
    if SLUG_PATTERN.match(field.value):
        return None
    return f"{field.key} '{field.value}' must be lowercase letters, digits and hyphens"


def _one_of(choices: tuple[str, ...]) -> Check:
    def check(field: Field, registries: Registries) -> str | None:
        if field.value in choices:
            return None
        return f"{field.key} '{field.value}' must be one of: {', '.join(choices)}"

    return check


def _check_dated_note(field: Field, registries: Registries) -> str | None:
    date, note = split_dated_note(field.value)
    if date is None or not note:
        return f"{field.key} must read 'date | note', e.g. '2026-05-01 | Figures corrected'"
    return None


LIST_BRACKETS = "[]"
QUOTES = "\"'\u201c\u201d\u2018\u2019"  # straight and curly, as editors type them


def _check_tags(field: Field, registries: Registries) -> str | None:
    """Tags are a comma-separated line, as Pelican reads them: written as a YAML list,
    `[a, b]` made the tags "[a" and "b]" on every post that shared them."""
    tags = [t.strip() for t in field.value.split(",")]
    if any(not t for t in tags):
        return f"{field.key} has an empty tag: separate tags with single commas"
    stripped = [t.strip(LIST_BRACKETS + QUOTES) for t in tags]
    example = f"e.g. '{field.key}: {', '.join(t for t in stripped if t)}'"
    how = "write the tags separated by commas, without brackets or quotes"
    if any(c in LIST_BRACKETS for t in tags for c in (t[0], t[-1])):
        return f"{field.key} '{field.value}' is written as a list: {how}, {example}"
    if any(c in QUOTES for t in tags for c in (t[0], t[-1])):
        return f"{field.key} '{field.value}' has a tag in quotes: {how}, {example}"
    return None


def _check_comment_id(field: Field, registries: Registries) -> str | None:
    if COMMENT_ID_PATTERN.match(field.value):
        return None
    return (
        f"{field.key} '{field.value}' is not a comment id: "
        "give the id from the comment's #comment-<id> anchor"
    )


def split_document(value: str) -> tuple[str, str]:
    """`documents/paper.pdf | Consultation paper` → (path under the content folder, title)."""
    path, _, title = value.partition("|")
    return path.strip(), title.strip()


def _check_document(field: Field, registries: Registries) -> str | None:
    path, title = split_document(field.value)
    if not path or not title:
        return (
            f"{field.key} must read 'path | title', e.g. "
            "'documents/consultation-paper.pdf | Consultation paper'"
        )
    root = os.path.realpath(registries.content_path or ".")
    full = os.path.realpath(os.path.join(root, path))
    if os.path.isabs(path) or not full.startswith(root + os.sep):
        return f"{field.key} '{path}' must be a path inside the content folder: documents/x.pdf"
    if not os.path.isfile(full):
        return (
            f"{field.key} '{path}' does not exist in the content folder: "
            "add the file (usually under content/documents/) or correct the path"
        )
    limit = float(registries.settings.get("DOCUMENTS_MAX_MB") or DOCUMENTS_MAX_MB)
    size = os.path.getsize(full) / (1024 * 1024)
    if size > limit:
        return (
            f"{field.key} '{path}' is {size:.1f} MB, over the {limit:g} MB limit "
            "(DOCUMENTS_MAX_MB): make it smaller, split it, or raise the setting"
        )
    return None


SHARING_IMAGE_TYPES = (".png", ".jpg", ".jpeg", ".gif", ".webp")


def _check_image(field: Field, registries: Registries) -> str | None:
    """`Image: images/card.png | alt text`, the picture shown when the page is shared."""
    path, alt = split_document(field.value)
    if not path or not alt:
        return (
            f"{field.key} must read 'path | alt text', e.g. "
            "'images/bus-stop.png | A bus stop in the rain'"
        )
    if not path.lower().endswith(SHARING_IMAGE_TYPES):
        return f"{field.key} '{path}' must be one of: {', '.join(SHARING_IMAGE_TYPES)}"
    static = registries.settings.get("STATIC_PATHS") or ["images"]
    if path.split("/", 1)[0] not in static or ".." in path.split("/"):
        return f"{field.key} '{path}' must be in a folder that is published: {', '.join(static)}"
    if not os.path.isfile(os.path.join(registries.content_path or ".", path)):
        return f"{field.key} '{path}' does not exist in the content folder: add it or fix the path"
    return None


def _check_pilot(field: Field, registries: Registries) -> str | None:
    """`Pilot: yes` (feedback to PILOT_FEEDBACK_CONTACT), `no`, or the feedback form's URL."""
    value = field.value.strip()
    if value.lower() == "no" or re.match(r"^https?://\S+$", value):
        return None
    if value.lower() != "yes":
        return f"{field.key} '{value}' must be yes, no, or the https:// address of a feedback form"
    if not registries.settings.get("PILOT_FEEDBACK_CONTACT"):
        return (
            f"{field.key}: yes needs somewhere to send feedback: give a feedback form's "
            "address instead of yes, or set PILOT_FEEDBACK_CONTACT in the settings"
        )
    return None


CHECKS: dict[str, Check] = {
    "text": _check_text,
    "date": _check_date,
    "person": _check_person,
    "department": _check_department,
    "slug": _check_slug,
    "status": _one_of(PELICAN_STATUSES),
    "comments": _one_of(COMMENT_MODES),
    "dated-note": _check_dated_note,
    "tags": _check_tags,
    "platform": _one_of(PLATFORMS),
    "engagement": _one_of(ENGAGEMENTS),
    "audience": _one_of(AUDIENCES),
    "comment-id": _check_comment_id,
    "document": _check_document,
    "image": _check_image,
    "pilot": _check_pilot,
}


def validate(
    front_matter: FrontMatter, fields: dict[str, FieldSpec], registries: Registries
) -> list[tuple[int, str]]:
    """Every problem with the front matter, as (line, message)."""
    problems: list[tuple[int, str]] = []
    for number, text in front_matter.stray_lines:
        problems.append(
            (number, f"'{text.strip()}' is not a `Key: value` line: add the colon or a blank line")
        )
    seen: set[str] = set()
    for field in front_matter.fields:
        spec = fields.get(field.name)
        if spec is None:
            hint = suggestion(field.name, list(fields), display=str.capitalize)
            problems.append(
                (
                    field.line,
                    f"unknown key '{field.key}'{hint}; allowed keys: "
                    + ", ".join(k.capitalize() for k in fields),
                )
            )
            continue
        if field.name in seen and not spec.repeatable:
            problems.append((field.line, f"{field.key} is given twice: keep one"))
        seen.add(field.name)
        message = CHECKS[spec.kind](field, registries)
        if message:
            problems.append((field.line, message))
    for name, spec in fields.items():
        if spec.required and name not in seen:
            problems.append(
                (1, f"missing {name.capitalize()}: add a '{name.capitalize()}: ...' line")
            )
    return problems
