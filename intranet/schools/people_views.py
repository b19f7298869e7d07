"""People at a school: roles changed, people removed, who can read the cases and why; accounts (de)activated."""

from flask import abort, flash, g, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from ..auth import access, people
from ..auth.models import Membership, Role, User
from ..cases.models import Case, CaseMember
from ..errors import OperationError
from ..extensions import db
from ..loading import requires
from ..policy import authorize
from ..rendering import render
from .forms import ROLE_LABELS, InviteForm, RoleForm
from .models import School
from .views import bp, people_page


def _membership_or_404(school: School, membership_id: int) -> Membership:
    membership = db.session.get(Membership, membership_id)
    if membership is None or membership.school_id != school.id:
        abort(404)
    return membership


@bp.route("/<slug>/people/<int:membership_id>/role", methods=["POST"])
@requires("school.manage_people", on="school")
def change_role(slug, membership_id):
    school = g.school
    membership = _membership_or_404(school, membership_id)
    form = RoleForm()
    if not form.validate():
        return people_page(school, InviteForm(formdata=None), status=422, problem=_("Choose a role."))
    role = Role(form.role.data)
    if role == Role.SCHOOL_ADMIN:
        authorize("school.appoint_admin", school)
    try:
        people.change_role(membership, role, actor=current_user)
    except OperationError as error:
        return people_page(school, InviteForm(formdata=None), status=409, problem=error.message)
    flash(_("%(name)s is now %(role)s.", name=membership.user.name, role=role_text(role)), "success")
    return redirect(url_for("schools.people", slug=school.slug), code=303)


def role_text(role: Role) -> str:
    return str(ROLE_LABELS[role]).lower()


@bp.route("/<slug>/people/<int:membership_id>/remove", methods=["POST"])
@requires("school.manage_people", on="school")
def remove_person(slug, membership_id):
    school = g.school
    membership = _membership_or_404(school, membership_id)
    name = membership.user.name
    try:
        people.remove(membership, actor=current_user)
    except OperationError as error:
        return people_page(school, InviteForm(formdata=None), status=409, problem=error.message)
    flash(_("%(name)s no longer has access to %(school)s.", name=name, school=school.name), "success")
    return redirect(url_for("schools.people", slug=school.slug), code=303)


@bp.route("/<slug>/access")
@requires("school.access", on="school")
def access_overview(slug):
    """Everyone who can read the school's cases, and why: administrators and each case's members."""
    school = g.school
    admins = db.session.scalars(
        select(Membership)
        .where(Membership.school_id == school.id, Membership.role == Role.SCHOOL_ADMIN)
        .options(joinedload(Membership.user), joinedload(Membership.granted_by))
    ).all()
    case_members = db.session.scalars(
        select(CaseMember)
        .join(Case)
        .where(Case.school_id == school.id)
        .order_by(Case.year.desc(), Case.number.desc(), CaseMember.added_at)
        .options(joinedload(CaseMember.case), joinedload(CaseMember.user), joinedload(CaseMember.added_by))
    ).all()
    return render(
        "schools/access.html",
        school=school,
        admins=sorted(admins, key=lambda m: m.user.name),
        case_members=case_members,
        log=access.school_log(school),
    )


@bp.route("/accounts")
@requires("org.manage", on="managed_organisation")
def accounts():
    """The municipality's people: every account with a role at the municipality or one of its schools."""
    organisation = g.organisation
    school_ids = select(School.id).where(School.organisation_id == organisation.id)
    users = (
        db.session.scalars(
            select(User)
            .join(Membership, Membership.user_id == User.id)
            .where((Membership.organisation_id == organisation.id) | Membership.school_id.in_(school_ids))
            .order_by(User.name)
            .options(selectinload(User.memberships).joinedload(Membership.school))
        )
        .unique()
        .all()
    )
    return render("schools/accounts.html", organisation=organisation, users=users)


@bp.route("/accounts/<int:user_id>/active", methods=["POST"])
@requires("org.manage", on="managed_organisation")
def set_active(user_id):
    organisation = g.organisation
    person = db.session.get(User, user_id)
    if person is None:
        abort(404)
    authorize("account.deactivate", person)
    active = request.form.get("active") == "1"
    try:
        people.set_active(person, active, actor=current_user, organisation_id=organisation.id)
    except OperationError as error:
        flash(error.message, "error")
    else:
        if active:
            flash(_("%(name)s can sign in again.", name=person.name), "success")
        else:
            flash(
                _("%(name)s can no longer sign in. Every session of the account has ended.", name=person.name),
                "success",
            )
    return redirect(url_for("schools.accounts", org=organisation.id), code=303)
