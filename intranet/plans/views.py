"""A school's plan: the rector edits and publishes it; staff read the published plan."""

from flask import Blueprint, abort, flash, g, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..contacts.roles import school_catalogue
from ..db import db_int
from ..errors import OperationError
from ..extensions import db
from ..forms_support import add_error
from ..loading import SIGNED_IN, requires
from ..rendering import render
from . import operations as ops
from . import template_operations as template_ops
from .diff import compare
from .editing import edit_section
from .forms import AddSectionForm, PlanReviewForm, PublishForm
from .markdown import render_markdown
from .models import PlanRevision, PlanSection
from .upgrade import apply_changes, pending_changes

bp = Blueprint("plans", __name__, template_folder="templates", url_prefix="/app/schools/<slug>/plan")


def _plan_or_404(school):
    plan = ops.school_plan(school)
    if plan is None:
        abort(404)
    return plan


def _section_or_404(plan, section_id: int) -> PlanSection:
    section = db.session.get(PlanSection, section_id)
    if section is None or section.plan_id != plan.id:
        abort(404)
    return section


def _content_language(school) -> str:
    wanted = request.args.get("content")
    return wanted if wanted in school.language_list else school.default_language


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
        status=status,
    )


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


@bp.route("/sections", methods=["POST"])
@requires("plan.manage", on="school")
def add(slug):
    school = g.school
    plan = _plan_or_404(school)
    form = AddSectionForm()
    if form.validate_on_submit():
        try:
            section = ops.add_section(
                plan,
                PlanSection,
                kind=form.kind.data,
                key=form.key.data,
                title=form.title.data,
                lang=school.default_language,
                public=form.public.data,
            )
        except OperationError as error:
            add_error(form, error.field, error.message)
        else:
            return redirect(url_for("plans.edit", slug=slug, section_id=section.id))
    return _overview(school, plan, add_form=form, status=400)


@bp.route("/sections/<int:section_id>", methods=["GET", "POST"])
@requires("plan.manage", on="school")
def edit(slug, section_id):
    school = g.school
    plan = _plan_or_404(school)
    section = _section_or_404(plan, section_id)
    lang = _content_language(school)
    form, outcome, stale = edit_section(
        section,
        lang=lang,
        default_language=school.default_language,
        roles=school_catalogue(school),
        user=current_user,
    )
    if outcome == "saved":
        flash(_("Saved. Publish the plan when you are ready."), "success")
        return redirect(url_for("plans.edit", slug=slug, section_id=section.id, content=lang))
    base = plan.template_version.section(section.source_key) if section.source_key and plan.template_version else None
    status = 409 if stale else (400 if request.method == "POST" and outcome is None else 200)
    return render(
        "plans/edit_section.html",
        school=school,
        plan=plan,
        section=section,
        form=form,
        lang=lang,
        outcome=outcome,
        stale=stale,
        template_text=base,
        status=status,
    )


@bp.route("/sections/<int:section_id>/move", methods=["POST"])
@requires("plan.manage", on="school")
def move(slug, section_id):
    school = g.school
    plan = _plan_or_404(school)
    ops.move_section(plan, _section_or_404(plan, section_id), -1 if request.form.get("direction") == "up" else 1)
    return redirect(url_for("plans.overview", slug=slug) + f"#section-{section_id}")


@bp.route("/sections/<int:section_id>/visibility", methods=["POST"])
@requires("plan.manage", on="school")
def visibility(slug, section_id):
    school = g.school
    plan = _plan_or_404(school)
    section = _section_or_404(plan, section_id)
    ops.set_hidden(section, request.form.get("hidden") == "1")
    return redirect(url_for("plans.overview", slug=slug) + f"#section-{section_id}")


@bp.route("/sections/<int:section_id>/remove", methods=["POST"])
@requires("plan.manage", on="school")
def remove(slug, section_id):
    school = g.school
    plan = _plan_or_404(school)
    section = _section_or_404(plan, section_id)
    if section.source_key is not None:
        flash(_("Sections from the template can be hidden, not removed."), "error")
        return _overview(school, plan, status=409)
    ops.remove_section(plan, section)
    flash(_("The section is removed."), "success")
    return redirect(url_for("plans.overview", slug=slug))


@bp.route("/review", methods=["POST"])
@requires("plan.manage", on="school")
def review(slug):
    school = g.school
    plan = _plan_or_404(school)
    form = PlanReviewForm(prefix="review")
    if not form.validate_on_submit():
        return _overview(school, plan, review_form=form, status=400)
    ops.set_review(plan, form.reviewed_on.data, form.review_by.data)
    flash(_("The review dates are saved."), "success")
    return redirect(url_for("plans.overview", slug=slug) + "#review-heading")


@bp.route("/publish", methods=["POST"])
@requires("plan.manage", on="school")
def publish(slug):
    school = g.school
    plan = _plan_or_404(school)
    form = PublishForm()
    if form.validate_on_submit():
        try:
            revision = ops.publish_plan(plan, current_user, form.note.data)
        except OperationError as error:
            add_error(form, "note", error.message)
        else:
            flash(_("Revision %(number)d is published.", number=revision.number), "success")
            return redirect(url_for("plans.overview", slug=slug))
    return _overview(school, plan, publish_form=form, status=400)


@bp.route("/history")
@requires("plan.manage", on="school")
def history(slug):
    school = g.school
    plan = _plan_or_404(school)
    revisions = db.session.scalars(
        db.select(PlanRevision).where(PlanRevision.plan_id == plan.id).order_by(PlanRevision.number.desc())
    ).all()
    return render("plans/history.html", school=school, revisions=revisions)


@bp.route("/compare")
@requires("plan.manage", on="school")
def compare_revisions(slug):
    school = g.school
    plan = _plan_or_404(school)
    numbers = (request.args.get("from", type=db_int), request.args.get("to", type=db_int))
    found = {
        r.number: r
        for r in db.session.scalars(
            db.select(PlanRevision).where(PlanRevision.plan_id == plan.id, PlanRevision.number.in_(numbers))
        )
    }
    if None in numbers or len(found) != len(set(numbers)):
        abort(404)
    lang = _content_language(school)
    diffs = compare(
        found[numbers[0]].sections, found[numbers[1]].sections, lang, school.default_language, school_catalogue(school)
    )
    return render("plans/compare.html", school=school, old=found[numbers[0]], new=found[numbers[1]], diffs=diffs)


@bp.route("/template-update", methods=["GET", "POST"])
@requires("plan.manage", on="school")
def template_update(slug):
    school = g.school
    plan = _plan_or_404(school)
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
        lang=_content_language(school),
        roles=school_catalogue(school),
        status=400 if error else 200,
    )


@bp.route("/read")
@requires("plan.read", on="school")
def read(slug):
    school = g.school
    plan = ops.school_plan(school)
    revision = ops.latest_revision(plan) if plan else None
    sections = revision.sections if revision else []
    return render(
        "plans/read.html", school=school, revision=revision, sections=sections, roles=school_catalogue(school)
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
