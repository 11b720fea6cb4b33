"""Dates that read well but mean the wrong moment: local times the clocks skip or repeat, and
change notes dated before what they change.

A date without an offset is read in the site's zone. Twice a year that is not one moment: at
the spring change a local time does not exist, at the autumn change it happens twice. Pelican
would silently pick one; an embargo should never depend on that guess.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from .front_matter import FrontMatter
from .schema import FieldSpec, parse_date

DATED_KINDS = ("date", "dated-note")
CHANGE_NOTES = ("correction", "withdrawn")


def offset_text(offset: timedelta | None) -> str:
    minutes = int((offset or timedelta()).total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def local_time_problem(key: str, text: str, zone_name: str) -> str | None:
    """Why a local time without an offset is not one moment in the zone, or None."""
    written = parse_date(text)
    if written is None or written.tzinfo is not None:
        return None
    zone = ZoneInfo(zone_name)
    first = written.replace(tzinfo=zone, fold=0)
    second = written.replace(tzinfo=zone, fold=1)
    there_and_back = first.astimezone(UTC).astimezone(zone).replace(tzinfo=None)
    if there_and_back != written:
        return (
            f"{key} '{text}' does not exist in {zone_name}: the clocks go forward over it. "
            f"Add the offset you mean, {offset_text(first.utcoffset())} or "
            f"{offset_text(second.utcoffset())}, e.g. '{text}{offset_text(first.utcoffset())}'"
        )
    if first.utcoffset() != second.utcoffset():
        return (
            f"{key} '{text}' happens twice in {zone_name}: the clocks go back over it. Add the "
            f"offset you mean, {offset_text(first.utcoffset())} for the first or "
            f"{offset_text(second.utcoffset())} for the second, e.g. "
            f"'{text}{offset_text(first.utcoffset())}'"
        )
    return None


def zone_problems(
    front_matter: FrontMatter, fields: dict[str, FieldSpec], zone: str
) -> list[tuple[int, str]]:
    """Every date field whose local time is skipped or repeated by the site's zone."""
    problems = []
    for field in front_matter.fields:
        spec = fields.get(field.name)
        if spec is None or spec.kind not in DATED_KINDS:
            continue
        text = field.value if spec.kind == "date" else field.value.partition("|")[0].strip()
        message = local_time_problem(field.key, text, zone)
        if message:
            problems.append((field.line, message))
    return problems


def publication_key(kind: str, front_matter: FrontMatter) -> str:
    """The field that says when a source is published: a consultation's Announced, else its
    Opens; every other type's Date."""
    if kind == "consultation":
        return "announced" if front_matter.first("announced") else "opens"
    return "date"


def published_at(kind: str, front_matter: FrontMatter, zone: str) -> datetime | None:
    """When a source is published, or None when it has no (valid) date."""
    field = front_matter.first(publication_key(kind, front_matter))
    found = _moment(field.value, zone) if field else None
    return found[0] if found else None


def _moment(text: str, zone: str) -> tuple[datetime, bool] | None:
    """(aware moment, whether only a day was given)."""
    parsed = parse_date(text)
    if parsed is None:
        return None
    day_only = len(text.strip()) == 10
    return (parsed if parsed.tzinfo else parsed.replace(tzinfo=ZoneInfo(zone))), day_only


def _before(note: tuple[datetime, bool], published: tuple[datetime, bool], zone: str) -> bool:
    """Whether a note is dated before publication; a bare day is compared as a day."""
    (moment, day_only), (start, start_day_only) = note, published
    if day_only or start_day_only:
        local = ZoneInfo(zone)
        return moment.astimezone(local).date() < start.astimezone(local).date()
    return moment < start


def order_problems(
    front_matter: FrontMatter, published_key: str | None, zone: str
) -> list[tuple[int, str]]:
    """Modified, Correction and Withdrawn dated before the source was published (its
    `published_key` field: Date, or a consultation's Announced or Opens)."""
    start_field = front_matter.first(published_key) if published_key else None
    published = _moment(start_field.value, zone) if start_field else None
    if start_field is None or published is None:
        return []
    problems = []
    modified = front_matter.first("modified")
    when = _moment(modified.value, zone) if modified else None
    if modified and when and _before(when, published, zone):
        problems.append(
            (
                modified.line,
                f"Modified is before {start_field.key} ({start_field.value}): a change comes "
                "after publication, so correct one of the two",
            )
        )
    for name in CHANGE_NOTES:
        for field in front_matter.all(name):
            text = field.value.partition("|")[0].strip()
            when = _moment(text, zone)
            if when and _before(when, published, zone):
                problems.append(
                    (
                        field.line,
                        f"{field.key} is dated {text}, before {start_field.key} "
                        f"({start_field.value}): date it at or after publication",
                    )
                )
    return problems
