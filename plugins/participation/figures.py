"""Participation figures, counted from what the pages show: never a name, only numbers.

Counts come from the comment sections the comments plugin attached, so they agree with the
pages: pending and rejected comments are not there at all, removed ones are tombstones.

- comments: approved comments from the public (official replies are counted on their own)
- participants: distinct display names among those comments; a comment without a name
  counts as one participant on its own. Names are compared and then forgotten.
- official replies: replies from a person in the registry, from the store or from git
- median time to first official reply: over the public comments that got a direct official
  reply, the time from the comment to the earliest such reply
- removals by rule: removed comments, by the rule anchor the moderator cited
- comments per week: public comments by the Monday-starting week (site time zone) they were
  written in, from the week a consultation opened to the week it closed (or the build's week,
  while it is open), widened to take in every comment on its pages
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class WeekCount:
    start: date  # a Monday
    comments: int


@dataclass(frozen=True)
class RemovalCount:
    anchor: str  # rule-3, or "" when the moderator cited no rule
    title: str  # "Rule 3: No hate, threats or harassment"
    url: str | None  # the rule on the rules page
    count: int


@dataclass(frozen=True)
class Figures:
    comments: int
    participants: int
    official_replies: int
    answered: int  # public comments with at least one direct official reply
    median_first_reply: timedelta | None
    removals: tuple[RemovalCount, ...]
    weeks: tuple[WeekCount, ...]
    latest: datetime | None = None  # the newest comment shown (tombstones included)

    @property
    def removed(self) -> int:
        return sum(r.count for r in self.removals)

    @property
    def median_first_reply_hours(self) -> float | None:
        if self.median_first_reply is None:
            return None
        return round(self.median_first_reply.total_seconds() / 3600, 1)

    @property
    def busiest_week(self) -> int:
        return max((w.comments for w in self.weeks), default=0)

    def removed_under(self, anchor: str) -> int:
        return sum(r.count for r in self.removals if r.anchor == anchor)


def nodes(sections: Iterable[Any]) -> Iterator[Any]:
    """Every comment node of the given comment sections, depth first."""
    for section in sections:
        if section is None:
            continue
        stack = list(reversed(section.threads))
        while stack:
            node = stack.pop()
            stack.extend(reversed(node.replies))
            yield node


def _is_official(node: Any) -> bool:
    return node.official_person is not None and not node.removed


def _rule_number(anchor: str) -> tuple[int, str]:
    number = anchor.removeprefix("rule-")
    return (int(number), anchor) if number.isdigit() else (10**6, anchor)


def monday(moment: datetime, zone: str) -> date:
    day = moment.astimezone(ZoneInfo(zone)).date()
    return day - timedelta(days=day.weekday())


def weekly(
    created: list[datetime], span: tuple[datetime, datetime] | None, zone: str
) -> tuple[WeekCount, ...]:
    if span is None:
        return ()
    first = min([span[0], *created])
    last = max([span[1], *created])
    local = ZoneInfo(zone)
    days = Counter(moment.astimezone(local).date() for moment in created)
    counts: Counter[date] = Counter()
    for day, count in days.items():  # a week's days counted apart, then added to its Monday
        counts[day - timedelta(days=day.weekday())] += count
    week, end = monday(first, zone), monday(last, zone)
    weeks = []
    while week <= end:
        weeks.append(WeekCount(week, counts.get(week, 0)))
        week += timedelta(weeks=1)
    return tuple(weeks)


def figures_for(
    sections: Iterable[Any], zone: str, span: tuple[datetime, datetime] | None = None
) -> Figures:
    """The figures of the comments in `sections`; with `span` (start, end), the weeks too."""
    public, official, removed = [], 0, []
    latest: datetime | None = None
    for node in nodes(sections):
        created = node.comment.created
        latest = created if latest is None or created > latest else latest
        if node.removed:
            removed.append(node)
        elif _is_official(node):
            official += 1
        else:
            public.append(node)
    names = {" ".join(n.comment.author.split()).casefold() or f"\0{n.comment.id}" for n in public}
    waits = []
    for node in public:
        replies = [r.comment.created for r in node.replies if _is_official(r)]
        if replies and min(replies) >= node.comment.created:
            waits.append(min(replies) - node.comment.created)
    median = (
        timedelta(seconds=statistics.median(w.total_seconds() for w in waits)) if waits else None
    )
    by_rule: dict[str, list[Any]] = {}
    for node in removed:
        by_rule.setdefault(node.comment.reason or "", []).append(node)
    removals = tuple(
        RemovalCount(
            anchor,
            found[0].rule.title if found[0].rule else (anchor or "No rule given"),
            found[0].rule.url if found[0].rule else None,
            len(found),
        )
        for anchor, found in sorted(by_rule.items(), key=lambda item: _rule_number(item[0]))
    )
    return Figures(
        comments=len(public),
        participants=len(names),
        official_replies=official,
        answered=len(waits),
        median_first_reply=median,
        removals=removals,
        weeks=weekly([n.comment.created for n in public], span, zone),
        latest=latest,
    )
