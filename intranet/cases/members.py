"""Who is on a case: staff add a colleague at the school; a school administrator takes someone off."""

from flask import abort, flash, g, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ..auth.models import Membership, User
from ..db import db_int
from ..errors import OperationError
from ..extensions import db
from ..forms_support import add_error
from ..loading import requires
from . import operations as ops
from .forms import AddMemberForm
from .views import bp, case_page


@bp.post("/<int:case_id>/members")
@requires("case.view", on="case")
def add_member(slug, case_id):
    school, case = g.school, g.case
    form = AddMemberForm()
    member = db.session.get(User, request.form.get("user", type=db_int) or 0)
    if member is None or not db.session.scalar(
        select(Membership.id).where(Membership.user_id == member.id, Membership.school_id == school.id)
    ):
        add_error(form, "user", _("Choose a colleague at this school."))
        return case_page(school, case, status=422, add_form=form)
    try:
        ops.add_member(case, member, user=current_user)
    except OperationError as error:
        add_error(form, "user", error.message)
        return case_page(school, case, status=409, add_form=form)
    flash(_("%(name)s can now see and work on the case.", name=member.name), "success")
    return redirect(url_for("cases.show", slug=slug, case_id=case.id), code=303)


@bp.post("/<int:case_id>/members/<int:user_id>/remove")
@requires("case.remove_member", on="case")
def remove_member(slug, case_id, user_id):
    school, case = g.school, g.case
    member = db.session.get(User, user_id)
    if member is None:
        abort(404)
    try:
        ops.remove_member(case, member, user=current_user)
    except OperationError as error:
        return case_page(school, case, status=409, member_error=error.message)
    flash(_("%(name)s can no longer see the case.", name=member.name), "success")
    return redirect(url_for("cases.show", slug=slug, case_id=case.id), code=303)
