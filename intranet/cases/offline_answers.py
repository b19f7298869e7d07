"""The answers and notes a phone gave in a case before the case reached the server (issue #22): they arrive
with the opening (cases/offline_opening.py), named as the page names a not yet opened case's answers."""

import uuid

from flask import flash
from flask_babel import get_locale, ngettext

from forms import InvalidAnswer, evaluate, read_field

from ..errors import OperationError
from .answers import note_field
from .linked import answer_and_start
from .operations import current_answers, definition_of
from .sent import Sent, sent_with

PREFIX = "rnew-"  # the names of a not yet opened case's answers (a case's run: "r<run id>-")
GIVEN = "given-"  # + a field's key: when that answer was given on the phone
NOTE, NOTE_GIVEN = "note-", "note-given-"  # + a field's key: the note written on the phone, and when
NOTE_LENGTH = 2000  # as the note form's maxlength


def answer_offline(case, form, *, user) -> None:
    """The answers given on the phone before `case` reached the server, in the checklist's order (a step
    shown by an earlier answer after it), each with the time it was given and a key made from the
    opening's, so the same opening sent again records nothing twice. One the server refuses (the step is
    hidden by the answers, the value does not fit) is left out, and the person is told which."""
    if not case.client_key or not case.runs:
        return
    run = case.runs[0]
    definition = definition_of(run)
    left_out = []
    for field in definition.fields:
        if not field.takes_answer or PREFIX + field.key not in form:
            continue
        value, unreadable = read_field(definition, field.key, form, PREFIX)
        key = str(uuid.uuid5(uuid.UUID(case.client_key), field.key))
        sent = Sent(key=key, given_at=_given(form, GIVEN + field.key))
        try:
            if unreadable:
                raise OperationError(unreadable)
            answer_and_start(run, field, field.coerce(value), user=user, sent=sent)
        except (OperationError, InvalidAnswer):
            left_out.append(definition.text(field.label, str(get_locale())))
    left_out += _notes_offline(case, run, definition, form, user=user)
    if left_out:
        message = ngettext(
            "%(num)d answer or note given on the phone was not saved: %(steps)s.",
            "%(num)d answers or notes given on the phone were not saved: %(steps)s.",
            len(left_out),
            steps=", ".join(left_out),
        )
        flash(message, "error")


def _notes_offline(case, run, definition, form, *, user) -> list[str]:
    """The notes written on the phone, after the answers (a note stays beside whatever the answer is), each
    once; the labels of the steps whose note was refused (the answers hide the step)."""
    shown = {item.key for item in evaluate(definition, current_answers(run)).visible}
    refused = []
    for field in definition.fields:
        text = (form.get(NOTE + field.key) or "").strip()[:NOTE_LENGTH]
        if not field.takes_answer or not text:
            continue
        if field.key not in shown:
            refused.append(definition.text(field.label, str(get_locale())))
            continue
        key = str(uuid.uuid5(uuid.UUID(case.client_key), NOTE + field.key))
        note_field(run, field.key, text, user=user, sent=Sent(key=key, given_at=_given(form, NOTE_GIVEN + field.key)))
    return refused


def _given(form, name: str):
    return sent_with({"given_at": form.get(name)}).given_at
