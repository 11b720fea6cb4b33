"""Comments per week as a static SVG bar chart, drawn at build time.

The chart is an image with a title and a description (role="img"); the same numbers are in a
table beside it, so nobody needs to read the bars. No script, no font, no request.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from html import escape

from .figures import WeekCount

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 16, 44
TEXT = 'font-family="arial, sans-serif" font-size="16" fill="#0b0c0c"'  # GOV.UK text colour


def nice_ceiling(value: int) -> int:
    """The smallest of 1, 2, 5, 10, 20, 50... that is at least `value` (and at least 1)."""
    if value <= 1:
        return 1
    power = 10 ** math.floor(math.log10(value))
    return next(step * power for step in (1, 2, 5, 10) if step * power >= value)


def _label(week: WeekCount) -> str:
    return f"{week.start.day} {week.start:%b %Y}"


def _number(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def weekly_chart(
    weeks: tuple[WeekCount, ...],
    chart_id: str,
    title: str,
    description: str,
    week_of: Callable[[WeekCount], str] | None = None,
) -> str:
    """The SVG markup; `chart_id` must be unique on the page (it names the title and desc).
    `week_of` names a week under its bar (`Week of 2 Nov 2026`), in the page's language."""
    if not weeks:
        return ""
    top = nice_ceiling(max(w.comments for w in weeks))
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_width / len(weeks)
    bar = max(slot * 0.8, 1.0)
    parts = [
        f'<svg class="dialogues-chart" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]
    ticks = sorted({0, top // 2, top} if top % 2 == 0 else {0, top})
    for tick in ticks:
        y = TOP + plot_height - plot_height * tick / top
        parts.append(
            f'<line class="dialogues-chart__grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" '
            f'y1="{_number(y)}" y2="{_number(y)}" stroke="#b1b4b6" stroke-width="1"/>'
        )
        parts.append(
            f'<text class="dialogues-chart__label" x="{LEFT - 8}" y="{_number(y + 5)}" '
            f'text-anchor="end" {TEXT}>{tick}</text>'
        )
    for index, week in enumerate(weeks):
        height = plot_height * week.comments / top
        x = LEFT + index * slot + (slot - bar) / 2
        y = TOP + plot_height - height
        parts.append(
            f'<rect class="dialogues-chart__bar" x="{_number(x)}" y="{_number(y)}" '
            f'width="{_number(bar)}" height="{_number(height)}" fill="#1d70b8"/>'
        )
    labelled = {0, len(weeks) - 1} if len(weeks) > 1 else {0}
    for index in sorted(labelled):
        x = LEFT + index * slot + slot / 2
        anchor = "start" if index == 0 and len(weeks) > 1 else "middle"
        if index == len(weeks) - 1 and len(weeks) > 1:
            anchor = "end"
        x = LEFT if anchor == "start" else (WIDTH - RIGHT if anchor == "end" else x)
        parts.append(
            f'<text class="dialogues-chart__label" x="{_number(x)}" y="{HEIGHT - BOTTOM + 22}" '
            f'text-anchor="{anchor}" {TEXT}>'
            f"{escape(week_of(weeks[index]) if week_of else 'Week of ' + _label(weeks[index]))}"
            "</text>"
        )
    parts.append("</svg>")
    return "".join(parts)
