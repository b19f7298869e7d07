"""A person's reminders as one mail, in their language. It names no pupil: the case's reference, the
step, the due time and a link, never the case's label, answers or notes."""

from dataclasses import dataclass
from email.message import EmailMessage

from flask import current_app, render_template
from flask_babel import force_locale, get_locale, ngettext
from flask_babel import gettext as _

from ..cases.operations import definition_of
from ..dates import format_date, format_skeleton
from ..db import OSLO
from ..links import external_url
from ..mail import build_message
from .models import DAILY, ESCALATED, IMMEDIATELY, OVERDUE, REVIEW, SOON


@dataclass(frozen=True)
class Line:
    text: str
    url: str


def language_of(user, school) -> str:
    return user.language or school.default_language or current_app.config["BABEL_DEFAULT_LOCALE"]


def moment(at) -> str:
    """A due time as a mail reads it in the current language: weekday, day, month and Oslo clock time."""
    at = at.astimezone(OSLO)
    return f"{format_skeleton('MMMEd', at)} {format_skeleton('Hm', at, tzinfo=OSLO)}"


def _line(reminder) -> Line:
    school = reminder.school
    if reminder.kind == REVIEW:
        when = format_date(reminder.due_at.astimezone(OSLO).date(), "long")
        text = _("The drug-prevention plan of %(school)s is to be reviewed by %(when)s.", school=school.name, when=when)
        return Line(text, external_url("plans.overview", slug=school.slug))
    run = reminder.run
    definition = definition_of(run)
    step = definition.text(definition.field(reminder.field_key).label, str(get_locale()))
    values = {
        "reference": run.case.reference,
        "school": school.name,
        "step": step,
        "when": moment(reminder.due_at),
    }
    texts = {
        SOON: _("Case %(reference)s at %(school)s: “%(step)s” is due %(when)s.", **values),
        OVERDUE: _("Case %(reference)s at %(school)s: “%(step)s” was due %(when)s and is not done.", **values),
        ESCALATED: _(
            "Case %(reference)s at %(school)s: “%(step)s” was due %(when)s and is still not done a school day "
            "later. You are told as an administrator of the school.",
            **values,
        ),
    }
    url = external_url("cases.show", slug=school.slug, case_id=run.case_id) + f"#step-{run.id}-{reminder.field_key}"
    return Line(texts[reminder.kind], url)


def _subject(reminders, digest: bool) -> str:
    if digest:
        return ngettext("Your daily reminder (%(num)d)", "Your daily reminders (%(num)d)", len(reminders))
    if len(reminders) > 1:
        return ngettext("%(num)d reminder", "%(num)d reminders", len(reminders))
    reminder = reminders[0]
    if reminder.kind == REVIEW:
        return _("The plan of %(school)s is due for review", school=reminder.school.name)
    reference = reminder.run.case.reference
    return {
        SOON: _("Due soon: a step in case %(reference)s", reference=reference),
        OVERDUE: _("Overdue: a step in case %(reference)s", reference=reference),
        ESCALATED: _("Still overdue: a step in case %(reference)s", reference=reference),
    }[reminder.kind]


def reminder_mail(user, reminders, *, digest: bool, mode: str) -> EmailMessage:
    """One mail with `reminders` (rows with their school, and run and case for steps) for `user`."""
    language = language_of(user, reminders[0].school)
    setting_url = external_url("reminders.setting")
    with force_locale(language):
        ordered = sorted(reminders, key=lambda r: (r.due_at, r.id))
        how = {IMMEDIATELY: _("at once"), DAILY: _("in a daily digest")}.get(mode, _("at once"))
        body = render_template(
            "reminders/mail/reminders.txt",
            user=user,
            lines=[_line(r) for r in ordered],
            how=how,
            setting_url=setting_url,
        )
        message = build_message(user.email, _subject(ordered, digest), body)
    message["Content-Language"] = language
    message["List-Unsubscribe"] = f"<{setting_url}>"
    message["Auto-Submitted"] = "auto-generated"
    return message
