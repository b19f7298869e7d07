"""Due offsets: when a step is due, counted from the start of the case."""

import datetime as dt
from dataclasses import dataclass
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
class Due:
    """A step is due `amount` hours, days or school days (Monday to Friday) after the case start."""

    amount: int
    unit: str

    @classmethod
    def from_json(cls, data: dict) -> "Due":
        """The due offset in valid JSON `data`."""
        return cls(data["amount"], data["unit"])

    def to_json(self) -> dict[str, Any]:
        """The canonical JSON object."""
        return {"amount": self.amount, "unit": self.unit}

    def after(self, start: dt.datetime) -> dt.datetime:
        """The moment this offset after `start` (which must be timezone-aware), in `start`'s zone.

        Hours are elapsed time (24 hours across a daylight-saving change is not the same clock
        time); days and school days keep the clock time of the start. School days skip Saturdays
        and Sundays but know nothing of public holidays.
        """
        _require_aware(start)
        if self.unit == "hours":
            return (start.astimezone(dt.UTC) + dt.timedelta(hours=self.amount)).astimezone(start.tzinfo)
        day = start.date() + dt.timedelta(days=self.amount) if self.unit == "days" else _school_days(start, self.amount)
        wall_clock = dt.datetime.combine(day, start.timetz())
        # through UTC and back: a clock time that does not exist that day (spring forward) moves on
        return wall_clock.astimezone(dt.UTC).astimezone(start.tzinfo)


def _school_days(start: dt.datetime, amount: int) -> dt.date:
    """The date `amount` school days after `start`; a weekend start counts Monday as the first."""
    day = start.date()
    while amount and day.weekday() >= 5:
        day += _ONE_DAY
        if day.weekday() < 5:
            amount -= 1
    weeks, rest = divmod(amount, 5)
    day += dt.timedelta(weeks=weeks)  # from a weekday, seven days are exactly five school days
    while rest:
        day += _ONE_DAY
        if day.weekday() < 5:
            rest -= 1
    return day


def _require_aware(moment: dt.datetime) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("the case start must be a timezone-aware datetime")


def due_at(field: "Field", case_start: dt.datetime) -> dt.datetime | None:
    """When `field` is due for a case that started at `case_start` (timezone-aware), or None.

    Raises ValueError for a naive `case_start`.
    """
    _require_aware(case_start)
    return None if field.due is None else field.due.after(case_start)
