"""Working through the checklist of a case opened without a connection (issue #22).

The phone keeps the page of each published checklist (`blank`): the checklist as a new case shows it, with
every step on the page and the conditions that show a step written beside it, so the phone shows and hides
steps as they are answered (offline-case.js). The answers and notes wait on the phone with the opening and
arrive with it: `answer_offline` records them in the case the opening made, each with the time it was given, once
(a retried opening brings the same answers with the same keys; offline_answers.py)."""

import datetime as dt

from flask import abort, g, url_for

from forms import evaluate

from ..contacts.catalogue import people_by_role
from ..contacts.roles import school_catalogue
from ..loading import requires
from ..rendering import render
from .checklists import published_checklists
from .offline_answers import PREFIX
from .operations import definition_of
from .runs import Actions, Step, build_view, contact_choices
from .views import _language, bp


@bp.get("/new/<int:version_id>")
@requires("case.open", on="school")
def blank(slug, version_id):
    school = g.school
    version = next((v for v in published_checklists(school) if v.id == version_id), None)
    if version is None:
        abort(404)
    view = blank_view(school, version, _language())
    return render(
        "cases/opening.html",
        "cases/_run.html",
        school=school,
        view=view,
        roles=school_catalogue(school),
        opening_url=url_for("cases.new", slug=slug),
    )


def blank_view(school, version, language: str):
    """The run a case opened with `version` starts with, every step on the page (the ones its answers
    would hide, hidden, with their condition as the page reads it); no due times: they count from when
    the case reaches the server."""
    run = _NotOpened(version)
    definition = definition_of(run)
    people = people_by_role(school)
    actions = Actions(lambda _key: "#", lambda _key: "#", {}, working=True)  # nothing posts: offline-case.js keeps them
    view = build_view(run, definition, {}, {}, {}, language, people, contact_choices(people), actions, PREFIX)
    view.steps = [
        Step(field, None, None, False, people.get(getattr(field, "call_role", None) or field.role, []))
        for field in definition.fields
    ]
    shown = {f.key for f in evaluate(definition, {}).visible}
    view.conditions = {
        f.key: {**_condition(definition, f.show_if), "shown": f.key in shown} for f in definition.fields if f.show_if
    }
    return view


class _NotOpened:
    """A run that is not on the server yet: its page's ids say "new"."""

    id = "new"
    case = None
    started_at = None

    def __init__(self, version):
        self.form_version = version


def _condition(definition, show_if) -> dict:
    """A step's `show_if` as offline-case.js reads it: each condition names the input of the field it
    looks at and the values that input sends when the condition's value is answered; `number` when the
    server compares numbers (16 is 16.0 and 016), otherwise typed text counts without its outer spaces,
    as the server reads it."""

    def one(condition):
        field = definition.field(condition.field)
        values = condition.value if condition.op == "in" else [condition.value]
        sent = [v for value in values for v in _form_values(field, field.coerce_condition_value(value))]
        return {
            "name": PREFIX + condition.field,
            "op": condition.op,
            "values": sent,
            "number": field.type_name == "number",
        }

    return {"mode": show_if.mode, "conditions": [one(c) for c in show_if.conditions]}


def _form_values(field, value) -> list[str]:
    """What the field's inputs send for the answer `value`: a ticked box "y" (WTForms), a choice its key,
    a date as ISO; no answer (an unticked box) sends nothing."""
    data = field.to_form_data(value)
    if data is True:
        return ["y"]
    if data is None or data is False:
        return []
    if isinstance(data, list | tuple):
        return [str(item) for item in data]
    if isinstance(data, dt.datetime):
        return [data.strftime("%Y-%m-%dT%H:%M")]
    if isinstance(data, dt.date):
        return [data.isoformat()]
    return [str(data)]
