"""What happens to a case: opening, answering a field, notes, members, closing, reopening, purging.

Each function changes the session and flushes; the request commits once. Every change appends a
`CaseEvent`. Refusals raise `OperationError` before anything is written.
"""

import threading
from datetime import timedelta

from cachetools import LRUCache, cached
from flask_babel import gettext as _
from sqlalchemy import delete, func, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.attributes import set_committed_value

from forms import Definition, evaluate

from ..db import OSLO, utcnow
from ..errors import OperationError
from ..extensions import db
from ..schools.models import School
from . import audit
from .models import CLOSED, OPEN, Answer, Case, CaseCounter, CaseEvent, CaseMember, ChecklistRun
from .sent import Sent, changed_meanwhile, sent_before


class CaseClosed(OperationError):
    def __init__(self):
        super().__init__(_("The case is closed, so nothing in it can be changed."))


class AnswerConflict(OperationError):
    """A colleague changed the answer after the version the page last saw: `answer` is theirs, `value` ours."""

    def __init__(self, answer: Answer, value):
        super().__init__(_("A colleague answered this step meanwhile."))
        self.answer, self.value = answer, value


class _Replayed(Exception):
    """The event with this key is there already: the request was sent before."""


def log(case: Case, user, kind: str, *, sent: Sent | None = None, **data) -> CaseEvent:
    event = CaseEvent(case_id=case.id, user_id=user.id if user else None, kind=kind, data=data)
    if sent is not None:
        event.client_key, event.given_at = sent.key, sent.given_at
    if event.client_key:
        # Written at once, in a savepoint: a request with the same key at the same moment waits on the
        # unique index and fails here, and then changes nothing (see `_once`).
        try:
            with db.session.begin_nested():
                db.session.add(event)
        except IntegrityError as error:
            raise _Replayed() from error
    else:
        db.session.add(event)
    audit.logged(case.id, event.user_id)
    return event


def definition_of(run: ChecklistRun) -> Definition:
    """The run's pinned definition. A published version never changes, so it is read (and validated)
    once per version and process, not on every tick."""
    return _parsed(run.form_version)


# The key holds the publishing time as well as the id, which a database may give again after a
# version is deleted. Bounded: some hundreds of versions are in use at a time.
@cached(LRUCache(maxsize=512), key=lambda version: (version.id, version.published_at), lock=threading.Lock())
def _parsed(version) -> Definition:
    return Definition.from_json(version.definition)


def _next_number(school_id: int, year: int) -> int:
    """The school's next case number in `year`, taken from its counter in one atomic statement.

    The counter row is locked by the increment until the opening transaction ends, so two cases
    opened at the same moment get different numbers; it outlives purged cases, so a number is never
    given out again. A school's first case of a year starts the counter after any case already there.
    """
    upsert = postgresql_insert if db.session.get_bind().dialect.name == "postgresql" else sqlite_insert
    after_existing = (
        select(func.coalesce(func.max(Case.number), 0) + 1)
        .where(Case.school_id == school_id, Case.year == year)
        .scalar_subquery()
    )
    statement = (
        upsert(CaseCounter)
        .values(school_id=school_id, year=year, last_number=after_existing)
        .on_conflict_do_update(
            index_elements=[CaseCounter.school_id, CaseCounter.year],
            set_={"last_number": CaseCounter.last_number + 1},
        )
        .returning(CaseCounter.last_number)
    )
    return db.session.execute(statement).scalar_one()


def open_case(school, version, *, user, label: str = "", archive_reference: str = "") -> Case:
    """A new case at `school` running the checklist `version`, with the opener as its first member.

    The reference is the year and the school's next number, never one given out before (see
    `_next_number`).
    """
    year = utcnow().astimezone(OSLO).year
    case = Case(
        school_id=school.id,
        year=year,
        number=_next_number(school.id, year),
        label=label,
        archive_reference=archive_reference,
        opened_by_id=user.id,
    )
    db.session.add(case)
    db.session.flush()
    case.members.append(CaseMember(user_id=user.id, added_by_id=user.id))
    log(case, user, "opened", reference=case.reference)
    start_run(case, version, user=user)
    return case


def start_run(case: Case, version, *, user) -> ChecklistRun:
    if not case.is_open:
        raise CaseClosed()
    run = ChecklistRun(case=case, form_version_id=version.id, started_by_id=user.id)
    db.session.add(run)
    db.session.flush()
    log(case, user, "checklist_started", run=run.id, title=version.definition["title"], version=version.number)
    return run


def current_answers(run: ChecklistRun) -> dict:
    return {answer.field_key: answer.value for answer in run.answers if answer.value is not None}


def answer_field(run: ChecklistRun, key: str, value, *, user, sent: Sent | None = None) -> Answer | None:
    """Store `value` (already coerced; None clears) as the answer to field `key`.

    Refused on a closed case, for a field the current answers hide (the page was stale) and when a
    colleague answered after the version the page saw (`sent`, see sent.py). The same value again
    changes nothing and logs nothing (a double submit is harmless); a key sent before neither.
    """
    case = run.case
    if sent_before(case, sent):
        return _answer_row(run, key)
    if not case.is_open:
        raise CaseClosed()
    definition = definition_of(run)
    field = definition.field(key)
    if key in evaluate(definition, current_answers(run)).hidden:
        raise OperationError(
            _(
                "“%(label)s” is not part of the checklist any more: an earlier answer has changed.",
                label=_label(field, definition),
            )
        )
    answer = _answer_row(run, key)
    if (answer.value if answer is not None else None) == value:
        return answer  # nothing changes: a double submit, or clearing what was never answered
    if changed_meanwhile(answer, sent, user):
        raise AnswerConflict(answer, value)
    given = {"value": value, "answered_by_id": user.id, "answered_at": utcnow()}
    label = _label(field, definition)
    return _once(
        run,
        key,
        lambda: log(case, user, "answered", sent=sent, run=run.id, field=key, label=label, value=value),
        lambda: _save_answer(run, key, answer, given),
    )


def _once(run: ChecklistRun, key: str, logged, saved) -> Answer | None:
    """The event first, then the answer: when the event's key turns out to be taken (the same request,
    sent twice at once), nothing is changed and the answer is read again as the other request left it."""
    try:
        logged()
    except _Replayed:
        db.session.expire(run, ["answers"])
        return _answer_row(run, key)
    return saved()


def note_field(run: ChecklistRun, key: str, note: str, *, user, sent: Sent | None = None) -> Answer:
    case = run.case
    if sent_before(case, sent):
        return _answer_row(run, key)
    if not case.is_open:
        raise CaseClosed()
    definition = definition_of(run)
    field = definition.field(key)
    answer = _answer_row(run, key)
    if (answer.note if answer is not None else "") == note:
        return answer
    given = {"note": note}
    if answer is None or answer.value is None:
        given |= {"answered_by_id": user.id, "answered_at": utcnow()}
    label = _label(field, definition)
    return _once(
        run,
        key,
        lambda: log(case, user, "noted", sent=sent, run=run.id, field=key, label=label, note=note),
        lambda: _save_answer(run, key, answer, given),
    )


def _label(field, definition: Definition) -> str:
    return definition.text(field.label, definition.default_language)


def _answer_row(run: ChecklistRun, key: str) -> Answer | None:
    """The run's answer row for `key`, from the answers loaded with the run (no query)."""
    return next((answer for answer in run.answers if answer.field_key == key), None)


def _save_answer(run: ChecklistRun, key: str, answer: Answer | None, given: dict) -> Answer:
    """`given` columns written to the run's answer row for `key`: an UPDATE of the loaded row, or one
    INSERT that updates instead if someone else inserted that row at the same moment (no savepoint,
    no reload). The new row joins the run's loaded answers, so the page shows it without a query."""
    if answer is not None:
        for name, value in given.items():
            setattr(answer, name, value)
        db.session.flush()
        db.session.expire(answer, ["answered_by"])  # read again from the session, by id (no query)
        return answer
    upsert = postgresql_insert if db.session.get_bind().dialect.name == "postgresql" else sqlite_insert
    statement = (
        upsert(Answer)
        .values(run_id=run.id, field_key=key, **given)
        .on_conflict_do_update(index_elements=[Answer.run_id, Answer.field_key], set_=given)
        .returning(Answer)
    )
    answer = db.session.scalars(statement, execution_options={"populate_existing": True}).one()
    set_committed_value(run, "answers", [*run.answers, answer])
    return answer


def add_member(case: Case, member, *, user) -> None:
    if not case.is_open:
        raise CaseClosed()
    if any(existing.user_id == member.id for existing in case.members):
        raise OperationError(_("%(name)s is already on the case.", name=member.name), field="user")
    case.members.append(CaseMember(user_id=member.id, added_by_id=user.id))
    db.session.flush()
    log(case, user, "member_added", member=member.name)


def remove_member(case: Case, member, *, user) -> None:
    """Take `member` off the case, open or closed (need to know has ended); the trail keeps the name.

    Refused for someone who is not on it. Removing the last member leaves the case to the admins.
    """
    membership = next((existing for existing in case.members if existing.user_id == member.id), None)
    if membership is None:
        raise OperationError(_("%(name)s is not on the case.", name=member.name), field="user")
    case.members.remove(membership)
    db.session.flush()
    log(case, user, "member_removed", member=member.name)


def close_case(case: Case, *, note: str, user) -> None:
    if not case.is_open:
        raise CaseClosed()
    case.status, case.closed_at, case.closed_by_id, case.closing_note = CLOSED, utcnow(), user.id, note
    db.session.flush()
    log(case, user, "closed", note=note)


def reopen_case(case: Case, *, user) -> None:
    if case.is_open:
        raise OperationError(_("The case is already open."))
    case.status, case.closed_at, case.closed_by_id = OPEN, None, None
    db.session.flush()
    log(case, user, "reopened")


def expired_cases(now=None, *, waiting: bool = False) -> list[Case]:
    """Closed cases older than their school's retention period that are filed in the archive, or all
    of them where the school chose explicitly to purge unfiled cases too (`School.purge_unfiled`).
    `waiting`: instead, the expired cases kept because they are not filed yet."""
    now = now or utcnow()
    expired = []
    for school in db.session.scalars(select(School).order_by(School.id)):  # one indexed query per school
        if waiting and school.purge_unfiled:
            continue
        cutoff = now - timedelta(days=school.case_retention_days)
        statement = select(Case).where(Case.school_id == school.id, Case.status == CLOSED, Case.closed_at <= cutoff)
        if waiting:
            statement = statement.where(Case.filed_at.is_(None))
        elif not school.purge_unfiled:
            statement = statement.where(Case.filed_at.is_not(None))
        expired += db.session.scalars(statement.order_by(Case.closed_at))
    return expired


def purge(cases: list[Case]) -> None:
    """Delete cases with everything in them, events included (the only deletion of events there is)."""
    ids = [case.id for case in cases]
    for start in range(0, len(ids), 500):  # bounded statements, whatever the backlog
        chunk = ids[start : start + 500]
        db.session.execute(delete(CaseEvent).where(CaseEvent.case_id.in_(chunk)))
        db.session.execute(delete(Case).where(Case.id.in_(chunk)))
