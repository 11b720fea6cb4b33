"""A realistic Dialogues site of a chosen size, generated deterministically.

Posts of about 700 words across departments, people and tags (a few drafts, embargoed and
hidden ones, corrections, closed comments); consultations in every phase, most closed ones
with a "you said, we did" response citing real comments; the example site's pages (the
discussion rules give tombstones their anchors); and comments in the bridge's interchange
file. The same arguments always give the same bytes.
"""

from __future__ import annotations

import json
import random
import shutil
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Final

from bench import prose
from bench.discussion import Thread, comments
from bench.registry import Department, Person, departments, people, write_registries
from comments_bridge import interchange
from comments_bridge.model import CommentStatus, StoredComment

REPO: Final = Path(__file__).resolve().parent.parent
EXAMPLE_PAGES: Final = REPO / "content" / "pages"
BUILD_TIME: Final = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
FIRST_POST: Final = datetime(2019, 1, 7, 9, 0, tzinfo=UTC)
LAST_POST: Final = datetime(2026, 11, 13, 9, 0, tzinfo=UTC)
POSTS_PER_CONSULTATION: Final = 25
CONSULTATION_SHARE: Final = 0.25
"""Of all comments: how many are on consultations rather than posts."""
TAGS: Final = tuple(
    f"{a} {b}".strip()
    for a in ("", "local", "national", "rural", "digital", "public")
    for b in prose.NOUNS[:40]
)
PLATFORMS: Final = ("blog", "forum", "webchat", "panel")
ENGAGEMENTS: Final = ("informing", "listening", "deliberating")
AUDIENCES: Final = ("public", "stakeholder", "both")


@dataclass(frozen=True)
class Manifest:
    """What the runner needs to know about a generated site, saved beside it."""

    posts: int
    published_posts: int
    consultations: int
    comments: int
    public_comments: int
    words: int
    edit_post: str
    """A published post's source (relative to content/) the runner edits."""
    edit_post_page: str
    """Its page in the output, relative to the output folder."""
    comment_thread: str
    """A post thread with comments open, for the runner's one new comment."""
    comment_page: str
    next_comment_id: int


def local(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M+00:00")


def day(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d")


@dataclass
class PostPlan:
    index: int
    date: datetime
    slug: str
    source: str
    status: str
    comments: str
    department: Department
    author: Person

    @property
    def thread(self) -> str:
        return f"/posts/{self.date:%Y}/{self.slug}/"

    @property
    def listed(self) -> bool:
        return self.status == "published" and self.date <= BUILD_TIME


@dataclass
class ConsultationPlan:
    slug: str
    opens: datetime
    closes: datetime
    department: Department
    owner: Person
    response_date: datetime | None

    @property
    def thread(self) -> str:
        return f"/consultations/{self.slug}/"


def plan_posts(
    rng: random.Random,
    count: int,
    all_departments: list[Department],
    by_dept: dict[str, list[Person]],
) -> list[PostPlan]:
    span = (LAST_POST - FIRST_POST).total_seconds()
    plans = []
    for index in range(count):
        date = FIRST_POST + timedelta(seconds=int(span * index / max(count, 1)))
        date = date.replace(hour=rng.randint(8, 16), minute=rng.choice((0, 15, 30, 45)))
        roll = rng.random()
        status = "published"
        if roll < 0.005:
            status = "draft"
        elif roll < 0.008:
            status = "hidden"
        elif roll < 0.013:
            date = BUILD_TIME + timedelta(days=rng.randint(1, 60))  # embargoed
        department = rng.choice(all_departments)
        slug = f"{prose.slugify(prose.title(rng))}-{index:05d}"
        mode = rng.choices(("open", "closed", "off"), weights=(85, 12, 3))[0]
        plans.append(
            PostPlan(
                index=index,
                date=date,
                slug=slug,
                source=f"posts/{date:%Y}/{slug}.md",
                status=status,
                comments=mode,
                department=department,
                author=rng.choice(by_dept[department.key]),
            )
        )
    return plans


def plan_consultations(
    rng: random.Random,
    count: int,
    all_departments: list[Department],
    by_dept: dict[str, list[Person]],
) -> list[ConsultationPlan]:
    span = (BUILD_TIME - FIRST_POST).total_seconds()
    plans = []
    for index in range(count):
        opens = FIRST_POST + timedelta(seconds=int(span * (index + 0.5) / count))
        opens = opens.replace(hour=9, minute=0)
        if count > 4 and index >= count - 2:
            opens = BUILD_TIME + timedelta(weeks=index - count + 4)  # upcoming, announced
        closes = opens + timedelta(weeks=rng.randint(6, 12))
        response = closes + timedelta(weeks=rng.randint(6, 16))
        has_response = response < BUILD_TIME and rng.random() < 0.7
        department = rng.choice(all_departments)
        plans.append(
            ConsultationPlan(
                slug=f"{prose.slugify(prose.heading(rng))}-consultation-{index:04d}",
                opens=opens,
                closes=closes,
                department=department,
                owner=rng.choice(by_dept[department.key]),
                response_date=response if has_response else None,
            )
        )
    return plans


def write_post(
    content: Path, rng: random.Random, plan: PostPlan, earlier: list[str], extra: dict[str, str]
) -> int:
    tags = sorted(set(rng.choices(TAGS[: 60 + plan.index % len(TAGS)], k=rng.randint(1, 4))))
    lines = [
        f"Title: {prose.title(rng).capitalize()}",
        f"Date: {local(plan.date)}",
        f"Author: {plan.author.key}",
        f"Department: {plan.department.key}",
        f"Summary: {prose.sentence(rng, markup=False)}",
        f"Tags: {', '.join(tags)}",
        f"Slug: {plan.slug}",
    ]
    if plan.status != "published":
        lines.append(f"Status: {plan.status}")
    if plan.comments != "open":
        lines.append(f"Comments: {plan.comments}")
    settled = plan.date < BUILD_TIME - timedelta(days=40)
    if settled and rng.random() < 0.1:
        lines.append(f"Modified: {local(plan.date + timedelta(days=rng.randint(1, 30)))}")
    if settled and rng.random() < 0.02:
        lines.append(f"Correction: {day(plan.date + timedelta(days=2))} | We corrected a figure.")
    lines += [f"{key}: {value}" for key, value in extra.items()]
    body = prose.article(rng, 700, earlier[-50:])
    path = content / plan.source
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n\n" + body + "\n", encoding="utf-8")
    return len(body.split())


def write_consultation(content: Path, rng: random.Random, plan: ConsultationPlan) -> None:
    lines = [
        f"Title: {prose.heading(rng)}: have your say",
        f"Opens: {local(plan.opens)}",
        f"Closes: {local(plan.closes)}",
        f"Department: {plan.department.key}",
        f"Owner: {plan.owner.key}",
        f"Summary: {prose.sentence(rng, markup=False)}",
        f"Platform: {rng.choice(PLATFORMS)}",
        f"Engagement: {rng.choice(ENGAGEMENTS)}",
        f"Audience: {rng.choice(AUDIENCES)}",
    ]
    if plan.opens > BUILD_TIME:
        lines.append(f"Announced: {local(BUILD_TIME - timedelta(days=3))}")
    if plan.response_date:
        lines.append(f"Response: {plan.slug}-response")
    body = "\n\n".join(
        [prose.paragraph(rng), "## Questions", prose.bullet_list(rng), prose.paragraph(rng)]
    )
    path = content / "consultations" / f"{plan.slug}.md"
    path.write_text("\n".join(lines) + "\n\n" + body + "\n", encoding="utf-8")


def write_response(
    content: Path, rng: random.Random, plan: ConsultationPlan, citable: list[str]
) -> None:
    assert plan.response_date is not None
    sections = []
    for _ in range(3):
        cite = f" [One comment]({{comment}}{rng.choice(citable)}) put it well." if citable else ""
        sections += [
            f"## {prose.heading(rng)}",
            "### You said",
            prose.paragraph(rng) + cite,
            "### We did",
            prose.paragraph(rng),
        ]
    lines = [
        f"Title: {prose.heading(rng)}: what you told us",
        f"Date: {local(plan.response_date)}",
        f"Consultation: {plan.slug}",
        f"Author: {plan.owner.key}",
        f"Summary: {prose.sentence(rng, markup=False)}",
    ]
    path = content / "responses" / f"{plan.slug}-response.md"
    path.write_text("\n".join(lines) + "\n\n" + "\n\n".join(sections) + "\n", encoding="utf-8")


def generate(
    folder: Path,
    posts: int,
    comments_per_post: int,
    seed: int = 2026,
    set_aside: Callable[[Path], None] | None = None,
) -> Manifest:
    """Write `folder/content/` and `folder/comments.json`; return what the runner needs. An
    earlier content folder is deleted, or given to `set_aside` (set_aside.py)."""
    content = folder / "content"
    if set_aside is None:
        shutil.rmtree(content, ignore_errors=True)
    else:
        set_aside(content)
    for sub in ("posts", "consultations", "responses"):
        (content / sub).mkdir(parents=True)
    shutil.copytree(EXAMPLE_PAGES, content / "pages")
    all_departments = departments()
    all_people = people(all_departments)
    write_registries(content, all_departments, all_people)
    by_dept: dict[str, list[Person]] = {}
    for person in all_people:
        by_dept.setdefault(person.department, []).append(person)

    rng = random.Random(seed)
    post_plans = plan_posts(rng, posts, all_departments, by_dept)
    consultation_plans = plan_consultations(
        rng, max(2, posts // POSTS_PER_CONSULTATION), all_departments, by_dept
    )
    live = [c for c in consultation_plans if c.opens <= BUILD_TIME]
    words = 0
    earlier: list[str] = []
    for plan in post_plans:
        extra = {}
        if live and rng.random() < 0.1:
            extra["Consultation"] = rng.choice(live).slug
        words += write_post(content, random.Random(f"{seed}-{plan.index}"), plan, earlier, extra)
        if plan.listed:
            earlier.append("/" + plan.source)

    threads = [
        Thread(p.thread, p.date, BUILD_TIME, _keys(by_dept, p.department))
        for p in post_plans
        if p.listed and p.comments != "off"
    ]
    consultation_threads = [
        Thread(c.thread, c.opens, min(c.closes, BUILD_TIME), _keys(by_dept, c.department))
        for c in live
    ]
    total = posts * comments_per_post
    on_consultations = int(total * CONSULTATION_SHARE) if consultation_threads else 0
    records = comments(rng, threads, total - on_consultations)
    records += comments(rng, consultation_threads, on_consultations, first_id=len(records) + 1)

    citable = _citable(records)
    for consultation in consultation_plans:
        write_consultation(content, rng, consultation)
        if consultation.response_date:
            write_response(content, rng, consultation, citable.get(consultation.thread, []))
    interchange.write(folder / "comments.json", records, personal=True)

    target = next(p for p in reversed(post_plans) if p.listed and p.comments == "open")
    manifest = Manifest(
        posts=posts,
        published_posts=sum(1 for p in post_plans if p.listed),
        consultations=len(consultation_plans),
        comments=len(records),
        public_comments=sum(
            1 for r in records if r.status in (CommentStatus.APPROVED, CommentStatus.REMOVED)
        ),
        words=words,
        edit_post=target.source,
        edit_post_page=f"posts/{target.date:%Y}/{target.slug}/index.html",
        comment_thread=target.thread,
        comment_page=f"posts/{target.date:%Y}/{target.slug}/index.html",
        next_comment_id=len(records) + 1,
    )
    (folder / "manifest.json").write_text(json.dumps(asdict(manifest), indent=1) + "\n")
    return manifest


def _keys(by_dept: dict[str, list[Person]], department: Department) -> tuple[str, ...]:
    return tuple(p.key for p in by_dept[department.key])


def _citable(records: list[StoredComment]) -> dict[str, list[str]]:
    """Approved top-level comments by thread: what a response may cite."""
    found: dict[str, list[str]] = {}
    for record in records:
        if record.status is CommentStatus.APPROVED and record.parent is None:
            found.setdefault(record.thread, []).append(record.id)
    return found
