"""When each step of a run is due: the one place the app counts due times, on the school's calendar.

The case page, the dashboard, the case list and the builder's preview all ask here, so a step is due at
the same moment wherever it is shown (`runs.overdue_steps` and the run view's `step.due` come from here).
"""

from datetime import datetime

from flask_babel import get_timezone, ngettext
from flask_babel import gettext as _

from forms import Definition, DueCalendar, DueTime
from forms.due import NO_CALENDAR

from ..dates import format_datetime, format_skeleton, format_time
from ..db import OSLO
from ..schoolyear.calendar import due_calendar
from .operations import definition_of

DAYS_PER_YEAR = 150  # fewer school days than that in a year: how many years of holidays an offset needs


def due_times(definition: Definition, start: datetime, calendar: DueCalendar) -> dict[str, DueTime]:
    """field key → when it is due, for every field of `definition` with a due offset, counted from `start`."""
    return {item.key: item.due.reckon(start, calendar) for item in definition.fields if item.due is not None}


def calendar_for(definition: Definition, organisation_id: int, school_id: int | None, start: datetime):
    """The calendar that counting this definition's school days from `start` needs (one read per request;
    none when no step counts school days)."""
    school_days = [f.due.amount for f in definition.fields if f.due and f.due.unit == "school_days"]
    if not school_days:
        return NO_CALENDAR
    longest = max(school_days)
    return due_calendar(organisation_id, school_id, start.year, span=1 + longest // DAYS_PER_YEAR)


def step_due_times(run) -> dict[str, DueTime]:
    """field key → when that step of `run` is due, on the calendar of the case's school."""
    definition = definition_of(run)
    start = run.case.opened_at.astimezone(OSLO)
    school = run.case.school
    return due_times(definition, start, calendar_for(definition, school.organisation_id, school.id, start))


def _day(day, skeleton: str = "MMMd") -> str:
    return format_skeleton(skeleton, day)


def reckoning(due: DueTime) -> str:
    """How a school-day due time was counted: "3 school days; 5 Dec–8 Dec closed"."""
    counted = ngettext("%(num)d school day", "%(num)d school days", due.amount)
    if not due.closed:
        return counted
    closed = ", ".join(_day(first) if first == last else f"{_day(first)}–{_day(last)}" for first, last in due.closed)
    return _("%(counted)s; %(days)s closed", counted=counted, days=closed)


def due_text(due: DueTime, overdue: bool) -> str:
    """What a step says of its due time: "Due Wed 9 Dec, 10:00: 3 school days; 5 Dec–8 Dec closed"."""
    when = format_datetime(due.at, "short")
    if due.unit == "school_days":
        at = due.at.astimezone(get_timezone())
        when = f"{_day(at, 'MMMEd')}, {format_time(at, 'short')}"
        if overdue:
            return _("Overdue since %(when)s: %(reckoning)s", when=when, reckoning=reckoning(due))
        return _("Due %(when)s: %(reckoning)s", when=when, reckoning=reckoning(due))
    return _("Overdue since %(when)s", when=when) if overdue else _("Due %(when)s", when=when)
