from flask import Blueprint, abort, flash, g, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import joinedload

from ..auth import operations as account_ops
from ..auth.models import Invitation, Membership, Role, User
from ..errors import OperationError
from ..extensions import db
from ..forms_support import add_error
from ..loading import requires
from ..policy import authorize
from ..rendering import render
from .forms import InviteForm, RoleForm, SchoolForm
from .models import School
from .operations import create_school

bp = Blueprint("schools", __name__, template_folder="templates", url_prefix="/app/schools")


@bp.route("/")
@requires("org.manage", on="managed_organisation")
def index():
    organisation = g.organisation
    schools = db.session.scalars(
        db.select(School).where(School.organisation_id == organisation.id).order_by(School.name)
    ).all()
    return render("schools/index.html", organisation=organisation, schools=schools)


@bp.route("/new", methods=["GET", "POST"])
@requires("school.create", on="managed_organisation")
def new():
    organisation = g.organisation
    form = SchoolForm()
    if form.validate_on_submit():
        try:
            school = create_school(
                organisation,
                name=form.name.data,
                slug=form.slug.data,
                kind=form.kind.data,
                languages=form.languages.data,
                default_language=form.default_language.data,
                admin_email=form.admin_email.data,
                admin_name=form.admin_name.data or "",
                created_by=current_user,
            )
        except OperationError as error:
            add_error(form, error.field, error.message)
        else:
            flash(
                _(
                    "%(school)s is created. An invitation has been sent to %(email)s.",
                    school=school.name,
                    email=form.admin_email.data,
                ),
                "success",
            )
            return redirect(url_for("schools.people", slug=school.slug))
    return render("schools/new.html", form=form, organisation=organisation, status=400 if form.is_submitted() else 200)


def people_page(school: School, form: InviteForm, status: int = 200, problem: str | None = None):
    """The people page; `problem` is a refused change, shown at the top."""
    members = db.session.execute(
        db.select(Membership, User)
        .join(User, Membership.user_id == User.id)
        .options(joinedload(Membership.granted_by))
        .where(Membership.school_id == school.id)
        .order_by(Membership.role, User.name)
    ).all()
    invitations = db.session.scalars(
        db.select(Invitation)
        .where(Invitation.school_id == school.id, Invitation.accepted_at.is_(None), Invitation.revoked_at.is_(None))
        .order_by(Invitation.created_at.desc())
    ).all()
    return render(
        "schools/people.html",
        school=school,
        members=members,
        invitations=invitations,
        form=form,
        role_form=RoleForm(formdata=None),
        problem=problem,
        status=status,
    )


@bp.route("/<slug>/people")
@requires("school.manage", on="school")
def people(slug):
    school = g.school
    return people_page(school, InviteForm())


@bp.route("/<slug>/invitations", methods=["POST"])
@requires("school.invite", on="school")
def invite(slug):
    school = g.school
    form = InviteForm()
    if form.validate_on_submit():
        if form.role.data == Role.SCHOOL_ADMIN.value:
            authorize("school.appoint_admin", school)
        try:
            account_ops.invite(school, form.email.data, form.name.data or "", Role(form.role.data), current_user)
        except OperationError as error:
            add_error(form, error.field, error.message)
        else:
            flash(_("An invitation has been sent to %(email)s.", email=form.email.data), "success")
            return redirect(url_for("schools.people", slug=school.slug))
    return people_page(school, form, status=400)


@bp.route("/<slug>/invitations/<int:invitation_id>/revoke", methods=["POST"])
@requires("school.invite", on="school")
def revoke_invitation(slug, invitation_id):
    school = g.school
    invitation = db.session.get(Invitation, invitation_id)
    if invitation is None or invitation.school_id != school.id:
        abort(404)
    account_ops.revoke_invitation(invitation)
    flash(_("The invitation to %(email)s is withdrawn.", email=invitation.email), "success")
    return redirect(url_for("schools.people", slug=school.slug))
