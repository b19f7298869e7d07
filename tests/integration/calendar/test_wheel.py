"""The annual wheel: activities from the published plan, on the wheel, the dashboard and in feeds."""

import re
from datetime import date

import pytest
from icalendar import Calendar
from sqlalchemy import select

from intranet.calendar.activities import SCHOOL_YEAR, activities, occurs_on, school_year_start, wheel_segments
from intranet.plans import operations as ops
from intranet.plans.models import PlanSection

WHEEL = {
    "key": "annual_wheel",
    "kind": "annual_wheel",
    "public": True,
    "title": {"nb": "Årshjul"},
    "body": {},
    "data": {
        "items": [
            {
                "id": "a1",
                "title": {"nb": "Foreldremøte om rus", "en": "Parents' meeting"},
                "months": [9],
                "audience": "8. trinn",
                "roles": ["rector"],
                "public": True,
            },
            {
                "id": "a2",
                "title": {"nb": "Personalmøte om rutinene"},
                "months": [1],
                "roles": ["rector"],
                "public": False,
            },
            {"id": "a3", "title": {"nb": "Russemøte"}, "months": [4], "date": "2027-04-20", "public": True},
        ]
    },
}


@pytest.fixture
def wheel_plan(world, published_plan, db):
    plan = db.session.merge(published_plan)
    plan.sections.append(PlanSection(position=9, source_key=None, **WHEEL))
    db.session.flush()
    ops.publish_plan(plan, db.session.merge(world.users["school_admin"]), "Årshjul")
    db.session.commit()
    return plan


def test_activities_follow_the_school_year_and_a_date_decides_the_month():
    found = activities([WHEEL], public_only=False)
    assert [a.month for a in found] == [9, 1, 4]
    assert found[2].date == date(2027, 4, 20)
    assert [a.title["nb"] for a in activities([WHEEL], public_only=True)] == ["Foreldremøte om rus", "Russemøte"]


def test_the_school_year_starts_in_august():
    assert SCHOOL_YEAR[0] == 8 and school_year_start(date(2026, 7, 31)) == 2025
    assert school_year_start(date(2026, 8, 1)) == 2026
    january = activities([WHEEL], public_only=False)[1]
    assert occurs_on(january, 2026) == date(2027, 1, 1)


def test_wheel_segments_are_twelve_starting_with_august_at_the_top():
    segments = wheel_segments({8: 2})
    assert [s.month for s in segments] == list(SCHOOL_YEAR)
    assert segments[0].count == 2 and segments[0].path.startswith("M160.0,4.0")  # top centre


def test_staff_wheel_shows_all_activities_and_the_public_one_only_public(client, world, wheel_plan, login):
    public = client.get(f"/{world.school.slug}/wheel?lang=nb").get_data(as_text=True)
    assert "Foreldremøte om rus" in public and "Russemøte" in public
    assert "Personalmøte om rutinene" not in public
    login(world.users["staff"])
    staff = client.get(f"/app/schools/{world.school.slug}/wheel?lang=nb").get_data(as_text=True)
    assert "Personalmøte om rutinene" in staff
    assert staff.count('<a href="#month-') == 12 and 'id="month-8"' in staff  # wheel and list agree


def test_internal_activities_stay_off_the_public_plan(client, world, wheel_plan):
    page = client.get(f"/{world.school.slug}/plan?lang=nb").get_data(as_text=True)
    assert "Foreldremøte om rus" in page and "Personalmøte om rutinene" not in page


def test_public_feed_is_valid_icalendar_with_public_activities(client, world, wheel_plan):
    response = client.get(f"/{world.school.slug}/calendar.ics?lang=en")
    assert response.mimetype == "text/calendar"
    calendar = Calendar.from_ical(response.data)
    summaries = [str(event["summary"]) for event in calendar.walk("VEVENT")]
    assert "Parents' meeting" in summaries and "Russemøte" in summaries
    assert "Personalmøte om rutinene" not in summaries
    fixed = [e for e in calendar.walk("VEVENT") if str(e["summary"]) == "Russemøte"]
    assert len(fixed) == 1 and fixed[0]["dtstart"].dt == date(2027, 4, 20)
    uids = [str(event["uid"]) for event in calendar.walk("VEVENT")]
    assert len(uids) == len(set(uids))


def test_private_feed_includes_internal_and_stops_when_revoked(client, world, wheel_plan, login):
    login(world.users["staff"])
    response = client.post(f"/app/schools/{world.school.slug}/calendar-feed", follow_redirects=True)
    address = re.search(r"http://intranet\.test(/[\w-]+/calendar/[\w-]+\.ics)", response.get_data(as_text=True))
    feed = client.application.test_client().get(address.group(1))
    assert feed.status_code == 200
    summaries = [str(e["summary"]) for e in Calendar.from_ical(feed.data).walk("VEVENT")]
    assert "Personalmøte om rutinene" in summaries
    client.post(f"/app/schools/{world.school.slug}/calendar-feed/revoke")
    assert client.application.test_client().get(address.group(1)).status_code == 404


def test_a_feed_token_from_another_school_is_404(client, world, wheel_plan, login):
    login(world.users["staff"])
    response = client.post(f"/app/schools/{world.school.slug}/calendar-feed", follow_redirects=True)
    token = re.search(r"/calendar/([\w-]+)\.ics", response.get_data(as_text=True)).group(1)
    assert client.get(f"/{world.other_school.slug}/calendar/{token}.ics").status_code == 404


def test_dashboard_shows_this_and_next_months_activities(client, world, published_plan, login, db, monkeypatch):
    import intranet.dashboard.views as dashboard

    plan = db.session.merge(published_plan)
    plan.sections.append(PlanSection(position=9, source_key=None, **WHEEL))
    db.session.flush()
    ops.publish_plan(plan, db.session.merge(world.users["school_admin"]), "Årshjul")
    db.session.commit()
    from datetime import UTC, datetime

    monkeypatch.setattr(dashboard, "utcnow", lambda: datetime(2026, 8, 20, 10, tzinfo=UTC))
    login(world.users["school_admin"])
    page = client.get("/app/?lang=nb").get_data(as_text=True)
    assert "Foreldremøte om rus" in page and "Personalmøte om rutinene" not in page


def test_the_wheel_page_query_count_is_fixed(client, world, wheel_plan, login, query_counter, db):
    login(world.users["staff"])
    path = f"/app/schools/{world.school.slug}/wheel"
    with query_counter() as few:
        client.get(path)
    section = db.session.scalar(select(PlanSection).where(PlanSection.key == "annual_wheel"))
    section.data = {
        "items": [{"id": f"x{n}", "title": {"nb": f"Aktivitet {n}"}, "months": [n % 12 + 1]} for n in range(40)]
    }
    db.session.flush()
    ops.publish_plan(section.plan, db.session.merge(world.users["school_admin"]), "Mange")
    db.session.commit()
    with query_counter() as many:
        assert "Aktivitet 39" in client.get(path).get_data(as_text=True)
    assert many.count == few.count
