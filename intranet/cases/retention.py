"""How long a closed case is kept: the cases past their school's retention period, and purging them
(by a CLI command meant for cron)."""

from datetime import timedelta

from sqlalchemy import delete, select

from ..db import utcnow
from ..extensions import db
from ..schools.models import School
from .models import CLOSED, Case, CaseEvent


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
