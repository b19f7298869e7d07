"""The steps of the municipality's cases and how each went, counted in SQL (a fixed number of statements).

A step with a due offset is, on a case:
- *on time*: answered no later than it was due;
- *late*: answered after it was due;
- *overdue*: not answered, due, and the case still open;
- *skipped*: not answered when the case was closed.

The due offsets are read from the checklist versions' JSON in the database itself (SQLite's
`json_each`, PostgreSQL's `json_array_elements`), so nothing is loaded per case. Two differences from
the case page, which counts each case on its school's calendar in Python (`cases/due_times.py`):
school days are counted as 7/5 of a day each (weekends, not breaks and holidays), and a step with a
`show_if` condition counts only once it was answered (whether it applied is an evaluation of the
case's answers that SQL cannot make), so it is never overdue or skipped here.
"""

from datetime import datetime

from sqlalchemy import and_, case, cast, distinct, func, literal, or_, select, text
from sqlalchemy.types import Integer, String

from ..cases.models import OPEN, Answer, Case, ChecklistRun
from ..db import UTCDateTime
from ..extensions import db
from ..formsadmin.models import FormDocument, FormVersion
from ..schools.models import School

DAY = 86_400
SECONDS = {"hours": 3_600, "days": DAY, "school_days": DAY * 7 // 5}  # as written out in the SQL below


_OFFSETS = {
    "sqlite": """
        SELECT fv.id AS version_id, json_extract(f.value, '$.key') AS field_key,
               json_extract(f.value, '$.due.amount')
               * (CASE json_extract(f.value, '$.due.unit')
                  WHEN 'hours' THEN 3600 WHEN 'days' THEN 86400 WHEN 'school_days' THEN 120960 ELSE 0 END) AS seconds,
               json_type(f.value, '$.show_if') IS NOT NULL AND json_type(f.value, '$.show_if') != 'null'
               AS conditional
        FROM form_version fv JOIN form_document fd ON fd.id = fv.form_id, json_each(fv.definition, '$.fields') f
        WHERE fd.organisation_id = :organisation_id AND json_type(f.value, '$.due') = 'object'""",
    "postgresql": """
        SELECT fv.id AS version_id, f ->> 'key' AS field_key,
               CAST(f -> 'due' ->> 'amount' AS INTEGER)
               * (CASE f -> 'due' ->> 'unit'
                  WHEN 'hours' THEN 3600 WHEN 'days' THEN 86400 WHEN 'school_days' THEN 120960 ELSE 0 END) AS seconds,
               CASE WHEN COALESCE(json_typeof(f -> 'show_if'), 'null') != 'null' THEN 1 ELSE 0 END AS conditional
        FROM form_version fv JOIN form_document fd ON fd.id = fv.form_id
             CROSS JOIN LATERAL json_array_elements(fv.definition -> 'fields') f
        WHERE fd.organisation_id = :organisation_id AND json_typeof(f -> 'due') = 'object'""",
}


def _dialect() -> str:
    return db.session.get_bind().dialect.name


def elapsed_seconds(later, earlier):
    """Seconds from `earlier` to `later` (both stored as UTC), as SQL on either database."""
    if _dialect() == "sqlite":
        return (func.julianday(later) - func.julianday(earlier)) * DAY
    return func.extract("epoch", later - earlier)


def step_offsets(organisation_id: int):
    """(version_id, field_key, seconds, conditional) for every step with a due offset in the checklists of
    the organisation and its schools: a common table expression."""
    columns = (
        text(_OFFSETS[_dialect()])
        .bindparams(organisation_id=organisation_id)
        .columns(version_id=Integer, field_key=String, seconds=Integer, conditional=Integer)
    )
    # Materialised: each checklist version's JSON is read once, not once per case that runs it.
    return columns.cte("step_offset").prefix_with("MATERIALIZED")


def _outcomes(steps, now: datetime):
    """on_time, late, overdue, skipped and the number of cases, over the grouped step rows."""
    due_passed = elapsed_seconds(literal(now, UTCDateTime), Case.opened_at) > steps.c.seconds
    answered = and_(Answer.id.is_not(None), Answer.value.is_not(None), cast(Answer.value, String) != "null")
    in_time = elapsed_seconds(Answer.answered_at, Case.opened_at) <= steps.c.seconds
    unconditional = or_(steps.c.conditional.is_(None), steps.c.conditional == 0)

    def count(condition):
        return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)

    return (
        count(and_(answered, in_time)).label("on_time"),
        count(and_(answered, ~in_time)).label("late"),
        count(and_(~answered, unconditional, Case.status == OPEN, due_passed)).label("overdue"),
        count(and_(~answered, unconditional, Case.status != OPEN)).label("skipped"),
        func.count(distinct(Case.id)).label("cases"),
    )


def step_outcomes(organisation_id: int, now: datetime, by, *, school_id: int | None = None, open_only=False):
    """One statement: the outcomes of every due step of the cases at the organisation's schools (or at
    `school_id`), grouped by the columns `by(steps)` gives (it may use the steps' `field_key`)."""
    steps = step_offsets(organisation_id)
    group = by(steps)
    query = (
        select(*group, *_outcomes(steps, now))
        .select_from(Case)
        .join(School, School.id == Case.school_id)
        .join(ChecklistRun, ChecklistRun.case_id == Case.id)
        .join(steps, steps.c.version_id == ChecklistRun.form_version_id)
        .join(FormVersion, FormVersion.id == ChecklistRun.form_version_id)
        .join(FormDocument, FormDocument.id == FormVersion.form_id)
        .outerjoin(Answer, and_(Answer.run_id == ChecklistRun.id, Answer.field_key == steps.c.field_key))
        .where(School.organisation_id == organisation_id)
        .group_by(*group)
    )
    if school_id is not None:
        query = query.where(Case.school_id == school_id)
    if open_only:
        query = query.where(Case.status == OPEN)
    return db.session.execute(query).all()
