"""A school's calendar as the plain value the forms engine counts school days on (`forms.DueCalendar`).

Closed, besides Saturdays and Sundays: Norway's public holidays (the `holidays` library), the
municipality's breaks and planning days, the school's own days, and the summer between two school
years the municipality has entered. Read once per request for all the organisations asked about.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from flask import g
from sqlalchemy import select

from forms import DueCalendar

from ..extensions import db
from .models import ClosedPeriod, SchoolYear

HOLIDAY_LANGUAGES = {"nb": "no", "nn": "no", "en": "en_US"}
_ONE_DAY = timedelta(days=1)


@lru_cache(maxsize=256)
def public_holidays(year: int, language: str = "nb") -> dict[date, str]:
    """Norway's public holidays in `year` (date → name in `language`), from the `holidays` library."""
    import holidays  # loaded by the first count of school days, not by every worker at start

    found = holidays.country_holidays("NO", years=year, language=HOLIDAY_LANGUAGES.get(language, "no"))
    return dict(found)


def days_of(first: date, last: date) -> Iterable[date]:
    day = first
    while day <= last:
        yield day
        day += _ONE_DAY


def closed_dates(years: Iterable[tuple[date, date]], periods: Iterable[tuple[date, date]], holiday_years) -> frozenset:
    """Every date closed by a public holiday of `holiday_years`, a period (first, last) or the summer
    between two consecutive school years (first day, last day)."""
    closed = {day for year in holiday_years for day in public_holidays(year)}
    for first, last in periods:
        closed.update(days_of(first, last))
    spans = sorted(years)
    for (_, last), (next_first, _) in zip(spans, spans[1:], strict=False):
        closed.update(days_of(last + _ONE_DAY, next_first - _ONE_DAY))
    return frozenset(closed)


@dataclass(frozen=True)
class KnownCalendar:
    """What one organisation has entered: its years (first, last day) and closed periods
    (school id or None for all, first, last day)."""

    years: tuple[tuple[date, date], ...] = ()
    periods: tuple[tuple[int | None, date, date], ...] = ()


def known_calendars(organisation_ids: Iterable[int]) -> dict[int, KnownCalendar]:
    """The entered calendars of these organisations: one query for those this request has not read yet."""
    cache = g.setdefault("school_calendars", {})
    missing = sorted(set(organisation_ids) - cache.keys())
    if missing:
        rows = db.session.execute(
            select(
                SchoolYear.organisation_id,
                SchoolYear.id,
                SchoolYear.first_day,
                SchoolYear.last_day,
                ClosedPeriod.school_id,
                ClosedPeriod.first_day,
                ClosedPeriod.last_day,
            )
            .outerjoin(ClosedPeriod, ClosedPeriod.school_year_id == SchoolYear.id)
            .where(SchoolYear.organisation_id.in_(missing))
        ).all()
        for organisation_id in missing:
            mine = [row for row in rows if row[0] == organisation_id]
            years = {row[1]: (row[2], row[3]) for row in mine}
            periods = tuple((row[4], row[5], row[6]) for row in mine if row[5] is not None)
            cache[organisation_id] = KnownCalendar(tuple(sorted(years.values())), periods)
    return {organisation_id: cache[organisation_id] for organisation_id in organisation_ids}


def due_calendar(organisation_id: int, school_id: int | None, from_year: int, span: int = 3) -> DueCalendar:
    """The school's calendar (or, without a school, the municipality's) with the public holidays of
    `from_year` and the `span` years after it: what counting school days from that year needs."""
    cache = g.setdefault("due_calendars", {})
    key = (organisation_id, school_id, from_year, span)
    if key not in cache:
        known = known_calendars([organisation_id])[organisation_id]
        periods = [(first, last) for owner, first, last in known.periods if owner is None or owner == school_id]
        cache[key] = DueCalendar(closed_dates(known.years, periods, range(from_year, from_year + span + 1)))
    return cache[key]
