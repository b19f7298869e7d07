"""Mailing the reminders written down, each once.

A batch of people is taken in three steps, each committed before the next: (1) the day's digest of
those who read one is taken (a unique row per person and day: two processes cannot both take it);
(2) their rows waiting for a mail are claimed with this run's token in one UPDATE that only takes free
rows (on PostgreSQL a second process waits for the first's row locks and then finds them taken; SQLite
has one writer); (3) each person's mail is sent and their rows are marked sent at once. When the mail
server fails, the rows not yet sent are released and the digests not sent given back, so the next run
sends them, and only them.
"""

import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import and_, delete, or_, select, update
from sqlalchemy.orm import selectinload

from ..cases.models import ChecklistRun
from ..db import OSLO
from ..extensions import db
from ..mail import connection
from .ledger import modes_of, upsert
from .messages import reminder_mail
from .models import DAILY, DASHBOARD, IMMEDIATELY, PENDING, SENT, Reminder, ReminderDigest


@dataclass
class Outcome:
    found: int = 0  # reminders found (new or already written down)
    mails: int = 0
    reminders: int = 0
    error: str | None = None
    batches: list = field(default_factory=list)  # (people, mails) per batch


def _free(now: datetime):
    stale = now - timedelta(minutes=current_app.config["REMINDER_CLAIM_MINUTES"])
    return or_(Reminder.claim.is_(None), Reminder.claimed_at < stale)


def _digest_time(now: datetime) -> bool:
    return now.astimezone(OSLO).hour >= current_app.config["REMINDER_DIGEST_HOUR"]


def _waiting_people(now: datetime, after: int, limit: int) -> list[int]:
    """The next people (by id) with rows waiting for a mail that nobody has claimed."""
    query = (
        select(Reminder.user_id)
        .where(Reminder.state == PENDING, _free(now), Reminder.user_id > after)
        .group_by(Reminder.user_id)
        .order_by(Reminder.user_id)
        .limit(limit)
    )
    return list(db.session.scalars(query))


def _take_digests(user_ids: list[int], now: datetime) -> set[int]:
    """Take today's digest of each of these people with anything to digest (not only urgent steps, which
    go at once anyway) that nobody has taken yet: the ones this run got."""
    if not user_ids or not _digest_time(now):
        return set()
    waiting = select(Reminder.user_id).where(
        Reminder.user_id.in_(user_ids), Reminder.state == PENDING, Reminder.urgent.is_(False), _free(now)
    )
    user_ids = sorted(set(db.session.scalars(waiting)))
    if not user_ids:
        return set()
    day = now.astimezone(OSLO).date()
    statement = (
        upsert()(ReminderDigest)
        .values([{"user_id": user_id, "day": day, "taken_at": now} for user_id in user_ids])
        .on_conflict_do_nothing(index_elements=[ReminderDigest.user_id, ReminderDigest.day])
        .returning(ReminderDigest.user_id)
    )
    return set(db.session.scalars(statement))


def _claim(token: str, people: list[int], modes: dict, digests: set[int], now: datetime) -> None:
    """Claim, for this run, the free waiting rows that go now: everything of people who want reminders
    at once or whose digest this run took, and urgent steps of everyone but dashboard-only readers."""
    at_once = [u for u in people if modes[u] == IMMEDIATELY] + sorted(digests)
    not_dashboard = [u for u in people if modes[u] != DASHBOARD]
    goes = or_(Reminder.user_id.in_(at_once), and_(Reminder.urgent.is_(True), Reminder.user_id.in_(not_dashboard)))
    db.session.execute(
        update(Reminder)
        .where(Reminder.user_id.in_(people), Reminder.state == PENDING, _free(now), goes)
        .values(claim=token, claimed_at=now)
    )


def _claimed(token: str) -> dict[int, list[Reminder]]:
    rows = db.session.scalars(
        select(Reminder)
        .where(Reminder.claim == token, Reminder.state == PENDING)
        .options(
            selectinload(Reminder.user),
            selectinload(Reminder.school),
            selectinload(Reminder.run).selectinload(ChecklistRun.case),
            selectinload(Reminder.run).selectinload(ChecklistRun.form_version),
        )
        .order_by(Reminder.user_id, Reminder.id)
    )
    by_person: dict[int, list[Reminder]] = {}
    for row in rows:
        by_person.setdefault(row.user_id, []).append(row)
    return by_person


def _release(token: str, digests: set[int], now: datetime) -> None:
    """Give back what this run claimed and did not send, and today's digests it did not send."""
    db.session.rollback()
    db.session.execute(
        update(Reminder).where(Reminder.claim == token, Reminder.state == PENDING).values(claim=None, claimed_at=None)
    )
    if digests:
        day = now.astimezone(OSLO).date()
        db.session.execute(
            delete(ReminderDigest).where(ReminderDigest.user_id.in_(sorted(digests)), ReminderDigest.day == day)
        )
    db.session.commit()


def send_batch(now: datetime, people: list[int], outcome: Outcome) -> bool:
    """Mail one batch of people; False when the mail server failed (what was not sent is released)."""
    token = secrets.token_hex(16)
    modes = modes_of(people)
    digests = _take_digests([u for u in people if modes[u] == DAILY], now)
    db.session.commit()
    _claim(token, people, modes, digests, now)
    db.session.commit()
    unsent = set(digests)
    mails = 0
    try:
        # Every mail is made before the first leaves: a commit expires the rows they are made from.
        made = [
            (user_id, len(rows), reminder_mail(rows[0].user, rows, digest=user_id in digests, mode=modes[user_id]))
            for user_id, rows in _claimed(token).items()
        ]
        with connection() as send:
            for user_id, count, message in made:
                send(message)
                db.session.execute(
                    update(Reminder)
                    .where(Reminder.claim == token, Reminder.user_id == user_id)
                    .values(state=SENT, sent_at=now, claim=None)
                )
                db.session.commit()
                unsent.discard(user_id)
                mails += 1
                outcome.reminders += count
    except Exception as error:  # noqa: BLE001 - any failure of the mail server or the connection to it
        _release(token, unsent, now)
        outcome.error = f"{type(error).__name__}: {error}"
        return False
    finally:
        outcome.mails += mails
        outcome.batches.append((len(people), mails))
    db.session.commit()
    return True


def send_waiting(now: datetime, outcome: Outcome) -> Outcome:
    """Mail everyone with reminders that go now, a batch of people at a time, until done or the mail
    server fails."""
    after = 0
    limit = current_app.config["REMINDER_BATCH"]
    while people := _waiting_people(now, after, limit):
        if not send_batch(now, people, outcome):
            break
        after = people[-1]
    return outcome
