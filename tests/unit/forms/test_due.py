"""due_at: when a step is due, counted from the case start in hours, days or school days."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forms import Definition, due_at

from .helpers import definition, field

OSLO = ZoneInfo("Europe/Oslo")
FRIDAY_2PM = dt.datetime(2026, 3, 6, 14, 0, tzinfo=OSLO)


def step(amount=None, unit=None):
    extra = {} if amount is None else {"due": {"amount": amount, "unit": unit}}
    return Definition.from_json(definition(field("step", "check", **extra))).fields[0]


def test_field_without_due_is_never_due():
    assert due_at(step(), FRIDAY_2PM) is None


def test_hours_are_added_to_the_start():
    assert due_at(step(3, "hours"), FRIDAY_2PM) == dt.datetime(2026, 3, 6, 17, 0, tzinfo=OSLO)


def test_days_count_weekends_too():
    assert due_at(step(3, "days"), FRIDAY_2PM) == dt.datetime(2026, 3, 9, 14, 0, tzinfo=OSLO)


def test_one_school_day_after_friday_afternoon_is_monday_afternoon():
    assert due_at(step(1, "school_days"), FRIDAY_2PM) == dt.datetime(2026, 3, 9, 14, 0, tzinfo=OSLO)


def test_three_school_days_from_thursday_skip_the_weekend():
    thursday = dt.datetime(2026, 3, 5, 9, 30, tzinfo=OSLO)
    assert due_at(step(3, "school_days"), thursday) == dt.datetime(2026, 3, 10, 9, 30, tzinfo=OSLO)


def test_five_school_days_are_a_week():
    assert due_at(step(5, "school_days"), FRIDAY_2PM) == dt.datetime(2026, 3, 13, 14, 0, tzinfo=OSLO)


def test_a_case_started_on_saturday_counts_monday_as_the_first_school_day():
    saturday = dt.datetime(2026, 3, 7, 10, 0, tzinfo=OSLO)
    assert due_at(step(1, "school_days"), saturday) == dt.datetime(2026, 3, 9, 10, 0, tzinfo=OSLO)
    assert due_at(step(5, "school_days"), saturday) == dt.datetime(2026, 3, 13, 10, 0, tzinfo=OSLO)


def test_zero_is_due_at_the_start():
    assert due_at(step(0, "school_days"), FRIDAY_2PM) == FRIDAY_2PM


def test_days_keep_the_clock_time_across_daylight_saving():
    saturday_before_summer_time = dt.datetime(2026, 3, 28, 12, 0, tzinfo=OSLO)
    due = due_at(step(1, "days"), saturday_before_summer_time)
    assert (due.hour, due.utcoffset()) == (12, dt.timedelta(hours=2))


def test_hours_are_elapsed_time_across_daylight_saving():
    saturday_before_summer_time = dt.datetime(2026, 3, 28, 12, 0, tzinfo=OSLO)
    due = due_at(step(24, "hours"), saturday_before_summer_time)
    # (subtracting two times of the same zone would compare clock times, so compare in UTC)
    assert due.astimezone(dt.UTC) - saturday_before_summer_time.astimezone(dt.UTC) == dt.timedelta(hours=24)
    assert due.hour == 13


def test_the_answer_is_in_the_zone_of_the_start():
    start = dt.datetime(2026, 3, 6, 13, 0, tzinfo=dt.UTC)
    due = due_at(step(2, "hours"), start)
    assert due.tzinfo is dt.UTC
    assert due == dt.datetime(2026, 3, 6, 15, 0, tzinfo=dt.UTC)


def test_a_naive_case_start_is_refused():
    with pytest.raises(ValueError, match="timezone-aware"):
        due_at(step(1, "days"), dt.datetime(2026, 3, 6, 14, 0))


def count_school_days(start: dt.date, amount: int) -> dt.date:
    """Reference: step one day at a time, counting Monday to Friday."""
    day = start
    while amount:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            amount -= 1
    return day


@settings(max_examples=150, deadline=None, database=None)
@given(st.datetimes(dt.datetime(2000, 1, 1), dt.datetime(2099, 12, 31), timezones=st.just(OSLO)), st.integers(0, 40))
def test_school_days_agree_with_counting_one_day_at_a_time(start, amount):
    due = due_at(step(amount, "school_days"), start)
    assert due.date() == count_school_days(start.date(), amount)
    assert due.tzinfo is OSLO
    if amount:
        assert due.weekday() < 5
