"""School days are school days: a step due in school days skips the school's breaks, planning days and
public holidays on the case page, the case list, the dashboard and the builder's preview, and says so."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from intranet.cases import operations as case_ops
from intranet.cases.due_times import step_due_times
from intranet.cases.runs import overdue_steps
from intranet.formsadmin import operations as form_ops
from intranet.schoolyear.models import ClosedKind, ClosedPeriod

from ...conftest import login_as

OSLO = ZoneInfo("Europe/Oslo")
MEETING = {
    "key": "follow_up",
    "kind": "checklist",
    "default_language": "nb",
    "title": {"nb": "Oppfølging", "en": "Follow-up"},
    "fields": [
        {
            "key": "meeting",
            "type": "check",
            "label": {"nb": "Oppfølgingsmøte", "en": "Follow-up meeting"},
            "due": {"amount": 3, "unit": "school_days"},
        }
    ],
}


def text(response) -> str:
    """The page with Babel's narrow and no-break spaces (before AM, in dates) as plain spaces."""
    return response.get_data(as_text=True).replace("\u202f", " ").replace("\xa0", " ")


@pytest.fixture
def follow_up(world, db, school_year):
    """A case opened Thursday 24 September 2026 10:00 on a checklist with a meeting within 3 school days; the
    autumn break is 28 September to 2 October, so it is due Tuesday 6 October (long past: overdue)."""
    school_year.periods.append(
        ClosedPeriod(kind=ClosedKind.AUTUMN_BREAK, first_day=date(2026, 9, 28), last_day=date(2026, 10, 2))
    )
    rector, staff = world.users["school_admin"], world.users["staff"]
    form = form_ops.import_form(world.school, dict(MEETING), user=rector)
    form_ops.publish(form, note="First", user=rector)
    case = case_ops.open_case(world.school, form.latest, user=staff, label="9A")
    case.opened_at = datetime(2026, 9, 24, 10, 0, tzinfo=OSLO)
    db.session.commit()
    world.form_id = form.id
    return case


def test_the_due_time_skips_the_break_and_the_case_page_says_so(client, world, db, follow_up, app):
    with app.test_request_context():
        due = step_due_times(follow_up.runs[0])["meeting"]
    assert due.at == datetime(2026, 10, 6, 10, 0, tzinfo=OSLO)
    assert due.closed == ((date(2026, 9, 26), date(2026, 10, 4)),)
    login_as(client, world.users["staff"])
    page = text(client.get(f"/app/schools/{world.school.slug}/cases/{follow_up.id}?lang=en"))
    assert "Overdue since Tue 6 Oct, 10:00: 3 school days; 26 Sept–4 Oct closed" in page
    nb = text(client.get(f"/app/schools/{world.school.slug}/cases/{follow_up.id}?lang=nb"))
    assert "Fristen gikk ut tir. 6. okt., 10:00: 3 skoledager; stengt 26. sep.–4. okt." in nb


def test_the_school_s_own_days_count_only_at_that_school(client, world, db, follow_up, app, school_year):
    monday, tuesday = date(2026, 10, 5), date(2026, 10, 6)
    school_year.periods.extend(
        [
            ClosedPeriod(kind=ClosedKind.PLANNING_DAY, school_id=world.school.id, first_day=monday, last_day=monday),
            ClosedPeriod(
                kind=ClosedKind.PLANNING_DAY, school_id=world.other_school.id, first_day=tuesday, last_day=tuesday
            ),
        ]
    )
    db.session.commit()
    with app.test_request_context():
        due = step_due_times(follow_up.runs[0])["meeting"]
    assert due.at.date() == date(2026, 10, 7)
    assert due.closed == ((date(2026, 9, 26), date(2026, 10, 5)),)


def test_overdue_steps_the_case_list_and_the_dashboard_use_the_calendar(client, world, db, follow_up, app):
    with app.test_request_context():
        assert overdue_steps(follow_up.runs[0], now=datetime(2026, 10, 6, 9, 0, tzinfo=OSLO)) == []
        found = overdue_steps(follow_up.runs[0], now=datetime(2026, 10, 6, 10, 1, tzinfo=OSLO))
    assert [(item.key, due) for item, due in found] == [("meeting", datetime(2026, 10, 6, 10, 0, tzinfo=OSLO))]
    login_as(client, world.users["staff"])
    listing = client.get(f"/app/schools/{world.school.slug}/cases/?lang=en").get_data(as_text=True)
    assert "1 step overdue" in listing
    dashboard = text(client.get("/app/?lang=en"))
    assert "1 overdue step on your cases" in dashboard and "due 6 Oct 2026, 10:00" in dashboard


def test_the_preview_counts_on_the_school_s_calendar(client, world, db, follow_up):
    login_as(client, world.users["school_admin"])
    page = client.get(f"/app/schools/{world.school.slug}/forms/{world.form_id}/preview?lang=en")
    assert page.status_code == 200
    assert "3 school days" in page.get_data(as_text=True)


def test_the_case_page_takes_the_same_queries_however_many_closed_days(
    client, world, db, follow_up, query_counter, school_year
):
    login_as(client, world.users["staff"])
    url = f"/app/schools/{world.school.slug}/cases/{follow_up.id}"
    client.get(url)
    with query_counter() as few:
        client.get(url)
    for day in range(9, 20):
        school_year.periods.append(
            ClosedPeriod(kind=ClosedKind.OTHER, first_day=date(2026, 11, day), last_day=date(2026, 11, day))
        )
    db.session.commit()
    with query_counter() as many:
        client.get(url)
    assert many.count == few.count
