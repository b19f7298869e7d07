"""Each reminder is mailed once and only once: again and again, when the mail server fails halfway,
and when two processes send at the same moment."""

import threading
from collections import Counter
from datetime import timedelta

from intranet.auth.models import Role, User
from intranet.cases import operations as case_ops
from intranet.db import utcnow
from intranet.reminders.models import DASHBOARD, IMMEDIATELY, SENT, Reminder
from intranet.reminders.operations import send_reminders, set_mode

from .conftest import oslo

NOW = oslo(2026, 11, 30, 6, 30)  # the call (due 08:00) and the follow-up (due tomorrow) are due soon


def colleagues_on_the_case(db, world, case, create_user, count: int) -> list[str]:
    """`count` more staff on the case, each wanting reminders at once; everyone's address."""
    staff = db.session.get(User, world.users["staff"].id)
    for number in range(count):
        person = create_user(Role.STAFF, school=world.school, email=f"kollega{number:02d}@example.no")
        case_ops.add_member(db.session.get(type(case), case.id), db.session.get(User, person.id), user=staff)
    db.session.commit()
    addresses = []
    for member in db.session.get(type(case), case.id).members:
        person = db.session.get(User, member.user_id)
        set_mode(person, IMMEDIATELY)
        addresses.append(person.email)
    db.session.commit()
    return sorted(addresses)


def test_when_the_mail_server_fails_halfway_the_rest_goes_next_time_exactly_once(
    app, db, world, school_case, smtp, create_user
):
    addresses = colleagues_on_the_case(db, world, school_case, create_user, 6)
    smtp.refuse_after = 3
    failed = send_reminders(NOW)
    assert failed.error and "451" in failed.error and failed.mails == 3
    assert len(smtp.messages) == 3
    smtp.refuse_after = None
    again = send_reminders(NOW + timedelta(minutes=5))
    assert again.error is None and again.mails == len(addresses) - 3
    send_reminders(NOW + timedelta(minutes=10))
    assert sorted(m["To"] for m in smtp.messages) == addresses, "everyone once, nobody twice"
    db.session.expire_all()
    rows = db.session.scalars(db.select(Reminder)).all()
    assert rows and all(row.state == SENT and row.claim is None for row in rows)


def test_two_processes_sending_at_the_same_moment_mail_each_reminder_once(
    app, db, world, school_case, smtp, create_user
):
    addresses = colleagues_on_the_case(db, world, school_case, create_user, 12)
    app.config["REMINDER_BATCH"] = 3  # several batches each, so the two runs interleave
    start = threading.Barrier(2)
    outcomes, errors = [], []

    def run():
        with app.app_context():  # a session and connection of its own, as another server's cron has
            try:
                start.wait()
                outcomes.append(send_reminders(NOW))
            except Exception as error:  # noqa: BLE001 - reported below
                errors.append(error)

    threads = [threading.Thread(target=run) for _ in range(2)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
    finally:
        app.config["REMINDER_BATCH"] = 500
    assert errors == []
    assert Counter(m["To"] for m in smtp.messages) == Counter(addresses), "everyone once, nobody twice"
    assert sum(outcome.mails for outcome in outcomes) == len(addresses)
    send_reminders(NOW)
    assert len(smtp.messages) == len(addresses)


def test_the_cron_command_reports_what_it_mailed_and_fails_loudly_when_the_server_does(
    app, db, world, school_case, smtp
):
    school_case.opened_at = utcnow() - timedelta(hours=1)
    db.session.commit()
    set_mode(db.session.get(User, world.teacher.id), IMMEDIATELY)
    set_mode(db.session.get(User, world.users["staff"].id), DASHBOARD)  # whatever the hour: no digest
    db.session.commit()
    smtp.refuse_after = 0
    failed = app.test_cli_runner().invoke(args=["send-reminders"])
    assert failed.exit_code == 1 and "the rest goes at the next run" in failed.output
    smtp.refuse_after = None
    result = app.test_cli_runner().invoke(args=["send-reminders"])
    assert result.exit_code == 0 and "mailed in 1 mail(s)" in result.output
    assert [m["To"] for m in smtp.messages] == ["kari@example.no"]


def test_a_reminder_waiting_for_the_digest_is_not_mailed_once_its_case_is_closed(app, db, world, school_case, smtp):
    from intranet.cases.models import Case

    send_reminders(oslo(2026, 11, 30, 6, 30))  # before the digest hour: the follow-up waits for the digest
    assert [m["To"] for m in smtp.messages] == ["kari@example.no"]  # the urgent call only
    case_ops.close_case(db.session.get(Case, school_case.id), note="Done", user=world.teacher)
    db.session.commit()
    send_reminders(oslo(2026, 11, 30, 7, 30))
    assert len(smtp.messages) == 1


def test_sending_reminders_leaves_the_public_pages_cache_alone(app, db, world, school_case, smtp):
    from sqlalchemy import text

    stamp = lambda: db.session.execute(text("SELECT value FROM public_stamp WHERE id = 1")).scalar()  # noqa: E731
    before = stamp()
    send_reminders(oslo(2026, 11, 30, 7, 30))
    db.session.expire_all()
    assert smtp.messages and stamp() == before
