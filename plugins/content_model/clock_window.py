"""The span of build clocks that would give the very same site: the build clock's window.

A build reads the clock only to decide things: is this post out of its embargo, is this
consultation open, how many days are left, what day is it. Each decision holds between two
moments. The clock is therefore an `ObservedMoment`, a datetime that notes, whenever it is
compared, subtracted from or read, the moments at which the answer it gave would change (its
"flips"). After the build, the latest flip at or before the clock and the earliest one after
it bound a window: any clock inside it takes every decision the same way, so builds the same
site from the same inputs (unchanged.py keeps the published site then).

A use of the clock this module does not understand (printing the time, its timestamp) counts
as exact: the window shrinks to the clock itself, so it can only ever cost a rebuild, never
keep a site that a rebuild would have changed.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any

from pelican.utils import SafeDatetime

from .shared_writing import gather

MICROSECOND = timedelta(microseconds=1)
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
# strftime directives that name no smaller unit than a day: such text holds for a whole day.
DAY_DIRECTIVES = re.compile(r"%-?[aAwdbBmyYjUWGuVxeC%]")

# The flips noted by this build, as whole microseconds since 1970 (strings, so that the
# processes that share the writing can send them back: shared_writing.gather).
FLIPS_NAME = "the build clock's flips"
FLIPS: set[str] = gather(FLIPS_NAME, set())


def micros(moment: datetime) -> int:
    """A moment as whole microseconds since 1970: how flips and windows are kept."""
    return (moment - EPOCH) // MICROSECOND


def moment_at(whole: int) -> datetime:
    return EPOCH + whole * MICROSECOND


def note_flip(moment: datetime) -> None:
    """Decisions change at `moment`, or just after it (so both are noted)."""
    at = micros(moment)
    FLIPS.update((str(at), str(at + 1)))


def nearest_flips(flips: Iterable[str], now: int) -> tuple[int | None, int | None]:
    """The last of `flips` at or before `now` and the first after it (None where there is
    none), in whole microseconds: all that bounds the window around `now`."""
    moments = [int(flip) for flip in flips]
    before = max((moment for moment in moments if moment <= now), default=None)
    after = min((moment for moment in moments if moment > now), default=None)
    return before, after


def window(clock: datetime) -> tuple[datetime, datetime | None]:
    """[start, end) around `clock` with no flip inside; end None when nothing ever flips."""
    before, after = nearest_flips(FLIPS, micros(clock))
    start = moment_at(before) if before is not None else datetime.min.replace(tzinfo=UTC)
    end = moment_at(after) if after is not None else None
    return start, end


def observe(clock: datetime) -> ObservedMoment:
    """The build clock, observed from now on."""
    return ObservedMoment.of(clock, timedelta())


def _day_bounds(local: datetime) -> tuple[datetime, datetime]:
    zone = local.tzinfo
    start = datetime(local.year, local.month, local.day, tzinfo=zone)
    following = start.date() + timedelta(days=1)
    end = datetime(following.year, following.month, following.day, tzinfo=zone)
    return start, end


def _unit_bounds(local: datetime, unit: timedelta) -> tuple[datetime, datetime]:
    """The hour or minute (of the moment's own zone) that `local` falls in, in real time
    (UTC arithmetic, so a change of the clocks cannot stretch it)."""
    into = timedelta(seconds=local.second, microseconds=local.microsecond)
    if unit == timedelta(hours=1):
        into += timedelta(minutes=local.minute)
    start = local.astimezone(UTC) - into
    return start, start + unit


def _compared(name: str) -> Callable[[ObservedMoment, object], Any]:
    compare = getattr(operator, name)

    def method(self: ObservedMoment, other: object) -> Any:
        if isinstance(other, ObservedMoment):  # the clock against itself never flips
            return compare(self.plain, other.plain)
        if not isinstance(other, datetime):
            return NotImplemented
        if other.tzinfo is not None:  # a naive time never equals, nor orders with, the clock
            note_flip(other - self.offset)
        return compare(self.plain, other)

    method.__name__ = f"__{name}__"
    return method


def _exact(name: str) -> Callable[..., Any]:
    """A use whose answer may change at any moment: only this very clock gives it."""

    def method(self: ObservedMoment | ObservedSpan, *args: Any, **kwargs: Any) -> Any:
        self.note_exact()
        return getattr(self.plain, name)(*args, **kwargs)

    method.__name__ = name
    return method


def _exact_field(name: str) -> Any:
    """A field (seconds, microseconds) that changes at any moment."""

    def read(self: ObservedMoment | ObservedSpan) -> Any:
        self.note_exact()
        return getattr(self.plain, name)

    return property(read)


class _Observed:
    """What the observed clock and spans share: they are values, so a copy is the same
    observed value; pickled (to another process), it is no longer observed."""

    plain: Any

    def note_exact(self) -> None:
        raise NotImplementedError

    def __copy__(self) -> Any:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> Any:
        return self

    def __reduce_ex__(self, protocol: Any) -> Any:
        self.note_exact()
        return self.plain.__reduce_ex__(protocol)

    def __hash__(self) -> int:
        self.note_exact()
        return hash(self.plain)


class ObservedMoment(_Observed, SafeDatetime):
    """The build clock, shifted by `offset`, noting where each use of it would flip."""

    plain: datetime
    offset: timedelta  # this moment is the build clock plus offset

    @classmethod
    def of(cls, moment: datetime, offset: timedelta) -> ObservedMoment:
        day, time_of_day = moment.date(), moment.timetz()  # the time keeps zone and fold
        made = cls.combine(day, time_of_day)
        made.plain = datetime.combine(day, time_of_day)
        made.offset = offset
        return made

    def note_exact(self) -> None:
        note_flip(self.plain - self.offset)

    def _note_bounds(self, bounds: tuple[datetime, datetime]) -> None:
        for bound in bounds:
            note_flip(bound - self.offset)

    __lt__ = _compared("lt")
    __le__ = _compared("le")
    __gt__ = _compared("gt")
    __ge__ = _compared("ge")
    __eq__ = _compared("eq")  # type: ignore[assignment]
    __ne__ = _compared("ne")  # type: ignore[assignment]

    __hash__ = _Observed.__hash__  # defining __eq__ above would unset it

    def __add__(self, other: object) -> Any:
        if isinstance(other, timedelta) and not isinstance(other, ObservedSpan):
            return ObservedMoment.of(self.plain + other, self.offset + other)
        return NotImplemented

    __radd__ = __add__

    def __sub__(self, other: object) -> Any:
        if isinstance(other, ObservedMoment):
            return self.offset - other.offset  # the clock less itself: a constant
        if isinstance(other, timedelta) and not isinstance(other, ObservedSpan):
            return ObservedMoment.of(self.plain - other, self.offset - other)
        if isinstance(other, datetime):
            return ObservedSpan.of(self.plain - other, other - self.offset, 1)
        return NotImplemented

    def __rsub__(self, other: object) -> Any:
        if isinstance(other, datetime) and not isinstance(other, ObservedMoment):
            return ObservedSpan.of(other - self.plain, other - self.offset, -1)
        return NotImplemented

    def astimezone(self, tz: tzinfo | None = None) -> ObservedMoment:
        return ObservedMoment.of(self.plain.astimezone(tz), self.offset)

    def date(self) -> date:
        self._note_bounds(_day_bounds(self.plain))
        return self.plain.date()

    def strftime(self, fmt: str) -> str:
        if DAY_DIRECTIVES.sub("", fmt).count("%"):
            self.note_exact()
        else:
            self._note_bounds(_day_bounds(self.plain))
        return self.plain.strftime(fmt)

    def __format__(self, fmt: str) -> str:
        return self.strftime(fmt) if fmt else str(self)

    @property  # type: ignore[override]
    def year(self) -> int:
        return self.date().year

    @property  # type: ignore[override]
    def month(self) -> int:
        return self.date().month

    @property  # type: ignore[override]
    def day(self) -> int:
        return self.date().day

    @property  # type: ignore[override]
    def hour(self) -> int:
        self._note_bounds(_unit_bounds(self.plain, timedelta(hours=1)))
        return self.plain.hour

    @property  # type: ignore[override]
    def minute(self) -> int:
        self._note_bounds(_unit_bounds(self.plain, timedelta(minutes=1)))
        return self.plain.minute

    second = _exact_field("second")
    microsecond = _exact_field("microsecond")

    __str__ = _exact("__str__")
    __repr__ = _exact("__repr__")
    isoformat = _exact("isoformat")
    ctime = _exact("ctime")
    timestamp = _exact("timestamp")
    timetuple = _exact("timetuple")
    utctimetuple = _exact("utctimetuple")
    toordinal = _exact("toordinal")
    weekday = _exact("weekday")
    isoweekday = _exact("isoweekday")
    isocalendar = _exact("isocalendar")
    time = _exact("time")
    timetz = _exact("timetz")
    replace = _exact("replace")
    utcoffset = _exact("utcoffset")
    dst = _exact("dst")
    tzname = _exact("tzname")


def _span_compared(name: str) -> Callable[[ObservedSpan, object], Any]:
    compare = getattr(operator, name)

    def method(self: ObservedSpan, other: object) -> Any:
        if not isinstance(other, timedelta) or isinstance(other, ObservedSpan):
            if isinstance(other, ObservedSpan):
                self.note_exact()
                other.note_exact()
                return compare(self.plain, other.plain)
            return NotImplemented
        note_flip(self.crossing(other))
        return compare(self.plain, other)

    method.__name__ = f"__{name}__"
    return method


class ObservedSpan(_Observed, timedelta):
    """A time between the build clock and a fixed moment: sign * (clock - anchor)."""

    plain: timedelta
    anchor: datetime  # the fixed moment, less the clock's offset
    sign: int

    @classmethod
    def of(cls, span: timedelta, anchor: datetime, sign: int) -> ObservedSpan:
        made = cls(span.days, span.seconds, span.microseconds)
        made.plain = timedelta(span.days, span.seconds, span.microseconds)
        made.anchor = anchor
        made.sign = sign
        return made

    def crossing(self, length: timedelta) -> datetime:
        """The clock at which this span equals `length`."""
        return self.anchor + length if self.sign > 0 else self.anchor - length

    def note_exact(self) -> None:
        note_flip(self.crossing(self.plain))

    def note_steps(self, unit: timedelta) -> None:
        """Whoever reads only how many whole `unit`s this span holds is told so here."""
        count = self.plain // unit
        for length in (count * unit, (count + 1) * unit):
            note_flip(self.crossing(length))

    __lt__ = _span_compared("lt")
    __le__ = _span_compared("le")
    __gt__ = _span_compared("gt")
    __ge__ = _span_compared("ge")
    __eq__ = _span_compared("eq")  # type: ignore[assignment]
    __ne__ = _span_compared("ne")  # type: ignore[assignment]

    __hash__ = _Observed.__hash__  # defining __eq__ above would unset it

    def __bool__(self) -> bool:
        note_flip(self.crossing(timedelta()))
        return bool(self.plain)

    __str__ = _exact("__str__")
    __repr__ = _exact("__repr__")
    __format__ = _exact("__format__")
    total_seconds = _exact("total_seconds")
    __neg__ = _exact("__neg__")
    __pos__ = _exact("__pos__")
    __abs__ = _exact("__abs__")
    __add__ = _exact("__add__")
    __radd__ = _exact("__radd__")
    __sub__ = _exact("__sub__")
    __rsub__ = _exact("__rsub__")
    __mul__ = _exact("__mul__")
    __rmul__ = _exact("__rmul__")
    __truediv__ = _exact("__truediv__")
    __floordiv__ = _exact("__floordiv__")
    __mod__ = _exact("__mod__")
    __divmod__ = _exact("__divmod__")

    @property  # type: ignore[override]
    def days(self) -> int:
        self.note_steps(timedelta(days=1))
        return self.plain.days

    seconds = _exact_field("seconds")
    microseconds = _exact_field("microseconds")


def whole_units(span: timedelta, unit: timedelta) -> int:
    """How many whole `unit`s `span` holds, noting only that (not the exact span)."""
    if isinstance(span, ObservedSpan):
        span.note_steps(unit)
        return span.plain // unit
    return span // unit
