"""Filing closed cases in the school's archive, the school's choice about purging unfiled cases, and
the journal of closed cases the archive imports."""

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..auth import access
from ..cases.models import CLOSED, Case
from ..cases.operations import log
from ..db import utcnow
from ..errors import OperationError
from ..extensions import db


def file_case(case: Case, *, archive_reference: str, user) -> None:
    """Mark a closed case as filed in the archive under `archive_reference`; purge may then delete it.

    Refused for an open case; filing again corrects the reference (both stay in the trail)."""
    if case.is_open:
        raise OperationError(_("Close the case before filing it in the archive."), field="archive_reference")
    if not archive_reference:
        raise OperationError(_("Write the case number the archive gave."), field="archive_reference")
    case.archive_reference = archive_reference
    case.filed_at, case.filed_by_id = utcnow(), user.id
    db.session.flush()
    log(case, user, "filed", archive_reference=archive_reference)


def set_purge_unfiled(school, purge_unfiled: bool, *, user) -> bool:
    """The school's explicit choice to let purge delete expired cases that are not filed; every change
    is kept in the access log its administrators read. Returns whether anything changed."""
    if school.purge_unfiled == purge_unfiled:
        return False
    school.purge_unfiled = purge_unfiled
    access.record_at(school, "purge_unfiled", actor=user, allowed=purge_unfiled)
    db.session.flush()
    return True


def closed_cases(school) -> list[Case]:
    """The school's closed cases, oldest first, with the people the journal names (two queries)."""
    return db.session.scalars(
        select(Case)
        .where(Case.school_id == school.id, Case.status == CLOSED)
        .order_by(Case.closed_at, Case.id)
        .options(selectinload(Case.opened_by), selectinload(Case.closed_by), selectinload(Case.filed_by))
    ).all()
