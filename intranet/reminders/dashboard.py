"""What the dashboard shows of reminders: the signed-in person's reminders (the same the mails carry),
and for a municipality the plans past their review date."""

from dataclasses import dataclass
from datetime import date, datetime

from flask import url_for
from sqlalchemy import select

from ..cases.operations import definition_of
from ..db import OSLO, utcnow
from ..extensions import db
from ..i18n import content_in_page
from ..plans.models import Plan
from ..schools.models import School
from .finding import reminders_of
from .models import ESCALATED, OVERDUE, REVIEW


@dataclass(frozen=True)
class Shown:
    kind: str
    due_at: datetime
    url: str
    reference: str | None  # the case's; None for a plan's review
    step: str | None  # Markup: a label in another language than the page's says which
    school: School
    late: bool = False  # a review past its date


def dashboard_reminders(user, language: str) -> list[Shown]:
    """The person's reminders, the most pressing first (overdue before due soon, then by due time)."""
    now = utcnow()
    found, cases = reminders_of(user, now)
    shown = {}
    for reminder in found:
        if reminder.kind == REVIEW:
            school = db.session.get(School, reminder.school_id)  # the dashboard has loaded it
            url = url_for("plans.overview", slug=school.slug) + "#review-heading"
            shown[reminder.key] = Shown(REVIEW, reminder.due_at, url, None, None, school, reminder.due_at < now)
            continue
        case = cases[reminder.case_id]
        run = next(run for run in case.runs if run.id == reminder.run_id)
        definition = definition_of(run)
        # the step's label, marked with its language when the page's has none (WCAG 3.1.2)
        step = content_in_page(definition.field(reminder.field_key).label, language, definition.default_language)
        url = url_for("cases.show", slug=case.school.slug, case_id=case.id) + f"#step-{run.id}-{reminder.field_key}"
        key = f"{run.id}:{reminder.field_key}"  # an escalated step is shown once, as still overdue
        if key not in shown or reminder.kind == ESCALATED:
            shown[key] = Shown(reminder.kind, reminder.due_at, url, case.reference, step, case.school)
    pressing = {ESCALATED: 0, OVERDUE: 0}
    return sorted(shown.values(), key=lambda s: (pressing.get(s.kind, 1), s.due_at))


def plans_past_review(organisation_ids: list[int], today: date | None = None) -> dict[int, list[tuple]]:
    """Organisation id → (school, review date) of its schools' plans past their review date; one query."""
    if not organisation_ids:
        return {}
    today = today or utcnow().astimezone(OSLO).date()
    rows = db.session.execute(
        select(School, Plan.review_by)
        .join(Plan, Plan.school_id == School.id)
        .where(School.organisation_id.in_(organisation_ids), Plan.review_by < today)
        .order_by(Plan.review_by, School.name)
    )
    past: dict[int, list[tuple]] = {}
    for school, review_by in rows:
        past.setdefault(school.organisation_id, []).append((school, review_by))
    return past
