"""A case's trail: every change appends one `CaseEvent`, and an event sent with a key is written once."""

from sqlalchemy.exc import IntegrityError

from ..extensions import db
from . import audit
from .models import Case, CaseEvent
from .sent import Sent


class Replayed(Exception):
    """The event with this key is there already: the request was sent before."""


def log(case: Case, user, kind: str, *, sent: Sent | None = None, **data) -> CaseEvent:
    """Append an event of `kind` by `user`; with a key in `sent`, written at once in a savepoint: a
    request with the same key at the same moment waits on the unique index and fails here with
    `Replayed`, and then changes nothing (see answers.py)."""
    event = CaseEvent(case_id=case.id, user_id=user.id if user else None, kind=kind, data=data)
    if sent is not None:
        event.client_key, event.given_at = sent.key, sent.given_at
    if event.client_key:
        try:
            with db.session.begin_nested():
                db.session.add(event)
        except IntegrityError as error:
            raise Replayed() from error
    else:
        db.session.add(event)
    audit.logged(case.id, event.user_id)
    return event
