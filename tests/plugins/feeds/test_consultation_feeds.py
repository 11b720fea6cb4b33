"""Following consultations: newly opened, closing soon, outcomes and each consultation's own
updates, checked against the example consultations, responses and transcripts."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import feedparser
from consultations.moments import moment
from content_model.front_matter import read_front_matter

import pelicanconf
from tests.conftest import CONTENT, EXAMPLE_BUILD_TIME
from tests.plugins.feeds.feedfiles import atom_items, linked_feeds

CLOCK = datetime.fromisoformat(EXAMPLE_BUILD_TIME.replace("Z", "+00:00"))
ZONE = pelicanconf.TIMEZONE
SOON = timedelta(days=pelicanconf.FEEDS_CLOSING_SOON_DAYS)
LIMIT = pelicanconf.FEEDS_MAX_ITEMS


def front_matter(path: Path) -> dict[str, str]:
    fm = read_front_matter(path.read_text(encoding="utf-8"))
    return {field.name: field.value for field in fm.fields}


@dataclass
class Source:
    slug: str
    opens: datetime
    closes: datetime
    announced: datetime | None

    @property
    def path(self) -> str:
        return f"/consultations/{self.slug}/"

    @property
    def shown(self) -> bool:
        return (self.announced or self.opens) <= CLOCK


def consultations() -> list[Source]:
    found = []
    for path in sorted((CONTENT / "consultations").glob("*.md")):
        values = front_matter(path)
        if values.get("status", "published") != "published":
            continue
        announced = values.get("announced")
        source = Source(
            slug=values.get("slug", path.stem),
            opens=moment(values["opens"], ZONE),
            closes=moment(values["closes"], ZONE, end_of_day=True),
            announced=moment(announced, ZONE) if announced else None,
        )
        if source.shown:
            found.append(source)
    return found


def linked_to(folder: str) -> dict[str, list[tuple[datetime, str]]]:
    """(date, path) of the published, due responses or transcripts, by consultation slug."""
    found: dict[str, list[tuple[datetime, str]]] = {}
    for path in sorted((CONTENT / folder).glob("*.md")):
        values = front_matter(path)
        date = moment(values["date"], ZONE)
        if values.get("status", "published") == "published" and date <= CLOCK:
            slug = values.get("slug", path.stem)
            target = f"/consultations/{values['consultation']}/{folder.removesuffix('s')}/"
            if folder == "transcripts":
                target = f"/consultations/{values['consultation']}/transcripts/{slug}/"
            found.setdefault(values["consultation"], []).append((date, target))
    return found


CONSULTATIONS = consultations()
RESPONSES = linked_to("responses")
TRANSCRIPTS = linked_to("transcripts")


def paths(build, feed: str) -> list[str]:
    """Each item's page path, with the event after # for consultation events."""
    items = atom_items(build.output / f"feeds/{feed}.atom.xml")
    return ["/" + item.link.split("/", 3)[3].replace("index.html", "") for item in items]


def ids(build, feed: str) -> list[str]:
    return [
        item.id.split(":", 2)[2] for item in atom_items(build.output / f"feeds/{feed}.atom.xml")
    ]


def test_newly_opened_has_every_open_or_past_consultation_newest_first(example_build) -> None:
    opened = sorted((c for c in CONSULTATIONS if c.opens <= CLOCK), key=lambda c: c.opens)
    assert len(opened) > 5 and len(opened) < len(CONSULTATIONS), "one is announced, not open"
    assert paths(example_build, "consultations/opened") == [c.path for c in opened[::-1]][:LIMIT]


def test_closing_soon_has_open_consultations_closing_within_the_setting(example_build) -> None:
    soon = [c for c in CONSULTATIONS if c.opens <= CLOCK < c.closes and c.closes - CLOCK <= SOON]
    later = [c for c in CONSULTATIONS if c.opens <= CLOCK < c.closes and c.closes - CLOCK > SOON]
    assert soon and later, "the example has consultations closing soon and closing later"
    expected = sorted(soon, key=lambda c: max(c.opens, c.closes - SOON), reverse=True)
    assert paths(example_build, "consultations/closing-soon") == [c.path for c in expected]


def test_outcomes_has_every_published_response_newest_first(example_build) -> None:
    responses = sorted((r for found in RESPONSES.values() for r in found), reverse=True)
    assert len(responses) >= 3
    assert paths(example_build, "consultations/outcomes") == [p for _, p in responses][:LIMIT]


def test_each_consultation_has_its_own_updates(example_build) -> None:
    assert any(c.slug in TRANSCRIPTS for c in CONSULTATIONS)
    for consultation in CONSULTATIONS:
        events = []
        if consultation.announced and consultation.announced < consultation.opens:
            events.append((consultation.announced, f"{consultation.path}#announced"))
        if consultation.opens <= CLOCK:
            events.append((consultation.opens, f"{consultation.path}#opened"))
        if consultation.opens <= CLOCK < consultation.closes <= CLOCK + SOON:
            start = max(consultation.opens, consultation.closes - SOON)
            events.append((start, f"{consultation.path}#closing-soon"))
        if consultation.closes <= CLOCK:
            events.append((consultation.closes, f"{consultation.path}#closed"))
        events += TRANSCRIPTS.get(consultation.slug, [])
        events += RESPONSES.get(consultation.slug, [])
        expected = [event for _, event in sorted(events, reverse=True)]
        assert ids(example_build, f"consultations/{consultation.slug}") == expected, consultation


def test_consultation_pages_link_their_updates_and_comments_feeds(example_build) -> None:
    for consultation in CONSULTATIONS:
        page = f"consultations/{consultation.slug}/index.html"
        head = linked_feeds(example_build.output, page)["head"]
        updates = f"feeds/consultations/{consultation.slug}.atom.xml"
        assert updates in head, page
        comments = f"feeds/comments/consultations/{consultation.slug}.atom.xml"
        assert (comments in head) == (example_build.output / comments).exists(), page
    assert any(
        (example_build.output / f"feeds/comments/consultations/{c.slug}.atom.xml").exists()
        for c in CONSULTATIONS
    )
    index = linked_feeds(example_build.output, "consultations/index.html")["head"]
    for feed in ("opened", "closing-soon", "outcomes"):
        assert f"feeds/consultations/{feed}.atom.xml" in index
    for slug, found in RESPONSES.items():
        for _, path in found:
            head = linked_feeds(example_build.output, path.strip("/") + "/index.html")["head"]
            assert f"feeds/consultations/{slug}.atom.xml" in head


def test_corrections_move_updated_in_a_consultations_updates_feed(site_copy, build_site) -> None:
    """A correction to a consultation or to its response is a change subscribers should be
    told of: the entries about it and the feed itself are `updated` at the correction's time,
    while `published` keeps each event's own date and a correction still to come moves
    nothing."""
    response_corrected = CLOCK - timedelta(days=3)
    consultation_corrected = CLOCK - timedelta(days=1)
    scheduled = CLOCK + timedelta(days=2)

    def correct(path: Path, *moments: datetime) -> None:
        lines = path.read_text(encoding="utf-8").splitlines()
        for when in moments:
            stamp = when.strftime("%Y-%m-%d %H:%M+00:00")
            lines.insert(1, f"Correction: {stamp} | We corrected a figure.")
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    correct(site_copy / "responses/local-statistics-blog-response.md", response_corrected)
    correct(site_copy / "consultations/local-statistics-blog.md", consultation_corrected, scheduled)
    example_feed = "feeds/consultations/local-statistics-blog.atom.xml"

    build = build_site(site_copy)

    assert build.returncode == 0, build.log
    feed = feedparser.parse(str(build.output / example_feed))
    assert not feed.bozo, feed.bozo_exception
    entries = {entry.id.rsplit("/consultations/", 1)[1]: entry for entry in feed.entries}

    def at(parsed: time.struct_time) -> datetime:
        return datetime(*parsed[:6], tzinfo=UTC)

    outcome = entries["local-statistics-blog/response/"]
    assert at(outcome.updated_parsed) == response_corrected
    assert at(outcome.published_parsed) < response_corrected
    for event in ("local-statistics-blog/#opened", "local-statistics-blog/#closed"):
        assert at(entries[event].updated_parsed) == consultation_corrected, event
        assert at(entries[event].published_parsed) < consultation_corrected, event
    assert at(feed.feed.updated_parsed) == consultation_corrected
    assert "We corrected a figure." in outcome.content[0].value, "subscribers see what changed"
    outcomes = feedparser.parse(str(build.output / "feeds/consultations/outcomes.atom.xml"))
    shared = next(e for e in outcomes.entries if e.id == outcome.id)
    assert at(shared.updated_parsed) == response_corrected, "one entry, one date, in every feed"
