"""Counting school days on a school's calendar: weekends, Norway's public holidays (the `holidays`
library), breaks and planning days are skipped, and the count says which closed days it skipped."""

import datetime as dt
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from forms import Due, DueCalendar
from forms.due import school_days_after
from intranet.schoolyear.calendar import closed_dates

OSLO = ZoneInfo("Europe/Oslo")
D = dt.date
YEARS = [(D(2025, 8, 18), D(2026, 6, 19)), (D(2026, 8, 17), D(2027, 6, 18))]
BREAKS = [
    (D(2026, 9, 28), D(2026, 10, 2)),  # autumn
    (D(2026, 12, 7), D(2026, 12, 8)),  # the school's planning days
    (D(2026, 12, 21), D(2027, 1, 1)),  # Christmas
    (D(2027, 2, 22), D(2027, 2, 26)),  # winter
    (D(2027, 3, 22), D(2027, 3, 26)),  # Easter week (Easter Sunday is 28 March 2027)
]
CALENDAR = DueCalendar(closed_dates(YEARS, BREAKS, range(2025, 2030)))
SUMMER = (D(2026, 6, 20), D(2026, 8, 16))


def one_day_at_a_time(start: dt.date, amount: int, calendar: DueCalendar) -> dt.date:
    """Reference: from a closed day the next school day counts as the first, then step day by day."""
    day = start
    while amount:
        day += dt.timedelta(days=1)
        if calendar.is_school_day(day):
            amount -= 1
    return day


def starts(first: dt.datetime, last: dt.datetime):
    return st.datetimes(first, last, timezones=st.just(OSLO))


@settings(max_examples=300, deadline=None, database=None)
@given(starts(dt.datetime(2025, 1, 1), dt.datetime(2029, 12, 31)), st.integers(0, 60))
def test_school_days_agree_with_counting_one_day_at_a_time(start, amount):
    due = Due(amount, "school_days").after(start, CALENDAR)
    assert due.date() == one_day_at_a_time(start.date(), amount, CALENDAR)
    assert (due.hour, due.minute) == (start.hour, start.minute) or due.utcoffset() != start.utcoffset()
    if amount:
        assert CALENDAR.is_school_day(due.date())


@settings(max_examples=200, deadline=None, database=None)
@given(starts(dt.datetime(2026, 12, 14), dt.datetime(2027, 1, 3, 23, 59)), st.integers(1, 10))
def test_across_the_year_end_christmas_and_new_year_are_skipped(start, amount):
    reckoned = Due(amount, "school_days").reckon(start, CALENDAR)
    day = reckoned.at.date()
    assert not D(2026, 12, 21) <= day <= D(2027, 1, 1)
    assert day != D(2027, 1, 1)  # New Year's Day, a public holiday, inside the break anyway
    if start.date() < D(2026, 12, 21) and day > D(2027, 1, 1):
        assert any(first <= D(2026, 12, 21) and last >= D(2027, 1, 1) for first, last in reckoned.closed)


@settings(max_examples=200, deadline=None, database=None)
@given(starts(dt.datetime(2027, 3, 15), dt.datetime(2027, 4, 2, 23, 59)), st.integers(1, 8))
def test_easter_holidays_and_the_easter_break_are_never_due_dates(start, amount):
    day = Due(amount, "school_days").after(start, CALENDAR).date()
    easter = {D(2027, 3, 25), D(2027, 3, 26), D(2027, 3, 29)}  # Maundy Thursday, Good Friday, Easter Monday
    assert day not in easter and not D(2027, 3, 22) <= day <= D(2027, 3, 29)


@settings(max_examples=200, deadline=None, database=None)
@given(starts(dt.datetime(2026, 9, 1), dt.datetime(2027, 6, 1)), st.integers(0, 40))
def test_each_closed_period_named_holds_a_closed_weekday_and_no_school_day(start, amount):
    reckoned = Due(amount, "school_days").reckon(start, CALENDAR)
    for first, last in reckoned.closed:
        days = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
        assert start.date() < first and last < reckoned.at.date()
        assert not any(CALENDAR.is_school_day(day) for day in days)
        assert any(day.weekday() < 5 for day in days), "a plain weekend is not worth saying"
    # every closed weekday passed over is in one of them
    passed = CALENDAR.closed_weekdays_between(start.date(), reckoned.at.date())
    assert all(any(first <= day <= last for first, last in reckoned.closed) for day in passed)


@settings(max_examples=100, deadline=None, database=None)
@given(starts(dt.datetime(2025, 6, 1), dt.datetime(2029, 6, 1)), st.integers(0, 80))
def test_one_more_school_day_is_always_later(start, amount):
    assert school_days_after(start.date(), amount + 1, CALENDAR) > school_days_after(start.date(), amount, CALENDAR)


def test_the_summer_between_two_school_years_has_no_school_days():
    assert not any(CALENDAR.is_school_day(D(2026, 6, 20) + dt.timedelta(days=n)) for n in range(58))
    assert CALENDAR.is_school_day(D(2026, 8, 17)) and CALENDAR.is_school_day(D(2026, 6, 19))


def test_three_school_days_from_wednesday_skip_the_weekend_and_two_planning_days_and_say_so():
    wednesday = dt.datetime(2026, 12, 2, 10, 0, tzinfo=OSLO)
    reckoned = Due(3, "school_days").reckon(wednesday, CALENDAR)
    assert reckoned.at == dt.datetime(2026, 12, 9, 10, 0, tzinfo=OSLO)
    assert reckoned.closed == ((D(2026, 12, 5), D(2026, 12, 8)),)


def test_a_case_opened_on_a_public_holiday_counts_the_next_school_day_first():
    ascension = dt.datetime(2027, 5, 6, 9, 0, tzinfo=OSLO)  # a Thursday
    assert Due(1, "school_days").after(ascension, CALENDAR).date() == D(2027, 5, 7)
    assert Due(2, "school_days").after(ascension, CALENDAR).date() == D(2027, 5, 10)


def test_hours_and_days_ignore_the_calendar():
    friday = dt.datetime(2026, 12, 18, 14, 0, tzinfo=OSLO)
    assert Due(2, "days").reckon(friday, CALENDAR).at.date() == D(2026, 12, 20)
    assert Due(2, "days").reckon(friday, CALENDAR).closed == ()
    assert Due(24, "hours").after(friday, CALENDAR).date() == D(2026, 12, 19)
