"""What `flask send-reminders` does, and a person's choice of how to get reminders.

One run: the open cases are read a batch at a time (REMINDER_BATCH, a fixed number of queries each),
their reminders written down once and those no longer needed dropped; the plans' reviews the same way;
then what goes now is mailed (sending.py). Each batch commits on its own, so a run that stops halfway
has lost nothing and the next one goes on from what is written.
"""

from datetime import datetime

from flask import current_app
from sqlalchemy import update

from ..cases.models import Case
from ..db import OSLO, utcnow
from ..extensions import db
from . import ledger
from .finding import People, open_cases_query, review_reminders, step_reminders
from .models import DASHBOARD, DASHBOARD_ONLY, MODES, PENDING, Reminder, ReminderSetting
from .sending import Outcome, send_waiting


def find_case_reminders(now: datetime, outcome: Outcome) -> None:
    """Write down the reminders of every open case, a batch of cases at a time (keyset by id)."""
    ledger.drop_closed()
    db.session.commit()
    after, size = 0, current_app.config["REMINDER_BATCH"]
    while True:
        cases = db.session.scalars(open_cases_query().where(Case.id > after).order_by(Case.id).limit(size)).all()
        if not cases:
            break
        found = step_reminders(cases, People(case.school_id for case in cases), now)
        ledger.record(found, now)
        ledger.drop_stale(found, case_ids=[case.id for case in cases])
        db.session.commit()
        outcome.found += len(found)
        after = cases[-1].id


def find_review_reminders(now: datetime, outcome: Outcome) -> None:
    found = review_reminders(now.astimezone(OSLO).date())
    ledger.record(found, now)
    ledger.drop_stale(found, plans=True)
    db.session.commit()
    outcome.found += len(found)


def send_reminders(now: datetime | None = None) -> Outcome:
    """Find what is due and mail what goes now; see the module's docstring."""
    now = now or utcnow()
    outcome = Outcome()
    find_case_reminders(now, outcome)
    find_review_reminders(now, outcome)
    return send_waiting(now, outcome)


def mode_of(user) -> str:
    return ledger.modes_of([user.id])[user.id]


def set_mode(user, mode: str) -> None:
    """Save how `user` gets reminders. Choosing the dashboard only: nothing waiting is mailed any more."""
    if mode not in MODES:
        raise ValueError(f"unknown reminder mode {mode!r}")  # the form offers only MODES
    setting = db.session.get(ReminderSetting, user.id)
    if setting is None:
        db.session.add(ReminderSetting(user_id=user.id, mode=mode))
    else:
        setting.mode = mode
    if mode == DASHBOARD:
        db.session.execute(
            update(Reminder).where(Reminder.user_id == user.id, Reminder.state == PENDING).values(state=DASHBOARD_ONLY)
        )
    db.session.flush()
