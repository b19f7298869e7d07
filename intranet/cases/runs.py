"""What the checklist page shows for each run: visible steps with answers, due times, people to call."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from flask import url_for
from flask_babel import gettext as _
from markupsafe import Markup
from wtforms import Form

from forms import Definition, DueTime, build_wtform, evaluate
from forms.due import Due
from forms.fieldtypes import ContactField
from forms.text import localized

from ..contacts.models import ContactPerson
from ..dates import written_date
from ..db import OSLO, utcnow
from ..extensions import db
from ..i18n import content_in_page
from ..policy import can
from ..schoolyear.calendar import due_calendar
from .due_times import due_text, step_due_times
from .linked import started
from .models import Answer, ChecklistRun
from .operations import current_answers, definition_of


@dataclass
class Step:
    field: object
    answer: Answer | None
    due: datetime | None
    overdue: bool
    people: list = field(default_factory=list)  # contact persons holding the responsible (or called) role
    due_time: DueTime | None = None  # how `due` was counted (school days, closed periods skipped)

    @property
    def due_text(self) -> str:
        """ "Due Wed 9 Dec, 10:00: 3 school days; 5 Dec–8 Dec closed" (or "Overdue since ...")."""
        return due_text(self.due_time, self.overdue) if self.due_time else ""


@dataclass(frozen=True)
class Actions:
    """Where a step's forms post and how htmx sends them. A case's step posts its one answer and swaps in
    what changed; a preview's step posts every answer so far (`carry`: the others, as hidden inputs, so it
    works without JavaScript too) and gets the run back."""

    answer: Callable[[str], str]  # field key → the URL its answer posts to
    note: Callable[[str], str] | None  # field key → the URL its note posts to; None: no notes
    htmx: dict  # the step forms' hx-* attributes besides data-hx-post and data-hx-trigger
    working: bool = True  # answers can change (an open case, a preview)
    carry: tuple = ()  # (name, value) of the answers each step form sends besides its own


@dataclass
class RunView:
    run: object  # the ChecklistRun; a preview's stand-in has an `id` ("form") and no case
    definition: Definition
    form: Form
    steps: list[Step]
    prefix: str
    actions: Actions
    language: str
    version_number: int | None = None
    conditions: dict = field(default_factory=dict)  # a not yet opened case's: key → its show_if for the phone

    @property
    def overdue(self) -> int:
        return sum(step.overdue for step in self.steps)

    def started(self, key: str | None):
        """The run a step with the setting `starts` started in the same case (`linked.Started`), or None;
        a preview has no case."""
        return started(getattr(self.run, "case", None), key, self.language)

    def slots(self, keys=None) -> list[tuple]:
        """(field, its step, or None while the answers hide it) for every field in order, or for `keys`:
        a hidden field keeps an empty placeholder on the page, so a change can swap it in by its id."""
        shown = {step.field.key: step for step in self.steps}
        return [(f, shown.get(f.key)) for f in self.definition.fields if keys is None or f.key in keys]


def contact_choices(people: dict) -> list[tuple[str, str]]:
    """What a contact or role picker offers: the school's contact persons, each once, by name."""
    unique = {contact.id: contact for contacts in people.values() for contact in contacts}
    return [("", _("Choose…"))] + sorted(((f"person:{c.id}", c.name) for c in unique.values()), key=lambda p: p[1])


KEY, KEY_QUOTED = "\x00", "%00"  # a stand-in for the field's key in a step's URL, and as url_for writes it


def case_actions(run: ChecklistRun) -> Actions:
    case = run.case
    slug = case.school.slug  # the school the request loaded: found in the session, no query

    def url(endpoint):
        # Built once per run, the key put in its place: a field's key is a slug, which url_for leaves as it is.
        before, after = url_for(endpoint, slug=slug, case_id=case.id, run_id=run.id, key=KEY).split(KEY_QUOTED)
        return lambda key: f"{before}{key}{after}"

    htmx = {"data-hx-swap": "none", "data-hx-include": f"#case-{case.id}-seen"}
    return Actions(url("cases.answer"), url("cases.note"), htmx, working=can("case.work", case))


def run_view(run: ChecklistRun, language: str, people: dict, contact_choices: list) -> RunView:
    """The run as the page shows it; `contact_choices` are (id, label) for contact or role pickers."""
    answers = {answer.field_key: answer for answer in run.answers}
    due = step_due_times(run)
    return build_view(run, definition_of(run), answers, current_answers(run), due, language, people, contact_choices)


def build_view(run, definition, answers, values, due, language, people, choices, actions=None, prefix=None):
    """The view-model of a run from plain values: `answers` (key → Answer row, for who and when), `values`
    (key → answer), `due` (key → DueTime, from `due_times`), the people per role and the pickers' choices.
    A case and the preview of a form both show their runs through it (and through cases/_run.html)."""
    evaluation = evaluate(definition, values)
    prefix = f"r{run.id}-" if prefix is None else prefix
    form_class = build_wtform(
        definition,
        language,
        yes_no_labels=(_("Yes"), _("No")),
        contact_options={f.key: choices for f in definition.fields if isinstance(f, ContactField)},
        required_message=_("This field is required."),
        show_text=content_in_page,  # a label only another language has says which (WCAG 3.1.2)
    )
    form = form_class.with_answers(evaluation.answers, prefix=prefix)
    now = utcnow()
    case = getattr(run, "case", None)  # the builder's preview has none
    late = case is None or case.is_open  # a closed case is finished: nothing in it is overdue any more
    steps = []
    for item in evaluation.visible:
        answer = answers.get(item.key)
        done = item.takes_answer and item.key in evaluation.answers
        when = due.get(item.key)
        at = when.at if when else None
        role = getattr(item, "call_role", None) or item.role
        steps.append(Step(item, answer, at, bool(late and at and not done and at < now), people.get(role, []), when))
    version = getattr(run, "form_version", None)
    number = version.number if version is not None else None
    return RunView(run, definition, form, steps, prefix, actions or case_actions(run), language, number)


def overdue_steps(run: ChecklistRun, now: datetime | None = None) -> list[tuple]:
    """(field, due time) for the visible steps of the run that are due and not done: what lists and
    the dashboard show, without building the run's form. Due times are counted on the school's calendar
    (`due_times.step_due_times`)."""
    evaluation = evaluate(definition_of(run), current_answers(run))
    due_times = step_due_times(run)
    now = now or utcnow()
    found = []
    for item in evaluation.visible:
        due = due_times[item.key].at if item.key in due_times else None
        if due and due < now and not (item.takes_answer and item.key in evaluation.answers):
            found.append((item, due))
    return found


def one_school_day_after(run: ChecklistRun, moment: datetime) -> datetime:
    """The same clock time one school day after `moment`, on the calendar of the run's school and counted
    as the steps' due times are (a step still overdue then is told to the school's administrators too)."""
    school = run.case.school
    start = moment.astimezone(OSLO)
    return Due(1, "school_days").after(start, due_calendar(school.organisation_id, school.id, start.year, span=1))


def answer_text(field, value, language: str, show_text=localized) -> str:
    """An answer as a person reads it: choice labels, yes/no, done, dates in words, or the value itself.
    `show_text` shows a choice's label (`content_in_page` on a page: marked when in another language)."""
    if value is None or value == []:
        return _("Not answered")
    if field.has_choices:
        labels = {choice.key: choice.label for choice in field.choices}
        chosen = value if isinstance(value, list) else [value]
        shown = [show_text(labels.get(key) or {language: key}, language, language) for key in chosen]
        return (Markup(", ") if any(isinstance(part, Markup) for part in shown) else ", ").join(shown)
    if value is True:
        return _("Done") if field.condition_choices() == (True,) else _("Yes")
    if value is False:
        return _("No")
    if field.type_name == "contact":
        return contact_name(value)
    if field.type_name in ("date", "datetime"):
        return written_date(value)  # "8. januar 2027", as a person writes it, not "2027-01-08"
    return str(value)


def contact_name(value) -> str:
    """A contact picker's answer ("person:12") as the person's name, never the id it is stored as; from the
    contacts the page loaded already (the session's identity map), else one read."""
    kind, _sep, ident = str(value).partition(":")
    if kind != "person" or not ident.isdigit():
        return str(value)
    person = db.session.get(ContactPerson, int(ident))
    return person.name if person is not None else _("a person no longer among the contacts")
