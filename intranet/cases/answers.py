"""Answering a case's step: its value or its note, each field one row of its own (so two people
ticking at once never overwrite each other), every change one event on the trail.

Refusals raise `OperationError` before anything is written: a closed case, a step the answers hide
now, a colleague's answer after the version the page saw (`AnswerConflict`, see sent.py).
"""

import threading

from cachetools import LRUCache, cached
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy.orm.attributes import set_committed_value

from forms import Definition, evaluate

from ..db import upsert, utcnow
from ..errors import OperationError
from ..extensions import db
from .lifecycle import CaseClosed
from .models import Answer, ChecklistRun
from .sent import Sent, changed_meanwhile, noted_by_others_since, sent_before
from .trail import Replayed, log


class AnswerConflict(OperationError):
    """A colleague changed the answer after the version the page last saw: `answer` is theirs, `value` ours."""

    def __init__(self, answer: Answer, value):
        super().__init__(_("A colleague answered this step meanwhile."))
        self.answer, self.value = answer, value


def definition_of(run: ChecklistRun) -> Definition:
    """The run's pinned definition. A published version never changes, so it is read (and validated)
    once per version and process, not on every tick."""
    return _parsed(run.form_version)


# The key holds the publishing time as well as the id, which a database may give again after a
# version is deleted. Bounded: some hundreds of versions are in use at a time.
@cached(LRUCache(maxsize=512), key=lambda version: (version.id, version.published_at), lock=threading.Lock())
def _parsed(version) -> Definition:
    return Definition.from_json(version.definition)


def current_answers(run: ChecklistRun) -> dict:
    return {answer.field_key: answer.value for answer in run.answers if answer.value is not None}


def answer_field(run: ChecklistRun, key: str, value, *, user, sent: Sent | None = None) -> Answer | None:
    """Store `value` (already coerced; None clears) as the answer to field `key`.

    Refused on a closed case, for a field the current answers hide (the page was stale) and when a
    colleague answered after the version the page saw (`sent`, see sent.py). The same value again
    changes nothing and logs nothing (a double submit is harmless); a key sent before neither.
    """

    def change(answer, definition, field):
        if key in evaluate(definition, current_answers(run)).hidden:
            raise OperationError(
                _(
                    "“%(label)s” is not part of the checklist any more: an earlier answer has changed.",
                    label=definition.text(field.label, str(get_locale())),  # in the reader's language
                )
            )
        if (answer.value if answer is not None else None) == value:
            return None  # a double submit, or clearing what was never answered
        if changed_meanwhile(answer, sent, user):
            raise AnswerConflict(answer, value)
        return {"value": value, "answered_by_id": user.id, "answered_at": utcnow()}, {"value": value}

    return _change_step(run, key, "answered", change, user=user, sent=sent)


def note_field(run: ChecklistRun, key: str, note: str, *, user, sent: Sent | None = None) -> Answer:
    """Store `note` on field `key`. Never a conflict: it is kept beside whatever the answer is now; a
    colleague's note that arrived after ours was given on the phone (`sent.given_at`) is kept, ours below it;
    and the trail keeps every note."""

    def change(answer, _definition, _field):
        current = answer.note if answer is not None else ""
        if current == note:
            return None
        theirs_since = bool(current) and current not in note and sent is not None
        theirs_since = theirs_since and noted_by_others_since(run, key, user, sent.given_at)
        kept = f"{current}\n\n{note}" if theirs_since else note
        given = {"note": kept}
        if answer is None or answer.value is None:
            given |= {"answered_by_id": user.id, "answered_at": utcnow()}
        return given, {"note": note}

    return _change_step(run, key, "noted", change, user=user, sent=sent)


def _change_step(run: ChecklistRun, key: str, kind: str, change, *, user, sent: Sent | None) -> Answer | None:
    """What every change to a step's row shares. A key sent before changes nothing; a closed case refuses;
    `change(answer, definition, field)` refuses (raises) or says what to write as (columns, event data),
    None when nothing changes. Then the event first, and the row: when the event's key turns out to be
    taken (the same request, sent twice at once), nothing is changed and the row is read again as the
    other request left it."""
    case = run.case
    if sent_before(case, sent):
        return _answer_row(run, key)
    if not case.is_open:
        raise CaseClosed()
    definition = definition_of(run)
    field = definition.field(key)
    answer = _answer_row(run, key)
    changed = change(answer, definition, field)
    if changed is None:
        return answer
    given, data = changed
    try:
        log(case, user, kind, sent=sent, run=run.id, field=key, label=_label(field, definition), **data)
    except Replayed:
        db.session.expire(run, ["answers"])
        return _answer_row(run, key)
    return _save_answer(run, key, answer, given)


def _label(field, definition: Definition) -> str:
    return definition.text(field.label, definition.default_language)


def _answer_row(run: ChecklistRun, key: str) -> Answer | None:
    """The run's answer row for `key`, from the answers loaded with the run (no query)."""
    return next((answer for answer in run.answers if answer.field_key == key), None)


def _save_answer(run: ChecklistRun, key: str, answer: Answer | None, given: dict) -> Answer:
    """`given` columns written to the run's answer row for `key`: an UPDATE of the loaded row, or one
    INSERT that updates instead if someone else inserted that row at the same moment (no savepoint,
    no reload). The new row joins the run's loaded answers, so the page shows it without a query."""
    if answer is not None:
        for name, value in given.items():
            setattr(answer, name, value)
        db.session.flush()
        db.session.expire(answer, ["answered_by"])  # read again from the session, by id (no query)
        return answer
    statement = (
        upsert()(Answer)
        .values(run_id=run.id, field_key=key, **given)
        .on_conflict_do_update(index_elements=[Answer.run_id, Answer.field_key], set_=given)
        .returning(Answer)
    )
    answer = db.session.scalars(statement, execution_options={"populate_existing": True}).one()
    set_committed_value(run, "answers", [*run.answers, answer])
    return answer
