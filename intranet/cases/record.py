"""The record of a closed case as a PDF for the school's archive: checklists, answers, who and when, timeline.

PDF/A-2a: archival (fonts embedded, XMP metadata with the archive's fields, see archive/metadata.py) and
tagged (level A), so screen readers get its headings and tables too."""

from flask import g, render_template
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..archive.metadata import ACCESS_CODE, with_archive_fields
from ..auth.models import User
from ..contacts.catalogue import people_by_role
from ..extensions import db
from ..loading import requires
from ..public.documents import pdf_response
from . import operations as ops
from .models import CaseEvent
from .runs import run_view
from .views import _language, _user_ids, bp

#: PDF/A-2 level A: accepted for deposit by Norwegian archives (PDF/A-1 and -2), and tagged. PDF/UA
#: is not a PDF/A variant in WeasyPrint (one `pdf_variant` at a time); level A gives the structure tree.
RECORD_VARIANT = "pdf/a-2a"


@bp.get("/<int:case_id>/record.pdf")
@requires("case.export", on="case")
def record(slug, case_id):
    school, case = g.school, g.case
    ops.log(case, current_user, "exported")
    db.session.flush()
    people = people_by_role(school)
    runs = [run_view(run, _language(), people, []) for run in case.runs]
    events = db.session.scalars(
        select(CaseEvent)
        .where(CaseEvent.case_id == case.id)
        .order_by(CaseEvent.id)
        .options(selectinload(CaseEvent.user))
    ).all()
    users = {user.id: user for user in db.session.scalars(select(User).where(User.id.in_(_user_ids(case))))}
    html = render_template(
        "cases/record_pdf.html",
        school=school,
        case=case,
        runs=runs,
        events=events,
        users=users,
        access_code=ACCESS_CODE,
    )
    return pdf_response(
        html, f"{school.slug}-case-{case.reference}.pdf", variant=RECORD_VARIANT, xmp=with_archive_fields(case)
    )
