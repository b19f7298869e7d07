"""A school adds its own days to the municipality's calendar; the wheel, the dashboard and the demo show them."""

from datetime import date

import pytest
from sqlalchemy import select

from intranet.calendar.activities import school_year_start
from intranet.db import OSLO, utcnow
from intranet.schoolyear.models import ClosedKind, ClosedPeriod, SchoolYear
from intranet.schoolyear.shown import closed_periods

from ...conftest import login_as


def own_days(db, school_id):
    db.session.expire_all()
    return [
        (p.first_day, p.last_day, p.name)
        for p in db.session.scalars(select(ClosedPeriod).where(ClosedPeriod.school_id == school_id))
    ]


def test_the_school_admin_adds_and_removes_the_school_s_own_days(client, world, db, school_year):
    login_as(client, world.users["school_admin"])
    base = f"/app/schools/{world.school.slug}/school-year"
    page = client.get(f"{base}/").get_data(as_text=True)
    assert "Skoleåret 2026/27 ved Testvik ungdomsskole" in page
    assert "Juleferie" in page and "Første juledag" in page  # the municipality's break, a public holiday
    added = client.post(
        f"{base}/{school_year.id}/days",
        data={"kind": "other", "first_day": "2027-02-05", "last_day": "2027-02-05", "name": "Aktivitetsdag"},
    )
    assert added.status_code == 303
    assert (date(2027, 2, 5), date(2027, 2, 5), {"nb": "Aktivitetsdag"}) in own_days(db, world.school.id)
    assert "Aktivitetsdag" in client.get(f"{base}/").get_data(as_text=True)
    removed = client.post(f"{base}/{school_year.id}/days/{world.school_period_id}/delete")
    assert removed.status_code == 303
    assert [d[0] for d in own_days(db, world.school.id)] == [date(2027, 2, 5)]
    common = client.post(f"{base}/{school_year.id}/days/{world.org_period_id}/delete")
    assert common.status_code == 404, "the municipality's break is not the school's to remove"


def test_bad_input_keeps_what_was_typed_and_says_why(client, world, db, school_year):
    login_as(client, world.users["school_admin"])
    base = f"/app/schools/{world.school.slug}/school-year"
    response = client.post(
        f"{base}/{school_year.id}/days?lang=en",
        data={"kind": "planning_day", "first_day": "2027-03-10", "last_day": "2027-03-08", "name": "Kurs"},
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "The last day cannot come before the first day." in page and 'value="Kurs"' in page
    assert len(own_days(db, world.school.id)) == 1


def test_staff_and_other_schools_cannot_add_days(client, world, db, school_year):
    base = f"/app/schools/{world.school.slug}/school-year/{school_year.id}/days"
    login_as(client, world.users["staff"])
    assert client.post(base, data={"kind": "other", "first_day": "2027-02-05"}).status_code == 403
    other = client.application.test_client()
    login_as(other, world.users["staff_other_school"])
    assert other.post(base, data={"kind": "other", "first_day": "2027-02-05"}).status_code == 404
    assert len(own_days(db, world.school.id)) == 1


def test_each_school_sees_the_municipality_s_breaks_and_only_its_own_days(world, db, school_year, query_counter):
    schools = [world.school, world.other_school, world.far_school]
    assert all(school.organisation_id for school in schools)  # loaded before counting
    with query_counter() as counter:
        found = closed_periods(
            [world.school, world.other_school, world.far_school], date(2026, 12, 1), date(2027, 1, 31)
        )
    assert counter.count == 1
    assert [(p.first_day, p.school_id) for p in found[world.school.id]] == [
        (date(2026, 12, 7), world.school.id),
        (date(2026, 12, 21), None),
    ]
    assert [p.first_day for p in found[world.other_school.id]] == [date(2026, 12, 21)]
    assert found[world.far_school.id] == []


@pytest.mark.parametrize("wheel", ["/app/schools/{slug}/wheel", "/{slug}/wheel"])
def test_the_wheel_shows_the_breaks_in_their_months(client, world, db, published_plan, wheel):
    start = school_year_start(utcnow().astimezone(OSLO).date())  # the wheel shows this school year
    year = SchoolYear(organisation_id=world.org.id, first_day=date(start, 8, 17), last_day=date(start + 1, 6, 18))
    year.periods = [
        ClosedPeriod(kind=ClosedKind.CHRISTMAS_BREAK, first_day=date(start, 12, 21), last_day=date(start + 1, 1, 1)),
        ClosedPeriod(
            kind=ClosedKind.PLANNING_DAY,
            school_id=world.school.id,
            first_day=date(start, 12, 7),
            last_day=date(start, 12, 7),
        ),
    ]
    db.session.add(year)
    db.session.commit()
    login_as(client, world.users["staff"])
    page = client.get(wheel.format(slug=world.school.slug)).get_data(as_text=True)
    december = page[page.index('id="month-12"') : page.index('id="month-1"')]
    january = page[page.index('id="month-1"') : page.index('id="month-2"')]
    assert "Juleferie" in december and "Planleggingsdag" in december
    assert "Juleferie" in january and "Planleggingsdag" not in january


def test_the_demo_has_fjordviks_school_year_with_its_breaks(app, db):
    app.test_cli_runner().invoke(args=["seed-demo"])
    year = db.session.scalar(select(SchoolYear))
    assert year.name == "2026/27" and (year.first_day, year.last_day) == (date(2026, 8, 17), date(2027, 6, 18))
    kinds = {p.kind.value for p in year.periods}
    assert {"autumn_break", "christmas_break", "winter_break", "easter_break", "planning_day"} <= kinds
    assert any(p.school_id is not None for p in year.periods)
