"""The municipality's plan template: edit its draft sections, publish numbered versions."""

from flask import Blueprint, abort, current_app, flash, g, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..contacts.roles import shipped_catalogue
from ..errors import OperationError
from ..extensions import db
from ..forms_support import add_error
from ..loading import requires
from ..rendering import render
from . import operations as ops
from . import template_operations as template_ops
from .editing import edit_section
from .forms import AddSectionForm, PublishForm
from .models import TemplateSection, TemplateVersion

bp = Blueprint(
    "plan_templates", __name__, template_folder="templates", url_prefix="/app/organisations/<org_slug>/template"
)


def _template_or_404(organisation):
    template = template_ops.organisation_template(organisation)
    if template is None:
        abort(404)
    return template


def _section_or_404(template, section_id: int) -> TemplateSection:
    section = db.session.get(TemplateSection, section_id)
    if section is None or section.template_id != template.id:
        abort(404)
    return section


def _overview(organisation, add_form=None, publish_form=None, status=200):
    template = template_ops.organisation_template(organisation)
    versions = []
    if template is not None:
        versions = db.session.scalars(
            db.select(TemplateVersion)
            .where(TemplateVersion.template_id == template.id)
            .order_by(TemplateVersion.number.desc())
        ).all()
    unpublished = template is not None and (
        not versions or versions[0].sections != template_ops.template_snapshot(template)
    )
    return render(
        "plans/template_overview.html",
        organisation=organisation,
        template=template,
        versions=versions,
        unpublished=unpublished,
        add_form=add_form or AddSectionForm(),
        publish_form=publish_form or PublishForm(),
        status=status,
    )


@bp.route("/")
@requires("template.manage", on="organisation")
def overview(org_slug):
    return _overview(g.organisation)


@bp.route("/install", methods=["POST"])
@requires("template.manage", on="organisation")
def install(org_slug):
    organisation = g.organisation
    version = template_ops.install_default_template(organisation, current_user)
    if version is None:
        flash(_("The template already has the shipped text."), "info")
    else:
        flash(_("Version %(number)d of the template is published.", number=version.number), "success")
    return redirect(url_for("plan_templates.overview", org_slug=org_slug))


@bp.route("/sections", methods=["POST"])
@requires("template.manage", on="organisation")
def add(org_slug):
    organisation = g.organisation
    template = _template_or_404(organisation)
    form = AddSectionForm()
    if form.validate_on_submit():
        try:
            section = ops.add_section(
                template,
                TemplateSection,
                kind=form.kind.data,
                key=form.key.data,
                title=form.title.data,
                lang=template.default_language,
                public=form.public.data,
            )
        except OperationError as error:
            add_error(form, error.field, error.message)
        else:
            return redirect(url_for("plan_templates.edit", org_slug=org_slug, section_id=section.id))
    return _overview(organisation, add_form=form, status=400)


@bp.route("/sections/<int:section_id>", methods=["GET", "POST"])
@requires("template.manage", on="organisation")
def edit(org_slug, section_id):
    organisation = g.organisation
    template = _template_or_404(organisation)
    section = _section_or_404(template, section_id)
    languages = tuple(current_app.config["LANGUAGES"])
    lang = request.args.get("content") if request.args.get("content") in languages else template.default_language
    form, outcome, stale = edit_section(
        section, lang=lang, default_language=template.default_language, roles=shipped_catalogue()
    )
    if outcome == "saved":
        flash(_("Saved. Publish a new version of the template when you are ready."), "success")
        return redirect(url_for("plan_templates.edit", org_slug=org_slug, section_id=section.id, content=lang))
    status = 409 if stale else (400 if request.method == "POST" and outcome is None else 200)
    return render(
        "plans/template_edit_section.html",
        organisation=organisation,
        template=template,
        section=section,
        form=form,
        lang=lang,
        languages=languages,
        outcome=outcome,
        stale=stale,
        status=status,
    )


@bp.route("/sections/<int:section_id>/move", methods=["POST"])
@requires("template.manage", on="organisation")
def move(org_slug, section_id):
    template = _template_or_404(g.organisation)
    ops.move_section(
        template, _section_or_404(template, section_id), -1 if request.form.get("direction") == "up" else 1
    )
    return redirect(url_for("plan_templates.overview", org_slug=org_slug) + f"#section-{section_id}")


@bp.route("/sections/<int:section_id>/remove", methods=["POST"])
@requires("template.manage", on="organisation")
def remove(org_slug, section_id):
    template = _template_or_404(g.organisation)
    ops.remove_section(template, _section_or_404(template, section_id))
    flash(
        _("The section is removed from the draft. Schools keep their copy until they take the new version."), "success"
    )
    return redirect(url_for("plan_templates.overview", org_slug=org_slug))


@bp.route("/publish", methods=["POST"])
@requires("template.manage", on="organisation")
def publish(org_slug):
    organisation = g.organisation
    template = _template_or_404(organisation)
    form = PublishForm()
    if form.validate_on_submit():
        try:
            version = template_ops.publish_template(template, current_user, form.note.data)
        except OperationError as error:
            add_error(form, "note", error.message)
        else:
            flash(
                _(
                    "Version %(number)d of the template is published. Schools see that it has changed.",
                    number=version.number,
                ),
                "success",
            )
            return redirect(url_for("plan_templates.overview", org_slug=org_slug))
    return _overview(organisation, publish_form=form, status=400)
