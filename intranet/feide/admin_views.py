"""The municipality's Feide page: how its people sign in, its schools' organisation numbers, and the
accounts linked to Feide (an administrator removes a link here)."""

from flask import Blueprint, abort, flash, g, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import contains_eager

from ..auth import access
from ..auth.models import Membership, User
from ..auth.views import safe_next
from ..db import db_int
from ..extensions import db
from ..loading import LOADERS, requires
from ..rendering import render
from ..schools.models import School
from . import modes
from .forms import FeideSettingsForm
from .models import FeideLink, SchoolOrgNumber, SignInMode

bp = Blueprint("feide_admin", __name__, template_folder="templates")


def load_linked_person(values: dict) -> User:
    """The account `user_id` names (the policy decides whether it is the reader's to see)."""
    person = db.session.get(User, values["user_id"])
    if person is None:
        abort(404)
    g.person = person
    return person


LOADERS["feide_person"] = load_linked_person


@bp.route("/app/feide", methods=["GET", "POST"])
@requires("feide.manage", on="managed_organisation")
def settings():
    organisation = g.organisation
    setting = modes.setting_for(organisation.id)
    numbers = {row.school_id: row.number for row in db.session.scalars(_numbers_of(organisation.id))}
    form = FeideSettingsForm(
        data={
            "mode": setting.mode.value if setting.mode else SignInMode.PASSWORD.value,
            "auto_staff": setting.auto_staff,
            "schools": [{"school_id": s.id, "number": numbers.get(s.id, "")} for s in organisation.schools],
        }
        if request.method == "GET"
        else None
    )
    schools = {school.id: school for school in organisation.schools}
    for entry in form.schools:  # each number is labelled with its school's name
        school = schools.get(_school_id(entry))
        entry.number.label.text = school.name if school else entry.number.label.text
    if form.validate_on_submit() and _save(form, organisation, setting):
        flash(_("The Feide settings are saved."), "success")
        return redirect(url_for("feide_admin.settings", org=organisation.id))
    return render(
        "feide/settings.html",
        form=form,
        organisation=organisation,
        links=_links_in(organisation.id),
        status=400 if form.is_submitted() else 200,
    )


def _school_id(entry) -> int | None:
    """The school an entry of the form is for (anything else, as a tampered form may send, is none)."""
    try:
        return db_int(entry.school_id.data or "")
    except ValueError:
        return None


def _numbers_of(organisation_id: int):
    return db.select(SchoolOrgNumber).join(School).where(School.organisation_id == organisation_id)


def _save(form: FeideSettingsForm, organisation, setting) -> bool:
    mode = SignInMode(form.mode.data)
    if mode == SignInMode.FEIDE and getattr(current_user, "feide_link", None) is None:
        form.mode.errors.append(_("Sign in with Feide yourself first, or you would lock yourself out."))
        return False
    ours = {school.id for school in organisation.schools}
    entries = [entry for entry in form.schools if _school_id(entry) in ours]
    entered = {_school_id(entry): entry.number.data or "" for entry in entries}
    taken = dict(
        db.session.execute(
            db.select(SchoolOrgNumber.number, SchoolOrgNumber.school_id).where(
                SchoolOrgNumber.number.in_([n for n in entered.values() if n])
            )
        ).all()
    )
    for entry in entries:
        number = entry.number.data
        owner = taken.get(number)
        if number and (list(entered.values()).count(number) > 1 or owner not in (None, _school_id(entry))):
            entry.number.errors.append(_("This organisation number belongs to another school."))
    if any(entry.number.errors for entry in form.schools):
        return False
    setting.mode, setting.auto_staff = mode, bool(form.auto_staff.data)
    db.session.add(setting)
    for school in organisation.schools:
        if school.id in entered:  # a school added since the page was shown keeps its number
            _set_number(school, entered[school.id])
    db.session.flush()
    return True


def _set_number(school: School, number: str) -> None:
    row = db.session.get(SchoolOrgNumber, school.id)
    if number and row is None:
        db.session.add(SchoolOrgNumber(school_id=school.id, number=number))
    elif number:
        row.number = number
    elif row is not None:
        db.session.delete(row)


@bp.route("/app/schools/<slug>/feide", methods=["GET"])
@requires("school.manage_people", on="school")
def school_links(slug):
    """The school's people linked to Feide, for its administrators (and the municipality's)."""
    school = g.school
    members = db.select(Membership.user_id).where(Membership.school_id == school.id)
    return render("feide/school_links.html", school=school, links=_links_of(members))


def _links_in(organisation_id: int) -> list[FeideLink]:
    """The Feide links of accounts with a role in the organisation or one of its schools."""
    in_organisation = (
        db.select(Membership.user_id)
        .outerjoin(School, Membership.school_id == School.id)
        .where((Membership.organisation_id == organisation_id) | (School.organisation_id == organisation_id))
    )
    return _links_of(in_organisation)


def _links_of(user_ids) -> list[FeideLink]:
    """The Feide links of the accounts `user_ids` (a subquery) selects, with what deciding who removes them needs."""
    return db.session.scalars(
        db.select(FeideLink)
        .join(FeideLink.user)
        .where(FeideLink.user_id.in_(user_ids))
        .order_by(User.name)
        .options(contains_eager(FeideLink.user).selectinload(User.memberships).joinedload(Membership.school))
    ).all()


@bp.route("/app/feide/links/<int:user_id>/remove", methods=["POST"])
@requires("feide.unlink", on="feide_person")
def remove_link(user_id):
    person = g.person
    link = person.feide_link
    if link is not None:
        for organisation_id in modes.organisation_ids(person):
            access.record("feide_unlinked", actor=current_user, organisation_id=organisation_id, subject=person)
        db.session.delete(link)
        db.session.flush()
        flash(_("%(name)s is no longer linked to Feide.", name=person.name), "success")
    return redirect(safe_next(request.form.get("next")))
