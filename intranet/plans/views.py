"""A school's plan: the rector edits and publishes it; staff read the published plan."""

from flask import Blueprint, abort, flash, g, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..contacts.directory import directory_for_sections
from ..contacts.roles import school_catalogue
from ..db import db_int
from ..errors import OperationError
from ..extensions import db
from ..i18n import content_languages
from ..loading import SIGNED_IN, requires
from ..rendering import render
from ..schools.levels import audience_at
from . import operations as ops
from . import template_operations as template_ops
from .diff import compare
from .editor import Editor, add_section_views
from .forms import AddSectionForm, PlanReviewForm, PublishForm
from .markdown import render_markdown
from .models import PlanRevision, PlanSection
from .translations import school_reader_sections, translation_overview
from .upgrade import apply_changes, pending_changes

bp = Blueprint("plans", __name__, template_folder="templates", url_prefix="/app/schools/<slug>/plan")
bp.add_app_template_global(audience_at, "audience_at")


def _latest_template_version(school):
    template = template_ops.organisation_template(school.organisation)
    return template_ops.latest_version(template.id if template else None)


def _overview(school, plan, add_form=None, publish_form=None, status=200, review_form=None):
    latest = _latest_template_version(school)
    changes = pending_changes(plan, latest) if plan else []
    revision = ops.latest_revision(plan) if plan else None
    unpublished = plan is not None and (revision is None or revision.sections != ops.plan_snapshot(plan))
    return render(
        "plans/overview.html",
        school=school,
        plan=plan,
        changes=changes,
        latest=latest,
        revision=revision,
        unpublished=unpublished,
        add_form=add_form or AddSectionForm(),
        publish_form=publish_form or PublishForm(),
        review_form=review_form or PlanReviewForm(obj=plan, prefix="review"),
        editor=EDITOR,
        **translation_overview(school, plan, ops.plan_snapshot(plan) if plan else []),
        status=status,
    )


def _template_text(plan, section) -> dict | None:
    """The template's text of the section a school's section came from, shown beside its editor."""
    if section.source_key and plan.template_version:
        return plan.template_version.section(section.source_key)
    return None


EDITOR = Editor(
    blueprint="plans",
    rule="plan.manage",
    owner="school",
    document="plan",
    section_class=PlanSection,
    url_key="slug",
    roles=school_catalogue,
    languages=content_languages,
    default_language=lambda school, plan: school.default_language,
    publish=ops.publish_plan,
    overview=_overview,
    title=lambda school: _("The plan of %(school)s", school=school.name),
    page_name=lambda school: school.name,
    saved=lambda: _("Saved. Publish the plan when you are ready."),
    published=lambda number: _("Revision %(number)d is published.", number=number),
    removed=lambda: _("The section is removed."),
    reference=_template_text,
    hides=True,
    kept=lambda section: (
        None if section.source_key is None else _("Sections from the template can be hidden, not removed.")
    ),
)
add_section_views(bp, EDITOR)


@bp.route("/")
@requires("plan.manage", on="school")
def overview(slug):
    school = g.school
    return _overview(school, ops.school_plan(school))


@bp.route("/create", methods=["POST"])
@requires("plan.manage", on="school")
def create(slug):
    school = g.school
    try:
        ops.create_plan(school, current_user)
    except OperationError as error:
        flash(error.message, "error")
        return _overview(school, ops.school_plan(school), status=409)
    flash(_("The plan is created from the municipality's template. Adapt it, then publish."), "success")
    return redirect(url_for("plans.overview", slug=slug))


@bp.route("/sections/<int:section_id>/visibility", methods=["POST"])
@requires("plan.manage", on="school", then="plan_section")
def visibility(slug, section_id):
    ops.set_hidden(g.section, request.form.get("hidden") == "1")
    return redirect(url_for("plans.overview", slug=slug) + f"#section-{section_id}")


@bp.route("/review", methods=["POST"])
@requires("plan.manage", on="school", then="plan")
def review(slug):
    school, plan = g.school, g.plan
    form = PlanReviewForm(prefix="review")
    if not form.validate_on_submit():
        return _overview(school, plan, review_form=form, status=400)
    ops.set_review(plan, form.reviewed_on.data, form.review_by.data)
    flash(_("The review dates are saved."), "success")
    return redirect(url_for("plans.overview", slug=slug) + "#review-heading")


@bp.route("/history")
@requires("plan.manage", on="school", then="plan")
def history(slug):
    school, plan = g.school, g.plan
    revisions = db.session.scalars(
        db.select(PlanRevision).where(PlanRevision.plan_id == plan.id).order_by(PlanRevision.number.desc())
    ).all()
    return render("plans/history.html", school=school, revisions=revisions)


@bp.route("/compare")
@requires("plan.manage", on="school", then="plan")
def compare_revisions(slug):
    school, plan = g.school, g.plan
    numbers = (request.args.get("from", type=db_int), request.args.get("to", type=db_int))
    found = {
        r.number: r
        for r in db.session.scalars(
            db.select(PlanRevision).where(PlanRevision.plan_id == plan.id, PlanRevision.number.in_(numbers))
        )
    }
    if None in numbers or len(found) != len(set(numbers)):
        abort(404)
    lang = EDITOR.content_language(school, plan)
    diffs = compare(
        found[numbers[0]].sections, found[numbers[1]].sections, lang, school.default_language, school_catalogue(school)
    )
    return render("plans/compare.html", school=school, old=found[numbers[0]], new=found[numbers[1]], diffs=diffs)


@bp.route("/template-update", methods=["GET", "POST"])
@requires("plan.manage", on="school", then="plan")
def template_update(slug):
    school, plan = g.school, g.plan
    latest = _latest_template_version(school)
    changes = pending_changes(plan, latest)
    error = None
    if request.method == "POST" and changes:
        choices = {c.key: request.form.get(f"choice-{c.key}", "") for c in changes if c.needs_choice}
        try:
            apply_changes(plan, latest, choices)
        except OperationError as problem:
            error = problem.message
        else:
            flash(
                _(
                    "The plan now follows template version %(number)d. Publish when you are ready.",
                    number=latest.number,
                ),
                "success",
            )
            return redirect(url_for("plans.overview", slug=slug))
    return render(
        "plans/template_update.html",
        school=school,
        plan=plan,
        latest=latest,
        changes=changes,
        error=error,
        lang=EDITOR.content_language(school, plan),
        roles=school_catalogue(school),
        status=400 if error else 200,
    )


@bp.route("/read")
@requires("plan.read", on="school")
def read(slug):
    school = g.school
    plan = ops.school_plan(school)
    revision = ops.latest_revision(plan) if plan else None
    sections = school_reader_sections(revision.sections if revision else [], school)
    directory = directory_for_sections(school, sections, public_only=False)
    return render(
        "plans/read.html",
        school=school,
        revision=revision,
        sections=sections,
        roles=directory.roles if directory else school_catalogue(school),
        directory=directory,
    )


preview_bp = Blueprint("markdown", __name__)


@preview_bp.route("/app/markdown-preview", methods=["POST"])
@requires(SIGNED_IN)
def preview():
    """The live preview of the section editor (htmx): the same sanitised HTML the plan will show."""
    text = request.form.get("body", "")
    if len(text) > ops.MAX_TEXT:
        return render("plans/_preview.html", html=None, too_long=True, status=413)
    return render("plans/_preview.html", html=render_markdown(text), too_long=False)
