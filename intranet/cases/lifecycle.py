"""A case's life: opening it (with a reference never given out before), starting a checklist run,
its members (need to know), closing and reopening. Each function changes the session and flushes; the
request commits once; every change appends an event to the trail. Refusals raise `OperationError`
before anything is written.
"""

from flask_babel import gettext as _
from sqlalchemy import func, select

from ..db import OSLO, upsert, utcnow
from ..errors import OperationError
from ..extensions import db
from .models import CLOSED, OPEN, Case, CaseCounter, CaseMember, ChecklistRun
from .trail import log


class CaseClosed(OperationError):
    def __init__(self):
        super().__init__(_("The case is closed, so nothing in it can be changed."))


def _next_number(school_id: int, year: int) -> int:
    """The school's next case number in `year`, taken from its counter in one atomic statement.

    The counter row is locked by the increment until the opening transaction ends, so two cases
    opened at the same moment get different numbers; it outlives purged cases, so a number is never
    given out again. A school's first case of a year starts the counter after any case already there.
    """
    after_existing = (
        select(func.coalesce(func.max(Case.number), 0) + 1)
        .where(Case.school_id == school_id, Case.year == year)
        .scalar_subquery()
    )
    statement = (
        upsert()(CaseCounter)
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
