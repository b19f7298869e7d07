"""A plan's review (dates, the public page, the administrators' reminder, the municipality's list), the
dashboard's reminders (the same the mails carry) and the setting under My account."""

from datetime import date, timedelta

from intranet.auth.models import User
from intranet.db import OSLO, utcnow
from intranet.plans.models import Plan
from intranet.reminders.models import DASHBOARD, IMMEDIATELY, ReminderSetting
from intranet.reminders.operations import send_reminders, set_mode

from .conftest import oslo


def review_url(world):
    return f"/app/schools/{world.school.slug}/plan/review"


def test_the_rector_sets_the_review_dates_and_the_public_page_shows_the_last_review(
    client, world, login, db, published_plan
):
    login(world.users["school_admin"])
    wrong = client.post(
        review_url(world) + "?lang=en", data={"review-reviewed_on": "2026-05-04", "review-review_by": "2026-05-01"}
    )
    page = wrong.get_data(as_text=True)
    assert wrong.status_code == 400 and "The next review must come after the last one." in page
    assert 'value="2026-05-01"' in page, "what was typed is kept"
    saved = client.post(review_url(world), data={"review-reviewed_on": "2026-05-04", "review-review_by": "2027-05-03"})
    assert saved.status_code == 302
    plan = db.session.scalar(db.select(Plan))
    assert (plan.reviewed_on, plan.review_by) == (date(2026, 5, 4), date(2027, 5, 3))
    public = client.get(f"/{world.school.slug}/plan?lang=en").get_data(as_text=True)
    assert "Last reviewed 4 May 2026." in public
    assert "Sist gjennomgått 4. mai 2026." in client.get(f"/{world.school.slug}/plan?lang=nb").get_data(as_text=True)


def test_the_school_administrators_are_reminded_a_month_before_the_review_once(
    app, db, world, published_plan, smtp, create_user
):
    plan = db.session.get(Plan, published_plan.id)
    plan.review_by = date(2027, 5, 3)
    set_mode(db.session.get(User, world.users["school_admin"].id), IMMEDIATELY)
    db.session.commit()
    send_reminders(oslo(2027, 3, 30, 9, 0))  # more than a month before
    assert smtp.messages == []
    send_reminders(oslo(2027, 4, 5, 9, 0))
    send_reminders(oslo(2027, 4, 6, 9, 0))
    (mail,) = smtp.messages
    assert mail["To"] == "rector@example.no" and mail["Subject"] == "Planen til Testvik ungdomsskole skal gjennomgås"
    assert "innen 3. mai 2027" in smtp.body(mail) and f"/app/schools/{world.school.slug}/plan/" in smtp.body(mail)
    plan.review_by = date(2027, 5, 10)  # a new date is a new reminder
    db.session.commit()
    send_reminders(oslo(2027, 4, 12, 9, 0))
    assert len(smtp.messages) == 2


def test_the_municipality_sees_the_plans_past_their_review_date(client, world, login, db, published_plan):
    login(world.users["org_admin"])
    assert "Every plan with a review date is reviewed in time." in client.get("/app/?lang=en").get_data(as_text=True)
    plan = db.session.get(Plan, published_plan.id)
    plan.review_by = utcnow().astimezone(OSLO).date() - timedelta(days=3)
    db.session.commit()
    page = client.get("/app/?lang=en").get_data(as_text=True)
    assert "Plans past their review date" in page and "Testvik ungdomsskole: " in page
    login(world.users["org_admin_other_org"])
    assert "Testvik ungdomsskole: " not in client.get("/app/?lang=en").get_data(as_text=True)


def test_the_dashboard_shows_the_same_reminders_as_the_mails(client, world, login, db, school_case):
    from intranet.cases.models import Case

    case = db.session.get(Case, school_case.id)
    case.opened_at = utcnow() - timedelta(hours=3)  # the call is overdue, the follow-up due within a day
    db.session.commit()
    login(world.teacher)
    page = client.get("/app/?lang=en").get_data(as_text=True)
    assert "1 overdue step on your cases" in page
    assert "Call the guardians" in page and "Follow-up talk" in page and "Ola" not in page
    login(world.users["staff"])  # not the role's holder: the follow-up only
    page = client.get("/app/?lang=en").get_data(as_text=True)
    assert "Follow-up talk" in page and "Call the guardians" not in page


def test_the_setting_is_chosen_under_my_account_and_a_bad_choice_is_answered(client, world, login, db):
    login(world.users["staff"])
    account = client.get("/app/account?lang=en").get_data(as_text=True)
    assert "How do you want reminders?" in account and '<input checked id="reminders-mode-1"' in account
    refused = client.post("/app/account/reminders?lang=en", data={"reminders-mode": "hourly"})
    assert refused.status_code == 400 and "Not a valid choice" in refused.get_data(as_text=True)
    saved = client.post("/app/account/reminders", data={"reminders-mode": DASHBOARD})
    assert saved.status_code == 302 and saved.headers["Location"].endswith("/app/account#reminders-heading")
    assert db.session.get(ReminderSetting, world.users["staff"].id).mode == DASHBOARD
    assert '<input checked id="reminders-mode-2"' in client.get("/app/account/reminders?lang=nn").get_data(as_text=True)
