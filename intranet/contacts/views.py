"""A school's contact persons, function roles and services, and the staff's "who does what"."""

from flask import Blueprint, abort, flash, g, redirect, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _

from ..errors import OperationError
from ..extensions import db
from ..forms_support import add_error, choices
from ..formsadmin.operations import published_checklists
from ..loading import requires
from ..ordering import requested_direction
from ..plans.operations import latest_revision, school_plan
from ..plans.translations import school_reader_sections
from ..rendering import render
from . import operations as ops
from .catalogue import school_contacts, school_services
from .forms import contact_form_class, language_data, role_form_class, service_form_class, service_values, texts
from .models import ContactPerson, ExternalService
from .overview import who_does_what
from .roles import school_catalogue

bp = Blueprint("contacts", __name__, template_folder="templates", url_prefix="/app/schools/<slug>")


def _contact_form(school, contact=None, formdata=None):
    form_class = contact_form_class(school.language_list, school.default_language)
    if formdata is None and contact is not None:
        data = {
            "name": contact.name,
            "roles": contact.role_keys,
            "phone": contact.phone,
            "email": contact.email,
            "public": contact.public,
            **language_data("title", contact.title),
        }
        form = form_class(formdata=None, data=data)
    else:
        form = form_class(formdata=formdata)
    roles, lang = school_catalogue(school), str(get_locale())
    form.roles.choices = choices((role.key, roles.name(role.key, lang)) for role in roles.shown())
    return form


def _contacts_page(school, form, status=200):
    return render(
        "contacts/index.html",
        school=school,
        contacts=school_contacts(school),
        form=form,
        roles=school_catalogue(school),
        status=status,
    )


def _contact_or_404(school, contact_id) -> ContactPerson:
    contact = db.session.get(ContactPerson, contact_id)
    if contact is None or contact.school_id != school.id:
        abort(404)
    return contact


def _save_contact(school, form, contact):
    return ops.save_contact(
        school,
        contact,
        name=form.name.data,
        title=texts(form, "title", school.language_list),
        roles=form.roles.data or [],
        phone=form.phone.data,
        email=form.email.data,
        public=form.public.data,
    )


@bp.route("/contacts", methods=["GET", "POST"])
@requires("contacts.manage", on="school")
def index(slug):
    school = g.school
    form = _contact_form(school, formdata=request.form if request.method == "POST" else None)
    if request.method == "POST":
        if form.validate():
            try:
                contact = _save_contact(school, form, None)
            except OperationError as error:
                add_error(form, error.field, error.message)
            else:
                flash(_("%(name)s is added.", name=contact.name), "success")
                return redirect(url_for("contacts.index", slug=slug))
        return _contacts_page(school, form, status=400)
    return _contacts_page(school, form)


@bp.route("/contacts/<int:contact_id>", methods=["GET", "POST"])
@requires("contacts.manage", on="school")
def edit(slug, contact_id):
    school = g.school
    contact = _contact_or_404(school, contact_id)
    form = _contact_form(school, contact, formdata=request.form if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.validate():
            try:
                _save_contact(school, form, contact)
            except OperationError as error:
                add_error(form, error.field, error.message)
            else:
                flash(_("The changes to %(name)s are saved.", name=contact.name), "success")
                return redirect(url_for("contacts.index", slug=slug))
        status = 400
    return render("contacts/edit.html", school=school, contact=contact, form=form, status=status)


@bp.route("/contacts/<int:contact_id>/move", methods=["POST"])
@requires("contacts.manage", on="school")
def move(slug, contact_id):
    school = g.school
    ops.move_contact(school, _contact_or_404(school, contact_id), requested_direction(request.form))
    return redirect(url_for("contacts.index", slug=slug) + f"#contact-{contact_id}")


@bp.route("/contacts/<int:contact_id>/delete", methods=["POST"])
@requires("contacts.manage", on="school")
def delete(slug, contact_id):
    school = g.school
    contact = _contact_or_404(school, contact_id)
    ops.delete_contact(contact)
    flash(_("%(name)s is removed from the contacts.", name=contact.name), "success")
    return redirect(url_for("contacts.index", slug=slug))


def _roles_page(school, form, status=200, error=None):
    return render(
        "contacts/roles.html", school=school, roles=school_catalogue(school), form=form, error=error, status=status
    )


@bp.route("/roles", methods=["GET", "POST"])
@requires("contacts.manage", on="school")
def roles(slug):
    school = g.school
    form = role_form_class(school.language_list, school.default_language)()
    if request.method == "POST":
        if form.validate():
            try:
                ops.add_role(school, texts(form, "name", school.language_list), form.public.data)
            except OperationError as error:
                add_error(form, error.field, error.message)
            else:
                flash(_("The role is added."), "success")
                return redirect(url_for("contacts.roles", slug=slug))
        return _roles_page(school, form, status=400)
    return _roles_page(school, form)


def _known_role_or_404(school, key):
    if key not in school_catalogue(school):
        abort(404)


@bp.route("/roles/<key>/visibility", methods=["POST"])
@requires("contacts.manage", on="school")
def role_visibility(slug, key):
    school = g.school
    _known_role_or_404(school, key)
    ops.set_role_hidden(school, key, request.form.get("hidden") == "1")
    return redirect(url_for("contacts.roles", slug=slug) + f"#role-{key}")


@bp.route("/roles/<key>/delete", methods=["POST"])
@requires("contacts.manage", on="school")
def delete_role(slug, key):
    school = g.school
    _known_role_or_404(school, key)
    try:
        ops.delete_role(school, key)
    except OperationError as error:
        form = role_form_class(school.language_list, school.default_language)(formdata=None)
        return _roles_page(school, form, status=409, error=error.message)
    flash(_("The role is deleted."), "success")
    return redirect(url_for("contacts.roles", slug=slug))


def _services_page(school, form, status=200):
    return render(
        "contacts/services.html",
        school=school,
        form=form,
        status=status,
        services=school_services(school, include_hidden=True),
    )


def _service_or_404(school, service_id) -> ExternalService:
    service = db.session.get(ExternalService, service_id)
    if service is None or (service.school_id != school.id and service.organisation_id != school.organisation_id):
        abort(404)
    return service


@bp.route("/services", methods=["GET", "POST"])
@requires("contacts.manage", on="school")
def services(slug):
    school = g.school
    form = service_form_class(school.language_list, school.default_language)()
    if request.method == "POST":
        if form.validate():
            ops.save_service(
                ExternalService(school_id=school.id, position=99), **service_values(form, school.language_list)
            )
            flash(_("The service is added."), "success")
            return redirect(url_for("contacts.services", slug=slug))
        return _services_page(school, form, status=400)
    return _services_page(school, form)


@bp.route("/services/<int:service_id>/visibility", methods=["POST"])
@requires("contacts.manage", on="school")
def service_visibility(slug, service_id):
    school = g.school
    service = _service_or_404(school, service_id)
    if service.organisation_id is None:
        abort(404)
    ops.set_service_hidden(school, service, request.form.get("hidden") == "1")
    return redirect(url_for("contacts.services", slug=slug))


@bp.route("/services/<int:service_id>/delete", methods=["POST"])
@requires("contacts.manage", on="school")
def delete_service(slug, service_id):
    school = g.school
    service = _service_or_404(school, service_id)
    if service.school_id != school.id:
        abort(403)  # the municipality's services are hidden, not deleted, by a school
    ops.delete_service(service)
    flash(_("The service is removed."), "success")
    return redirect(url_for("contacts.services", slug=slug))


@bp.route("/who-does-what")
@requires("plan.read", on="school")
def who(slug):
    school = g.school
    plan = school_plan(school)
    revision = latest_revision(plan) if plan else None
    checklists = published_checklists(school)
    sections = school_reader_sections(revision.sections if revision else [], school)
    entries = who_does_what(school, sections, public_only=False, checklists=checklists)
    return render(
        "contacts/who.html", school=school, entries=entries, revision=revision, services=school_services(school)
    )
