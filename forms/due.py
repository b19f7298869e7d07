"""Due offsets: when a step is due, counted from the start of the case.

School days are counted on a `DueCalendar`, a plain value the caller builds (the engine knows no
school, holiday or database): the days a school is closed besides Saturdays and Sundays.
"""

import datetime as dt
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from forms.text import is_int

if TYPE_CHECKING:
    from forms.fields import Field

UNITS = ("hours", "days", "school_days")
MAX_AMOUNT = 10_000
_ONE_DAY = dt.timedelta(days=1)


def is_due(value: Any) -> bool:
    """Whether `value` is a valid due offset: `{"amount": 0..MAX_AMOUNT, "unit": one of UNITS}`."""
    return (
        isinstance(value, dict)
        and set(value) == {"amount", "unit"}
        and is_int(value["amount"])
        and 0 <= value["amount"] <= MAX_AMOUNT
        and value["unit"] in UNITS
    )


@dataclass(frozen=True)
class DueCalendar:
    """The days a school is closed besides Saturdays and Sundays: public holidays, breaks, planning
    days. The empty calendar (the default) makes every Monday to Friday a school day."""

    closed: frozenset[dt.date] = frozenset()
    _sorted: tuple[dt.date, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "closed", frozenset(self.closed))
        object.__setattr__(self, "_sorted", tuple(sorted(d for d in self.closed if d.weekday() < 5)))

    def is_school_day(self, day: dt.date) -> bool:
        return day.weekday() < 5 and day not in self.closed

    def closed_weekdays(self, after: dt.date, until: dt.date) -> int:
        """How many Mondays to Fridays in (after, until] are closed."""
        return max(0, bisect_right(self._sorted, until) - bisect_right(self._sorted, after))

    def closed_weekdays_between(self, after: dt.date, before: dt.date) -> tuple[dt.date, ...]:
        """The closed Mondays to Fridays in (after, before), in order."""
        return self._sorted[bisect_right(self._sorted, after) : bisect_left(self._sorted, before)]


NO_CALENDAR = DueCalendar()


@dataclass(frozen=True)
class DueTime:
    """When a step is due, and how that was counted: `closed` holds the periods (first day, last day)
    the count skipped besides plain weekends, for a school-day offset."""

    at: dt.datetime
    amount: int
    unit: str
    closed: tuple[tuple[dt.date, dt.date], ...] = ()


@dataclass(frozen=True)
class Due:
    """A step is due `amount` hours, days or school days after the case start."""

    amount: int
    unit: str

    @classmethod
    def from_json(cls, data: dict) -> "Due":
        """The due offset in valid JSON `data`."""
        return cls(data["amount"], data["unit"])

    def to_json(self) -> dict[str, Any]:
        """The canonical JSON object."""
        return {"amount": self.amount, "unit": self.unit}

    def after(self, start: dt.datetime, calendar: DueCalendar = NO_CALENDAR) -> dt.datetime:
        """The moment this offset after `start` (which must be timezone-aware), in `start`'s zone.

        Hours are elapsed time (24 hours across a daylight-saving change is not the same clock
        time); days and school days keep the clock time of the start. School days skip Saturdays,
        Sundays and the days `calendar` closes.
        """
        return self.reckon(start, calendar).at

    def reckon(self, start: dt.datetime, calendar: DueCalendar = NO_CALENDAR) -> DueTime:
        """When this offset after `start` falls, with the closed periods a school-day count skipped."""
        _require_aware(start)
        if self.unit == "hours":
            at = (start.astimezone(dt.UTC) + dt.timedelta(hours=self.amount)).astimezone(start.tzinfo)
            return DueTime(at, self.amount, self.unit)
        if self.unit == "days":
            day, closed = start.date() + dt.timedelta(days=self.amount), ()
        else:
            day = school_days_after(start.date(), self.amount, calendar)
            closed = closed_periods(start.date(), day, calendar)
        wall_clock = dt.datetime.combine(day, start.timetz())
        # through UTC and back: a clock time that does not exist that day (spring forward) moves on
        return DueTime(wall_clock.astimezone(dt.UTC).astimezone(start.tzinfo), self.amount, self.unit, closed)


def school_days_after(start: dt.date, amount: int, calendar: DueCalendar = NO_CALENDAR) -> dt.date:
    """The date `amount` school days after `start`; from a day the school is closed (a weekend, a
    holiday), the next school day counts as the first."""
    day = start
    while amount and not calendar.is_school_day(day):
        day += _ONE_DAY
        if calendar.is_school_day(day):
            amount -= 1
    while amount:
        # Count Mondays to Fridays in bulk, then take back the closed ones the jump passed over.
        reached = _weekdays_after(day, amount)
        amount = calendar.closed_weekdays(day, reached)
        day = reached
    return day


def _weekdays_after(day: dt.date, amount: int) -> dt.date:
    """The date `amount` Mondays to Fridays after `day`."""
    while amount and day.weekday() >= 5:
        day += _ONE_DAY
        if day.weekday() < 5:
            amount -= 1
    weeks, rest = divmod(amount, 5)
    day += dt.timedelta(weeks=weeks)  # from a weekday, seven days are exactly five weekdays
    while rest:
        day += _ONE_DAY
        if day.weekday() < 5:
            rest -= 1
    return day


def closed_periods(start: dt.date, due: dt.date, calendar: DueCalendar) -> tuple[tuple[dt.date, dt.date], ...]:
    """The runs of days without school strictly between `start` and `due` that hold a closed weekday
    (a plain weekend is not worth saying), each widened over the weekend days next to it."""
    periods: list[tuple[dt.date, dt.date]] = []
    for closed in calendar.closed_weekdays_between(start, due):
        if periods and periods[-1][1] >= closed:
            continue
        first, last = closed, closed
        while first - _ONE_DAY > start and not calendar.is_school_day(first - _ONE_DAY):
            first -= _ONE_DAY
        while last + _ONE_DAY < due and not calendar.is_school_day(last + _ONE_DAY):
            last += _ONE_DAY
        periods.append((first, last))
    return tuple(periods)


def _require_aware(moment: dt.datetime) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("the case start must be a timezone-aware datetime")


def due_at(field: "Field", case_start: dt.datetime, calendar: DueCalendar = NO_CALENDAR) -> dt.datetime | None:
    """When `field` is due for a case that started at `case_start` (timezone-aware), or None; school
    days are counted on `calendar`.

    Raises ValueError for a naive `case_start`.
    """
    _require_aware(case_start)
    return None if field.due is None else field.due.after(case_start, calendar)
