"""The case list: my cases first, then (for the school's admins) everyone else's, with overdue counts."""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..policy import can
from .models import Case, CaseMember, ChecklistRun
from .operations import definition_of
from .runs import overdue_steps


@dataclass
class OverdueRun:
    run: ChecklistRun
    definition: object


@dataclass
class OverdueStep:
    field: object
    due: object


@dataclass
class CaseRow:
    case: Case
    titles: list[dict]
    overdue: int


def case_list(school, user, *, status: str, form_id: int | None = None) -> tuple[list[CaseRow], list[CaseRow]]:
    """(my cases, the others I may see), newest first; a fixed number of queries however many cases."""
    query = (
        select(Case)
        .where(Case.school_id == school.id, Case.status == status)
        .order_by(Case.opened_at.desc())
        .options(
            selectinload(Case.members),
            selectinload(Case.runs).selectinload(ChecklistRun.answers),
            selectinload(Case.runs).selectinload(ChecklistRun.form_version),
        )
    )
    if not can("case.settings", school, user=user):  # not an admin: only the cases the user is on
        query = query.where(Case.id.in_(select(CaseMember.case_id).where(CaseMember.user_id == user.id)))
    mine, others = [], []
    for case in db.session.scalars(query):
        runs = case.runs
        if form_id is not None and not any(run.form_version.form_id == form_id for run in runs):
            continue
        overdue = sum(len(overdue_steps(run)) for run in runs) if case.is_open else 0
        row = CaseRow(case, [run.form_version.definition.get("title", {}) for run in runs], overdue)
        (mine if any(m.user_id == user.id for m in case.members) else others).append(row)
    return mine, others


def my_overdue_steps(user) -> list[tuple]:
    """(case, run view, step) for every overdue step on the open cases the user is a member of."""
    query = (
        select(Case)
        .where(Case.status == "open", Case.id.in_(select(CaseMember.case_id).where(CaseMember.user_id == user.id)))
        .options(
            selectinload(Case.school),
            selectinload(Case.runs).selectinload(ChecklistRun.answers),
            selectinload(Case.runs).selectinload(ChecklistRun.form_version),
        )
    )
    found = []
    for case in db.session.scalars(query):
        for run in case.runs:
            steps = overdue_steps(run)
            if steps:
                view = OverdueRun(run, definition_of(run))
                found += [(case, view, OverdueStep(item, due)) for item, due in steps]
    return found
