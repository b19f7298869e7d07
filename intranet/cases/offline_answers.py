"""The answers a phone gave in a case before the case reached the server (issue #22): they arrive with the
opening (cases/offline_opening.py), named as the page names a not yet opened case's answers."""

import uuid

from flask import flash
from flask_babel import get_locale, ngettext

from forms import InvalidAnswer, read_field

from ..errors import OperationError
from .linked import answer_and_start
from .operations import definition_of
from .sent import Sent, sent_with

PREFIX = "rnew-"  # the names of a not yet opened case's answers (a case's run: "r<run id>-")
GIVEN = "given-"  # + a field's key: when that answer was given on the phone


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
        sent = Sent(key=key, given_at=sent_with({"given_at": form.get(GIVEN + field.key)}).given_at)
        try:
            if unreadable:
                raise OperationError(unreadable)
            answer_and_start(run, field, field.coerce(value), user=user, sent=sent)
        except (OperationError, InvalidAnswer):
            left_out.append(definition.text(field.label, str(get_locale())))
    if left_out:
        message = ngettext(
            "%(num)d answer given on the phone was not saved: %(steps)s.",
            "%(num)d answers given on the phone were not saved: %(steps)s.",
            len(left_out),
            steps=", ".join(left_out),
        )
        flash(message, "error")
