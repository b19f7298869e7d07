"""The days without school as the annual wheel and the dashboard show them."""

from datetime import date

from sqlalchemy import select

from ..extensions import db
from .models import ClosedPeriod, SchoolYear


def closed_periods(schools, first: date, last: date) -> dict[int, list[ClosedPeriod]]:
    """school id → the breaks, planning days and own days that touch [first, last], in order (one query)."""
    rows = db.session.execute(
        select(ClosedPeriod, SchoolYear.organisation_id)
        .join(SchoolYear, ClosedPeriod.school_year_id == SchoolYear.id)
        .where(
            SchoolYear.organisation_id.in_({school.organisation_id for school in schools}),
            ClosedPeriod.last_day >= first,
            ClosedPeriod.first_day <= last,
        )
        .order_by(ClosedPeriod.first_day, ClosedPeriod.id)
    ).all()
    return {
        school.id: [
            period
            for period, organisation_id in rows
            if organisation_id == school.organisation_id and period.school_id in (None, school.id)
        ]
        for school in schools
    }


def months_touched(period: ClosedPeriod) -> set[int]:
    months, day = set(), period.first_day.replace(day=1)
    while day <= period.last_day:
        months.add(day.month)
        day = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return months


def by_month(periods: list[ClosedPeriod], months) -> dict[int, list[ClosedPeriod]]:
    """month → the periods that touch it (a break over New Year is in December and in January)."""
    return {month: [p for p in periods if month in months_touched(p)] for month in months}
