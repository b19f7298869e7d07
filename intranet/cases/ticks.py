"""A tick or a note on one step: saved on its own; htmx gets what changed, a plain form post the page."""

from flask import abort, flash, g, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from forms import InvalidAnswer, evaluate, read_field

from ..errors import OperationError
from ..extensions import htmx
from ..formsadmin.messages import answer_message
from ..loading import requires
from . import operations as ops
from .changes import changed_views, changes_since, reload_page, render_changes, seen_param
from .forms import NoteForm
from .linked import answer_and_start
from .models import ChecklistRun
from .runs import answer_text
from .sent import sent_with, shown_apart, version_of
from .times import short_datetime
from .views import _language, bp

bp.add_app_template_filter(version_of, "answer_version")
bp.add_app_template_global(shown_apart, "given_apart")


def _run_or_404(case, run_id: int) -> ChecklistRun:
    run = next((run for run in case.runs if run.id == run_id), None)
    if run is None:
        abort(404)
    return run


@bp.post("/<int:case_id>/runs/<int:run_id>/fields/<key>")
@requires("case.view", on="case")
def answer(slug, case_id, run_id, key):
    school, case = g.school, g.case
    run = _run_or_404(case, run_id)
    definition = ops.definition_of(run)
    field = next((f for f in definition.fields if f.key == key and f.takes_answer), None)
    if field is None:
        abort(404)
    before = {item.key for item in evaluate(definition, ops.current_answers(run)).visible}
    error = conflict = None
    try:
        answer_and_start(
            run, field, _submitted_answer(definition, field, run), user=current_user, sent=sent_with(request.form)
        )
    except ops.AnswerConflict as refused:
        error, conflict = _conflict_message(field, refused), True
    except OperationError as refused:
        error = refused.message
    return _after_change(school, case, run, key, error, before, theirs=conflict)


def _conflict_message(field, conflict) -> str:
    """Both answers, theirs with who and when: the step then shows theirs, and answering again uses ours."""
    language, theirs = _language(), conflict.answer
    return _(
        "Not saved: %(name)s answered “%(theirs)s” at %(when)s, after this page last heard; yours was "
        "“%(yours)s”. Answer again to use yours.",
        name=theirs.answered_by.name if theirs.answered_by else _("a colleague"),
        theirs=answer_text(field, theirs.value, language),
        when=short_datetime(theirs.answered_at),
        yours=answer_text(field, conflict.value, language),
    )


def _submitted_answer(definition, field, run):
    """The answer to `field` in the request, coerced; read once, by that field alone."""
    value, unreadable = read_field(definition, field.key, request.form, f"r{run.id}-")
    if unreadable:
        raise OperationError(unreadable)
    try:
        return field.coerce(value)
    except InvalidAnswer as error:
        raise OperationError(answer_message(error.code, error.params)) from error


@bp.post("/<int:case_id>/runs/<int:run_id>/fields/<key>/note")
@requires("case.view", on="case")
def note(slug, case_id, run_id, key):
    school, case = g.school, g.case
    run = _run_or_404(case, run_id)
    definition = ops.definition_of(run)
    if not any(f.key == key for f in definition.fields):
        abort(404)
    form = NoteForm()
    error = None
    if form.validate():
        try:
            ops.note_field(run, key, form.note.data or "", user=current_user, sent=sent_with(request.form))
        except OperationError as refused:
            error = refused.message
    else:
        error = " ".join(str(message) for message in form.note.errors)
    return _after_change(school, case, run, key, error)


def _after_change(school, case, run, key, error, before=None, theirs=False):
    """htmx gets what changed since the page last heard (cases/changes.py); a plain form post goes back
    to the step. `theirs`: a conflict, so the step shows the colleague's answer, not what was sent."""
    if htmx and not htmx.boosted:  # a boosted post is a page load: it follows the redirect
        seen = seen_param()
        found = changes_since(case.id, seen) if seen is not None else None  # this change's event included
        if found is not None and found.reload:
            return reload_page()
        others = found.steps if found is not None else {}
        visible_before = before or frozenset()
        before = {run.id: before} if before is not None else None
        changed = changed_views(school, case, others, exact={run.id: {key}}, before=before)
        view = next(view for view, _keys in changed if view.run.id == run.id)
        if error and not theirs and key in view.form._fields:
            view.form[key].process(request.form)  # show what was typed, next to why it was refused
        return render_changes(
            school,
            case,
            changed,
            seen=found.seen if found is not None else seen,
            ticked=(run.id, key),
            error=error,
            error_key=key if error else None,
            status=409 if error else 200,
            before=visible_before,
        )
    if error:
        flash(error, "error")
    return redirect(url_for("cases.show", slug=school.slug, case_id=case.id) + f"#step-{run.id}-{key}", code=303)
