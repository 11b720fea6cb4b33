"""Write consultation-archive sources into a copy of the example content, and read the
example's sources back as plain data, independently of the plugins under test."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bs4 import BeautifulSoup
from content_model.front_matter import read_front_matter

from tests.conftest import CONTENT, EXAMPLE_BUILD_TIME, SEED_COMMENTS

CLOCK = datetime.fromisoformat(EXAMPLE_BUILD_TIME.replace("Z", "+00:00"))
LONDON = ZoneInfo("Europe/London")


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S+00:00")


def write_source(content: Path, folder: str, name: str, front_matter: str, body: str) -> Path:
    path = content / folder / f"{name}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(front_matter.strip() + "\n\n" + body.strip() + "\n", encoding="utf-8")
    return path


def write_consultation(
    content: Path, slug: str, opens: str, closes: str, extra: str = "", body: str = "About it."
) -> Path:
    return write_source(
        content,
        "consultations",
        slug,
        f"""Title: {slug} consultation
Opens: {opens}
Closes: {closes}
Department: cabinet-office
Owner: david-mensah
Summary: A consultation written by a test.
Platform: forum
Engagement: listening
Audience: public
{extra}""",
        body,
    )


def line_of(path: Path, needle: str) -> int:
    """The 1-based line of the first line containing `needle`."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, text in enumerate(lines, start=1) if needle in text)


def seed_comments() -> list[dict]:
    return json.loads(SEED_COMMENTS.read_text(encoding="utf-8"))["comments"]


def write_store(path: Path, extra: list[dict]) -> str:
    """The example store plus `extra` comments, as a json: store URL."""
    document = json.loads(SEED_COMMENTS.read_text(encoding="utf-8"))
    document["comments"] += extra
    path.write_text(json.dumps(document, indent=2), encoding="utf-8")
    return f"json:///{path}"


def soup(build, relative: str) -> BeautifulSoup:
    return BeautifulSoup(build.read(relative), "html.parser")


@dataclass
class SourceConsultation:
    slug: str
    title: str
    opens: datetime
    closes: datetime
    announced: datetime | None
    department: str
    platform: str
    engagement: str
    audience: str
    status: str

    @property
    def page(self) -> str:
        return f"consultations/{self.slug}/index.html"


def _moment(value: str, end_of_day: bool = False) -> datetime:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        day = datetime.fromisoformat(value)
        return datetime.combine(day.date(), time(23, 59) if end_of_day else time(0), LONDON)
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=LONDON)


def example_consultations() -> list[SourceConsultation]:
    found = []
    for source in sorted((CONTENT / "consultations").glob("*.md")):
        fm = read_front_matter(source.read_text(encoding="utf-8"))

        def value(key: str, default: str = "", fm=fm) -> str:
            field = fm.first(key)
            return field.value if field else default

        found.append(
            SourceConsultation(
                slug=value("slug", source.stem),
                title=value("title"),
                opens=_moment(value("opens")),
                closes=_moment(value("closes"), end_of_day=True),
                announced=_moment(value("announced")) if value("announced") else None,
                department=value("department"),
                platform=value("platform"),
                engagement=value("engagement"),
                audience=value("audience"),
                status=value("status", "published"),
            )
        )
    return found


def example_responses() -> dict[str, tuple[str, datetime, Path]]:
    """Consultation slug -> (response slug, date, source) for the example's responses."""
    found = {}
    for source in sorted((CONTENT / "responses").glob("*.md")):
        fm = read_front_matter(source.read_text(encoding="utf-8"))
        date = _moment(fm.first("date").value)
        found[fm.first("consultation").value] = (source.stem, date, source)
    return found


def expected_phase(consultation: SourceConsultation, clock: datetime = CLOCK) -> str:
    """The rule, restated: open from Opens (inclusive) to Closes (exclusive); outcome once a
    response dated by the clock exists."""
    if clock < consultation.opens:
        return "upcoming"
    if clock < consultation.closes:
        return "open"
    response = example_responses().get(consultation.slug)
    return "outcome" if response and response[1] <= clock else "closed"


WEEK = timedelta(weeks=1)
