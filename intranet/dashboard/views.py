from datetime import date, timedelta

from flask import Blueprint, g
from flask_babel import get_locale
from flask_login import current_user

from ..auth.access import recent_appointments
from ..auth.models import Role
from ..calendar.activities import activities
from ..contacts.models import ContactPerson, ContactRole
from ..contacts.overview import completeness
from ..contacts.roles import school_catalogues
from ..db import OSLO, utcnow
from ..extensions import db
from ..loading import SIGNED_IN, requires
from ..plans.operations import latest_revisions
from ..plans.translations import school_reader_sections
from ..policy import can, memberships
from ..reminders.dashboard import dashboard_reminders, plans_past_review
from ..rendering import render
from ..schools.models import Organisation, School
from ..schoolyear.forms import period_name
from ..schoolyear.shown import closed_periods

bp = Blueprint("dashboard", __name__, template_folder="templates", url_prefix="/app")


def upcoming(user, schools) -> dict:
    """Per school: this month's and next month's activities, and whether they are the user's own.

    Staff who are contact persons at the school (same email) see the ones their roles hold; a fixed
    number of queries however many schools the user belongs to.
    """
    revisions = latest_revisions([school.id for school in schools])
    held: dict[int, set[str]] = {}
    for school_id, role_key in db.session.execute(
        db.select(ContactPerson.school_id, ContactRole.role_key)
        .join(ContactRole)
        .where(ContactPerson.email == user.email, ContactPerson.school_id.in_([s.id for s in schools]))
    ):
        held.setdefault(school_id, set()).add(role_key)
    today = utcnow().astimezone(OSLO).date()
    months = (today.month, today.month % 12 + 1)
    result = {}
    for school in schools:
        revision = revisions.get(school.id)
        sections = school_reader_sections(revision.sections if revision else [], school)
        found = [a for a in activities(sections, public_only=False) if a.month in months]
        own = [] if can("plan.manage", school) else [a for a in found if held.get(school.id, set()) & set(a.roles)]
        result[school.id] = (own, True) if own else (found, False)
    return result


def closed_soon(schools) -> dict:
    """Per school: the breaks and days without school this month and next (one query for all schools)."""
    today = utcnow().astimezone(OSLO).date()
    after_next = date(today.year + (today.month >= 11), (today.month + 1) % 12 + 1, 1)
    return closed_periods(schools, today, after_next - timedelta(days=1)) if schools else {}


@bp.route("/")
@requires(SIGNED_IN)
def index():
    own = memberships(current_user)
    school_ids = [m.school_id for m in own if m.school_id]
    org_ids = [m.organisation_id for m in own if m.role == Role.ORG_ADMIN]
    schools = db.session.scalars(db.select(School).where(School.id.in_(school_ids)).order_by(School.name)).all()
    defaults = {school.default_language for school in schools}
    if len(defaults) == 1:  # a page about no one school speaks the language all of this person's schools do
        g.schools_default_language = defaults.pop()
    organisations = db.session.scalars(
        db.select(Organisation).where(Organisation.id.in_(org_ids)).order_by(Organisation.name)
    ).all()
    roles = {m.school_id: m.role for m in own if m.school_id}
    # What is missing before publishing, for the schools this person administers (usually one).
    missing = {school.id: completeness(school) for school in schools if can("plan.manage", school)}
    coming = upcoming(current_user, schools)
    appointments = recent_appointments([school.id for school in schools if can("school.access", school)])
    return render(
        "dashboard/index.html",
        reminders=dashboard_reminders(current_user, str(get_locale())),
        past_review=plans_past_review(org_ids),
        schools=schools,
        organisations=organisations,
        roles=roles,
        missing=missing,
        upcoming=coming,
        role_catalogues=school_catalogues(schools),
        appointments=appointments,
        closed=closed_soon(schools),
        period_name=period_name,
    )
