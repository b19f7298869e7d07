"""Keeping a school year's calendar: years, breaks and planning days, a school's own days."""

from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..errors import OperationError
from ..extensions import db
from ..schools.models import Organisation, School
from .models import ClosedKind, ClosedPeriod, SchoolYear

LONGEST_YEAR_DAYS = 400  # a school year is about ten months; more is a typing mistake


@dataclass(frozen=True)
class PeriodData:
    """A closed period as typed or imported: kind, first and last day, and a name per language."""

    kind: ClosedKind
    first_day: date
    last_day: date
    name: dict


def years_of(organisation: Organisation) -> list[SchoolYear]:
    return list(
        db.session.scalars(
            select(SchoolYear).where(SchoolYear.organisation_id == organisation.id).order_by(SchoolYear.first_day)
        )
    )


def year_around(organisation_id: int, today: date) -> SchoolYear | None:
    """The school year `today` is in, else the next one, else the latest that has been."""
    years = db.session.scalars(
        select(SchoolYear).where(SchoolYear.organisation_id == organisation_id).order_by(SchoolYear.first_day)
    ).all()
    now = [y for y in years if y.first_day <= today <= y.last_day]
    later = [y for y in years if y.first_day > today]
    return (now or later or list(reversed(years)) or [None])[0]


def _check_span(first_day: date, last_day: date) -> None:
    if last_day <= first_day:
        raise OperationError(_l("The last day must come after the first day."), "last_day")
    if (last_day - first_day).days > LONGEST_YEAR_DAYS:
        raise OperationError(_l("A school year is at most 400 days long: check the years."), "last_day")


def create_year(organisation: Organisation, first_day: date, last_day: date) -> SchoolYear:
    """A new school year; it may not overlap another of the municipality's."""
    _check_span(first_day, last_day)
    for other in years_of(organisation):
        if other.first_day <= last_day and first_day <= other.last_day:
            raise OperationError(_l("This overlaps the school year %(name)s.", name=other.name), "first_day")
    year = SchoolYear(organisation_id=organisation.id, first_day=first_day, last_day=last_day)
    db.session.add(year)
    db.session.flush()
    return year


def change_year(year: SchoolYear, first_day: date, last_day: date) -> None:
    """Move the first and last day; periods outside the new span are refused."""
    _check_span(first_day, last_day)
    organisation = db.session.get(Organisation, year.organisation_id)
    for other in years_of(organisation):
        if other.id != year.id and other.first_day <= last_day and first_day <= other.last_day:
            raise OperationError(_l("This overlaps the school year %(name)s.", name=other.name), "first_day")
    if any(p.first_day < first_day or p.last_day > last_day for p in year.periods):
        raise OperationError(_l("Some closed days would fall outside the school year; move them first."), "first_day")
    year.first_day, year.last_day = first_day, last_day
    db.session.flush()


def _check_period(year: SchoolYear, data: PeriodData) -> None:
    if data.last_day < data.first_day:
        raise OperationError(_l("The last day cannot come before the first day."), "last_day")
    if data.first_day < year.first_day or data.last_day > year.last_day:
        raise OperationError(_l("The days must fall within the school year %(name)s.", name=year.name), "first_day")


def add_period(year: SchoolYear, data: PeriodData, school: School | None = None) -> ClosedPeriod:
    """A break or planning days for every school (`school` None), or one school's own days."""
    _check_period(year, data)
    period = ClosedPeriod(
        school_year=year,
        school_id=school.id if school is not None else None,
        kind=data.kind,
        first_day=data.first_day,
        last_day=data.last_day,
        name={k: v for k, v in data.name.items() if v},
    )
    db.session.add(period)
    db.session.flush()
    return period


def remove_period(period: ClosedPeriod) -> None:
    db.session.delete(period)
    db.session.flush()


def replace_periods(year: SchoolYear, found: list[PeriodData]) -> int:
    """An imported calendar replaces the municipality's periods of the year (schools keep their own).
    Every period is checked first: one that does not fit changes nothing."""
    for data in found:
        _check_period(year, data)
    for period in [p for p in year.periods if p.school_id is None]:
        year.periods.remove(period)
    for data in found:
        add_period(year, data)
    return len(found)


def period_of(year: SchoolYear, period_id: int, school: School | None = None) -> ClosedPeriod | None:
    """The year's period `period_id`: the municipality's (school None) or that school's own."""
    school_id = school.id if school is not None else None
    return next((p for p in year.periods if p.id == period_id and p.school_id == school_id), None)
