"""The record of a closed case as a PDF for the school's archive: checklists, answers, who and when, timeline."""

from flask import render_template
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..auth.models import User
from ..contacts.catalogue import people_by_role
from ..extensions import db
from ..policy import authorize
from ..public.documents import pdf_response
from ..schools.views import school_or_404
from . import operations as ops
from .models import CaseEvent
from .runs import run_view
from .views import _language, _user_ids, bp, case_or_404, title_of


@bp.get("/<int:case_id>/record.pdf")
@login_required
def record(slug, case_id):
    school = school_or_404(slug)
    case = case_or_404(school, case_id)
    authorize("case.export", case)
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
        "cases/record_pdf.html", school=school, case=case, runs=runs, events=events, users=users, title_of=title_of
    )
    return pdf_response(html, f"{school.slug}-case-{case.reference}.pdf")
