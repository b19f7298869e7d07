"""The municipality's shared external services, shown at every school."""

from flask import Blueprint, abort, current_app, flash, g, redirect, request, url_for
from flask_babel import gettext as _

from ..extensions import db
from ..loading import requires
from ..rendering import render
from . import operations as ops
from .forms import service_data, service_form_class, service_values
from .models import ExternalService

bp = Blueprint("services", __name__, template_folder="templates", url_prefix="/app/organisations/<org_slug>/services")


def _languages() -> list[str]:
    return list(current_app.config["LANGUAGES"])


def _service_or_404(organisation, service_id) -> ExternalService:
    service = db.session.get(ExternalService, service_id)
    if service is None or service.organisation_id != organisation.id:
        abort(404)
    return service


def _form(service=None, formdata=None):
    form_class = service_form_class(_languages(), current_app.config["BABEL_DEFAULT_LOCALE"])
    if service is not None and formdata is None:
        return form_class(formdata=None, data=service_data(service))
    return form_class(formdata=formdata)


def _save(service, form):
    return ops.save_service(service, **service_values(form, _languages()))


@bp.route("/", methods=["GET", "POST"])
@requires("org.manage", on="organisation")
def index(org_slug):
    organisation = g.organisation
    form = _form(formdata=request.form if request.method == "POST" else None)
    if request.method == "POST" and form.validate():
        count = db.session.scalar(
            db.select(db.func.count())
            .select_from(ExternalService)
            .where(ExternalService.organisation_id == organisation.id)
        )
        _save(ExternalService(organisation_id=organisation.id, position=count), form)
        flash(_("The service is added. Every school shows it."), "success")
        return redirect(url_for("services.index", org_slug=org_slug))
    services = db.session.scalars(
        db.select(ExternalService)
        .where(ExternalService.organisation_id == organisation.id)
        .order_by(ExternalService.position, ExternalService.id)
    ).all()
    return render(
        "contacts/org_services.html",
        organisation=organisation,
        services=services,
        form=form,
        status=400 if request.method == "POST" else 200,
    )


@bp.route("/<int:service_id>", methods=["GET", "POST"])
@requires("org.manage", on="organisation")
def edit(org_slug, service_id):
    organisation = g.organisation
    service = _service_or_404(organisation, service_id)
    form = _form(service, formdata=request.form if request.method == "POST" else None)
    if request.method == "POST" and form.validate():
        _save(service, form)
        flash(_("The service is saved."), "success")
        return redirect(url_for("services.index", org_slug=org_slug))
    return render(
        "contacts/service_edit.html",
        organisation=organisation,
        service=service,
        form=form,
        status=400 if request.method == "POST" else 200,
    )


@bp.route("/<int:service_id>/delete", methods=["POST"])
@requires("org.manage", on="organisation")
def delete(org_slug, service_id):
    organisation = g.organisation
    ops.delete_service(_service_or_404(organisation, service_id))
    flash(_("The service is removed from every school."), "success")
    return redirect(url_for("services.index", org_slug=org_slug))
