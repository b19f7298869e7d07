"""The municipality's plan template: edit its draft sections, publish numbered versions."""

from flask import Blueprint, flash, g, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..contacts.roles import shipped_catalogue
from ..extensions import db
from ..i18n import content_languages
from ..loading import requires
from ..rendering import render
from . import template_operations as template_ops
from .editor import Editor, add_section_views
from .forms import AddSectionForm, PublishForm
from .models import TemplateSection, TemplateVersion
from .translations import translation_overview

bp = Blueprint(
    "plan_templates", __name__, template_folder="templates", url_prefix="/app/organisations/<org_slug>/template"
)


def _overview(organisation, template, add_form=None, publish_form=None, status=200):
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
        editor=EDITOR,
        **translation_overview(organisation, template, template_ops.template_snapshot(template) if template else []),
        status=status,
    )


EDITOR = Editor(
    blueprint="plan_templates",
    rule="template.manage",
    owner="organisation",
    document="template",
    section_class=TemplateSection,
    url_key="org_slug",
    roles=lambda organisation: shipped_catalogue(),
    languages=content_languages,
    default_language=lambda organisation, template: template.default_language,
    publish=template_ops.publish_template,
    overview=_overview,
    title=lambda organisation: _("Plan template of %(organisation)s", organisation=organisation.name),
    page_name=lambda organisation: _("Plan template"),
    saved=lambda: _("Saved. Publish a new version of the template when you are ready."),
    published=lambda number: _(
        "Version %(number)d of the template is published. Schools see that it has changed.", number=number
    ),
    removed=lambda: _(
        "The section is removed from the draft. Schools keep their copy until they take the new version."
    ),
)
add_section_views(bp, EDITOR)


@bp.route("/")
@requires("template.manage", on="organisation")
def overview(org_slug):
    organisation = g.organisation
    return _overview(organisation, template_ops.organisation_template(organisation))


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
