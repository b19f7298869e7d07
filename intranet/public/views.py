from flask import Blueprint, abort, g

from ..extensions import db
from ..rendering import render
from ..schools.models import Organisation, School

bp = Blueprint("public", __name__, template_folder="templates")


@bp.route("/")
def front_door():
    organisations = db.session.scalars(db.select(Organisation).order_by(Organisation.name)).all()
    schools = db.session.scalars(db.select(School).order_by(School.name)).all()
    by_org = {org.id: [s for s in schools if s.organisation_id == org.id] for org in organisations}
    return render("public/front_door.html", organisations=organisations, by_org=by_org)


@bp.route("/<slug>/")
def school_page(slug):
    school = db.session.scalar(db.select(School).where(School.slug == slug))
    if school is None:
        abort(404)
    g.school = school
    return render("public/school.html", school=school)
