"""Access requests, answered by a school's administrators: a staff member's data as JSON and PDF, and
one pupil's case found by its archive reference or case reference."""

import json

from flask import Blueprint, abort, g, render_template, request
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from ..archive.downloads import attachment
from ..cases.operations import log
from ..loading import case_of, requires
from ..public.documents import pdf_response
from ..rendering import render
from . import exports
from . import labels as readable

bp = Blueprint("privacy", __name__, template_folder="templates", url_prefix="/app/schools/<slug>/privacy")


def _json(data: dict, filename: str):
    body = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    return attachment(body, "application/json; charset=utf-8", filename)


@bp.get("/")
@requires("privacy.access_requests", on="school")
def index(slug):
    school = g.school
    reference = request.args.get("reference", "").strip()[:80]
    found, error = None, None
    if "reference" in request.args:
        found = exports.find_case(school, reference)
        if found is None:
            error = _("No case at the school has the reference “%(reference)s”.", reference=reference)
    return render(
        "privacy/index.html",
        status=404 if error else 200,
        school=school,
        people=exports.people(school),
        reference=reference,
        found=found,
        error=error,
    )


def _person(school, user_id):
    person = exports.staff_member(school, user_id)
    if person is None:
        abort(404)
    return person


@bp.get("/people/<int:user_id>.json")
@requires("privacy.access_requests", on="school")
def person_json(slug, user_id):
    school = g.school
    person = _person(school, user_id)
    return _json(exports.about_person(school, person, str(get_locale())), f"{school.slug}-person-{person.id}.json")


@bp.get("/people/<int:user_id>.pdf")
@requires("privacy.access_requests", on="school")
def person_pdf(slug, user_id):
    school = g.school
    person = _person(school, user_id)
    data = exports.about_person(school, person, str(get_locale()))
    html = render_template("privacy/person_pdf.html", school=school, person=person, data=data, readable=readable)
    return pdf_response(html, f"{school.slug}-person-{person.id}.pdf")


@bp.get("/cases/<int:case_id>.json")
@requires("privacy.access_requests", on="school")
def case_json(slug, case_id):
    school = g.school
    case = case_of(school, case_id)
    log(case, current_user, "exported", purpose="access_request")
    return _json(exports.about_case(case, str(get_locale())), f"{school.slug}-case-{case.reference}.json")
