"""A colleague's answer that came first (issue #22): both values next to the step, and the choice.

"Use mine" sends what was sent again with the version of theirs, so it is saved after theirs and the
timeline keeps both; "Keep theirs" changes nothing (a GET of the case page at the step; the phone's
script also drops what waits for that step in its outbox). A plain form post gets a page of its own.
"""

from dataclasses import dataclass

from flask import url_for
from flask_babel import gettext as _

from ..rendering import render
from .runs import answer_text
from .sent import version_of
from .times import short_datetime
from .views import _language

NOT_SENT_AGAIN = frozenset({"csrf_token", "v", "client_key", "seen"})  # made afresh for "Use mine"


@dataclass(frozen=True)
class Conflict:
    message: str  # both values, theirs with who and when
    version: str  # theirs, sent with "Use mine" so that ours is saved after it
    ours: tuple  # (name, value) of what was sent, to send again
    action: str  # where the step posts
    back: str  # the case page at the step


def conflict_of(school, case, run, field, refused, form) -> Conflict:
    """What the page needs to show a refused answer (`refused`: an `AnswerConflict`) and offer the choice."""
    anchor = f"#step-{run.id}-{field.key}"
    return Conflict(
        message=_conflict_message(field, refused),
        version=version_of(refused.answer),
        ours=tuple((name, value) for name, value in form.items(multi=True) if name not in NOT_SENT_AGAIN),
        action=url_for("cases.answer", slug=school.slug, case_id=case.id, run_id=run.id, key=field.key),
        back=url_for("cases.show", slug=school.slug, case_id=case.id) + anchor,
    )


def _conflict_message(field, conflict) -> str:
    """Both answers, theirs with who and when: the step then shows theirs, and the choice follows."""
    language, theirs = _language(), conflict.answer
    return _(
        "Not saved: %(name)s answered “%(theirs)s” at %(when)s, after this page last heard; yours was “%(yours)s”.",
        name=theirs.answered_by.name if theirs.answered_by else _("a colleague"),
        theirs=answer_text(field, theirs.value, language),
        when=short_datetime(theirs.answered_at),
        yours=answer_text(field, conflict.value, language),
    )


def conflict_page(school, case, conflict: Conflict, label: str):
    """Without a script: the refusal as a page with both values and the choice as two small forms."""
    return render("cases/conflict.html", school=school, case=case, conflict=conflict, label=label, status=409)
