from flask import Blueprint
from flask_login import current_user, login_required

from ..auth.models import Role
from ..contacts.overview import completeness
from ..extensions import db
from ..policy import can, memberships
from ..rendering import render
from ..schools.models import Organisation, School

bp = Blueprint("dashboard", __name__, template_folder="templates", url_prefix="/app")


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
    return render("dashboard/index.html", schools=schools, organisations=organisations, roles=roles, missing=missing)
