"""Writing down the reminders found: one row per reminder and person, inserted once (the database's
unique key decides, so two processes finding the same reminder at the same moment write it once), and
rows still waiting to be mailed dropped when what they remind of is done."""

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from ..cases.models import CLOSED, Case
from ..extensions import db
from .finding import Found
from .models import DASHBOARD, DASHBOARD_ONLY, DEFAULT_MODE, DROPPED, PENDING, Reminder, ReminderSetting


def modes_of(user_ids) -> dict[int, str]:
    """User id → their choice (the default for people who never chose); one query."""
    ids = list(set(user_ids))
    query = select(ReminderSetting.user_id, ReminderSetting.mode).where(ReminderSetting.user_id.in_(ids))
    chosen = {user_id: mode for user_id, mode in db.session.execute(query)}
    return {user_id: chosen.get(user_id, DEFAULT_MODE) for user_id in ids}


def upsert():
    return postgresql_insert if db.session.get_bind().dialect.name == "postgresql" else sqlite_insert


def record(found: list[Found], now) -> None:
    """Insert the reminders not yet written (one statement; those already there are left as they are).
    A person who reads reminders only on the dashboard gets rows that are never mailed."""
    if not found:
        return
    modes = modes_of(f.user_id for f in found)
    rows = [
        {
            "key": f.key,
            "user_id": f.user_id,
            "kind": f.kind,
            "school_id": f.school_id,
            "case_id": f.case_id,
            "run_id": f.run_id,
            "field_key": f.field_key,
            "plan_id": f.plan_id,
            "due_at": f.due_at,
            "urgent": f.urgent,
            "state": DASHBOARD_ONLY if modes[f.user_id] == DASHBOARD else PENDING,
            "found_at": now,
        }
        for f in found
    ]
    statement = upsert()(Reminder).on_conflict_do_nothing(index_elements=[Reminder.key, Reminder.user_id])
    db.session.execute(statement, rows)


def drop_stale(found: list[Found], *, case_ids=None, plans: bool = False) -> None:
    """Rows still waiting for their mail that are no longer found (the step was done, the person left
    the case, a new review date was set) will not be mailed: two statements."""
    wanted = {(f.key, f.user_id) for f in found}
    query = select(Reminder.id, Reminder.key, Reminder.user_id).where(Reminder.state == PENDING)
    query = query.where(Reminder.plan_id.is_not(None)) if plans else query.where(Reminder.case_id.in_(case_ids))
    stale = [row.id for row in db.session.execute(query) if (row.key, row.user_id) not in wanted]
    if stale:
        db.session.execute(update(Reminder).where(Reminder.id.in_(stale)).values(state=DROPPED))


def drop_closed() -> None:
    """Rows of closed cases still waiting for their mail are not mailed: one statement."""
    closed = select(Case.id).where(Case.status == CLOSED)
    db.session.execute(
        update(Reminder).where(Reminder.state == PENDING, Reminder.case_id.in_(closed)).values(state=DROPPED)
    )
