from flask import Blueprint
from flask_login import current_user, login_required

from ..auth.models import Role
from ..calendar.activities import activities
from ..contacts.models import ContactPerson, ContactRole
from ..contacts.overview import completeness
from ..db import utcnow
from ..extensions import db
from ..plans.operations import latest_revision, school_plan
from ..policy import can, memberships
from ..public.views import OSLO
from ..rendering import render
from ..schools.models import Organisation, School

bp = Blueprint("dashboard", __name__, template_folder="templates", url_prefix="/app")


def upcoming_for(user, school):
    """This month's and next month's activities; staff see the ones their roles hold, if they hold any."""
    plan = school_plan(school)
    revision = latest_revision(plan) if plan else None
    today = utcnow().astimezone(OSLO).date()
    months = (today.month, today.month % 12 + 1)
    found = [a for a in activities(revision.sections if revision else [], public_only=False) if a.month in months]
    if can("plan.manage", school):
        return found, False
    mine = set(
        db.session.scalars(
            db.select(ContactRole.role_key)
            .join(ContactPerson)
            .where(ContactPerson.school_id == school.id, ContactPerson.email == user.email)
        )
    )
    own = [a for a in found if mine & set(a.roles)]
    return (own, True) if own else (found, False)


@bp.route("/")
@login_required
def index():
    own = memberships(current_user)
    school_ids = [m.school_id for m in own if m.school_id]
    org_ids = [m.organisation_id for m in own if m.role == Role.ORG_ADMIN]
    schools = db.session.scalars(db.select(School).where(School.id.in_(school_ids)).order_by(School.name)).all()
    organisations = db.session.scalars(
        db.select(Organisation).where(Organisation.id.in_(org_ids)).order_by(Organisation.name)
    ).all()
    roles = {m.school_id: m.role for m in own if m.school_id}
    # What is missing before publishing, for the schools this person administers (usually one).
    missing = {school.id: completeness(school) for school in schools if can("plan.manage", school)}
    upcoming = {school.id: upcoming_for(current_user, school) for school in schools}
    return render(
        "dashboard/index.html",
        schools=schools,
        organisations=organisations,
        roles=roles,
        missing=missing,
        upcoming=upcoming,
    )
