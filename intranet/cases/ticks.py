"""A tick or a note on one step: saved on its own; htmx gets what changed, a plain form post the page."""

from flask import abort, flash, g, redirect, request, url_for
from flask_login import current_user

from forms import InvalidAnswer, evaluate, read_field

from ..errors import OperationError
from ..extensions import htmx
from ..formsadmin.messages import answer_message
from ..loading import requires
from . import operations as ops
from .changes import changed_views, changes_since, reload_page, render_changes, seen_param
from .conflicts import conflict_of, conflict_page
from .forms import NoteForm
from .linked import answer_and_start
from .models import ChecklistRun
from .sent import sent_with, shown_apart, version_of
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
        conflict = conflict_of(school, case, run, field, refused, request.form)
        error = conflict.message
        if not htmx or htmx.boosted:
            return conflict_page(school, case, conflict, definition.text(field.label, _language()))
    except OperationError as refused:
        error = refused.message
    return _after_change(school, case, run, key, error, before, conflict=conflict)


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


def _after_change(school, case, run, key, error, before=None, conflict=None):
    """htmx gets what changed since the page last heard (cases/changes.py); a plain form post goes back
    to the step. `conflict`: a colleague's answer came first, so the step shows theirs, not what was sent,
    and offers the choice (cases/conflicts.py)."""
    if htmx and not htmx.boosted:  # a boosted post is a page load: it follows the redirect
        seen = seen_param()
        found = changes_since(case.id, seen) if seen is not None else None  # this change's event included
        if found is not None and found.reload and not error:  # a refusal is said next to its step
            return reload_page()
        others = found.steps if found is not None else {}
        visible_before = before or frozenset()
        before = {run.id: before} if before is not None else None
        changed = changed_views(school, case, others, exact={run.id: {key}}, before=before)
        view = next(view for view, _keys in changed if view.run.id == run.id)
        if error and not conflict and key in view.form._fields:
            view.form[key].process(request.form)  # show what was typed, next to why it was refused
        return render_changes(
            school,
            case,
            changed,
            seen=found.seen if found is not None else seen,
            ticked=(run.id, key),
            error=error,
            error_key=key if error else None,
            conflict=conflict,
            status=409 if error else 200,
            before=visible_before,
        )
    if error:
        flash(error, "error")
    return redirect(url_for("cases.show", slug=school.slug, case_id=case.id) + f"#step-{run.id}-{key}", code=303)
