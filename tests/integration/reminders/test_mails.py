"""The reminder mails as a real SMTP server receives them: who gets what, when, in which language,
with which links and headers, and never anything about the pupil."""

from intranet.auth.models import User
from intranet.cases import operations as case_ops
from intranet.reminders.models import IMMEDIATELY, Reminder
from intranet.reminders.operations import send_reminders, set_mode

from .conftest import PUPIL, oslo

SETTING_URL = "http://intranet.test/app/account/reminders"


def choose(db, user, mode):
    set_mode(db.session.get(User, user.id), mode)
    db.session.commit()


def test_a_mail_names_the_case_step_time_and_link_in_the_readers_language_and_never_the_pupil(
    app, db, world, school_case, smtp
):
    case_ops.note_field(school_case.runs[0], "call_guardians", f"Mor til {PUPIL} ringt", user=world.teacher)
    db.session.commit()
    for user in (world.users["staff"], world.teacher):
        choose(db, user, IMMEDIATELY)
    outcome = send_reminders(oslo(2026, 11, 30, 6, 30))
    assert outcome.error is None and outcome.mails == 2
    english, nynorsk = smtp.to("staff@example.no"), smtp.to("kari@example.no")
    assert len(english) == len(nynorsk) == 1
    reference = school_case.reference
    # The staff member is on the case: the follow-up (no role) is due within a day. The call is the
    # contact teacher's: Kari holds the role and is on the case, so she alone gets it, and the follow-up.
    mail = english[0]
    text = smtp.body(mail)
    assert mail["Subject"] == f"Due soon: a step in case {reference}"
    assert mail["Content-Language"] == "en" and mail["List-Unsubscribe"] == f"<{SETTING_URL}>"
    assert "“Follow-up talk” is due" in text and "Call the guardians" not in text
    assert f"http://intranet.test/app/schools/{world.school.slug}/cases/{school_case.id}#step-" in text
    assert SETTING_URL in text and "Hello Stina Staff," in text
    mail = nynorsk[0]
    text = smtp.body(mail)
    assert mail["Content-Language"] == "nn" and "Ring føresette" in text and "Oppfølgingssamtale" in text
    assert mail["Subject"] == "2 påminningar"
    for message in smtp.messages:
        raw = message.as_string()
        assert "Ola" not in raw and "Nordmann" not in raw and "10B" not in raw and "Mor til" not in raw


def test_the_same_reminders_are_never_mailed_twice_and_a_done_step_is_not_mailed(app, db, world, school_case, smtp):
    for user in (world.users["staff"], world.teacher):
        choose(db, user, IMMEDIATELY)
    send_reminders(oslo(2026, 11, 30, 6, 30))
    send_reminders(oslo(2026, 11, 30, 6, 35))
    assert len(smtp.messages) == 2
    run = db.session.get(type(school_case), school_case.id).runs[0]
    case_ops.answer_field(run, "call_guardians", True, user=world.teacher)
    db.session.commit()
    send_reminders(oslo(2026, 11, 30, 9, 0))  # the call was made: no "overdue" for it; nothing else is new
    assert len(smtp.messages) == 2


def test_a_daily_digest_at_most_once_a_day_and_steps_due_within_hours_at_once(app, db, world, school_case, smtp):
    send_reminders(oslo(2026, 11, 30, 6, 30))  # before the digest hour (07:00): only the urgent call goes
    assert [m["To"] for m in smtp.messages] == ["kari@example.no"]
    assert "Ring føresette" in smtp.body(smtp.messages[0])
    send_reminders(oslo(2026, 11, 30, 7, 30))  # the digests: the follow-up, due tomorrow
    digests = smtp.messages[1:]
    assert sorted(m["To"] for m in digests) == ["kari@example.no", "staff@example.no"]
    assert all("Oppfølgingssamtale" in smtp.body(m) or "Follow-up talk" in smtp.body(m) for m in digests)
    assert smtp.to("staff@example.no")[0]["Subject"] == "Your daily reminder (1)"
    send_reminders(oslo(2026, 11, 30, 8, 30))  # the call is overdue now: urgent, at once
    assert len(smtp.messages) == 4 and "hadde frist" in smtp.body(smtp.messages[3])
    send_reminders(oslo(2026, 11, 30, 23, 0))
    assert len(smtp.messages) == 4
    send_reminders(oslo(2026, 12, 1, 7, 5))  # the follow-up is overdue (due 06:00): the next day's digests
    assert len(smtp.messages) == 6
    assert len(smtp.to("staff@example.no")) == 2


def test_a_step_still_overdue_a_school_day_later_goes_to_the_administrators(app, db, world, school_case, smtp):
    rector = world.users["school_admin"]
    choose(db, rector, IMMEDIATELY)
    send_reminders(oslo(2026, 12, 1, 7, 30))  # the call was due Monday 08:00, the follow-up Tuesday 06:00
    assert smtp.to("rector@example.no") == []
    send_reminders(oslo(2026, 12, 1, 8, 30))  # one school day after the call's due time
    send_reminders(oslo(2026, 12, 2, 6, 30))  # one school day after the follow-up's
    first, second = smtp.to("rector@example.no")
    assert first["Subject"] == f"Fortsatt over fristen: et trinn i sak {school_case.reference}"
    assert "«Ring foresatte»" in smtp.body(first) and "en skoledag senere" in smtp.body(first)
    assert "«Oppfølgingssamtale»" in smtp.body(second) and "Ring foresatte" not in smtp.body(second)


def test_over_a_weekend_the_administrators_are_told_on_monday(app, db, world, school_case, smtp):
    school_case.opened_at = oslo(2026, 12, 4, 6, 0)  # Friday: the follow-up is due Saturday 06:00
    db.session.commit()
    choose(db, world.users["school_admin"], IMMEDIATELY)
    send_reminders(oslo(2026, 12, 6, 12, 0))  # Sunday: no school day has passed
    assert smtp.to("rector@example.no") == []
    send_reminders(oslo(2026, 12, 7, 6, 30))  # Monday, past the clock time
    assert len(smtp.to("rector@example.no")) == 1


def test_dashboard_only_mails_nothing_and_keeps_the_reminders(app, db, world, school_case, smtp):
    from intranet.reminders.models import DASHBOARD

    for user in (world.users["staff"], world.teacher):
        choose(db, user, DASHBOARD)
    send_reminders(oslo(2026, 11, 30, 8, 30))
    assert smtp.messages == []
    assert db.session.query(Reminder).filter(Reminder.user_id == world.teacher.id).count() == 2


def test_the_school_calendar_decides_one_school_day_later(app, db, world, school_case, school_year, smtp):
    """The school's own planning days (Monday 7 and Tuesday 8 December) are no school days: a step due
    Saturday is told to the administrators on Wednesday, not on Monday."""
    school_case.opened_at = oslo(2026, 12, 4, 6, 0)  # Friday: the follow-up is due Saturday 06:00
    db.session.commit()
    choose(db, world.users["school_admin"], IMMEDIATELY)
    send_reminders(oslo(2026, 12, 7, 6, 30))
    send_reminders(oslo(2026, 12, 8, 12, 0))
    assert smtp.to("rector@example.no") == []
    send_reminders(oslo(2026, 12, 9, 6, 30))
    (mail,) = smtp.to("rector@example.no")
    assert "«Oppfølgingssamtale»" in smtp.body(mail) and "en skoledag senere" in smtp.body(mail)
