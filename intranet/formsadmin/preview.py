"""The preview: a form exactly as staff will fill it in on a phone, with its conditions live."""

from types import SimpleNamespace

from flask import g, request
from flask_babel import get_locale
from flask_babel import gettext as _

from forms import Definition, InvalidDefinition, build_wtform

from ..cases.due_times import calendar_for, due_times
from ..cases.runs import Actions, build_view, contact_choices
from ..contacts.catalogue import people_by_role
from ..contacts.roles import catalogue_for
from ..db import OSLO, utcnow
from ..loading import requires
from ..rendering import render
from ..schools.models import School
from .messages import definition_message
from .pages import role_options
from .views import bp


def preview_view(definition: Definition, language: str, owner, formdata=None):
    """The run view-model a case shows (cases/runs.py), for the answers submitted so far, as if the case
    had opened now: role pickers offer the school's role holders, as on a case (a municipality's
    preview, having none, offers its roles). A value the field refuses is shown with why."""
    form = build_wtform(definition)(formdata=formdata)
    form.validate()  # works out the answers and what is visible, from this submission alone
    people = people_by_role(owner)
    choices = contact_choices(people) if people else [("", _("Choose…"))] + role_options(owner, language)
    submitted = formdata.lists() if formdata is not None else ()
    carry = tuple((key, value) for key, values in submitted if key in form.answers for value in values)
    url = request.url
    actions = Actions(
        lambda key: url,
        None,
        {"data-hx-target": "#run-form", "data-hx-select": "#run-form", "data-hx-swap": "outerHTML"},
        carry=carry,
    )
    run = SimpleNamespace(id="form")
    due = owner_due_times(definition, owner)
    view = build_view(run, definition, {}, form.answers, due, language, people, choices, actions, prefix="")
    refused = next((f.key for f in form.evaluation.visible if f.takes_answer and form[f.key].errors), None)
    if refused is not None and formdata is not None and formdata.get(refused):
        view.form[refused].process(formdata)  # what was typed stays, next to why it is refused
        return view, refused, str(form[refused].errors[0])
    return view, None, None


def owner_due_times(definition: Definition, owner) -> dict:
    """Due times as if a case opened now, on the school's calendar (a municipality's: its own)."""
    start = utcnow().astimezone(OSLO)
    organisation_id = owner.organisation_id if isinstance(owner, School) else owner.id
    school_id = owner.id if isinstance(owner, School) else None
    return due_times(definition, start, calendar_for(definition, organisation_id, school_id, start))


@bp.route("/<int:form_id>/preview", methods=["GET", "POST"])
@requires("forms.manage", on="owner", then="form")
def preview(scope, slug, form_id):
    owner = g.owner
    document = g.form
    number = request.args.get("version", type=int)
    version = next((v for v in document.versions if v.number == number), None) if number else None
    data = version.definition if version else document.draft
    languages = [code for code in ("nb", "nn", "en") if code in (data.get("title") or {})] or ["nb"]
    language = request.args.get("content") if request.args.get("content") in languages else None
    ui_language = str(get_locale())
    language = language or (ui_language if ui_language in languages else data.get("default_language", "nb"))
    context = {"owner": owner, "scope": scope, "document": document, "version": version, "language": language}
    try:
        definition = Definition.from_json(data)
    except InvalidDefinition as error:
        problems = [definition_message(e, data) for e in error.errors]
        return render("formsadmin/preview.html", definition=None, problems=problems, languages=languages, **context)
    formdata = request.form if request.method == "POST" else None
    view, error_key, error = preview_view(definition, language, owner, formdata)
    return render(
        "formsadmin/preview.html",
        "cases/_run.html",
        definition=definition,
        view=view,
        roles=catalogue_for(owner),
        error_key=error_key,
        error=error,
        languages=languages,
        **context,
    )
