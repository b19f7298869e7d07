"""What a page sends with a tick or a note besides the answer, so that a phone can send it late.

- `key`: a UUID the page made for this answer. The same key twice on a case is one event (a unique
  index on case_event): a retried request, or the phone's outbox sending again, changes nothing more.
- `given_at`: when the answer was given on the phone; the event keeps it beside the time it arrived.
- `version`: the answer's version the page last saw (`version_of`). When a colleague changed the
  answer after it, the tick is refused (`operations.AnswerConflict`), never silently overwritten.
  A note is never refused: a colleague's note that arrived after ours was given is kept, ours added
  below it (`noted_by_others_since`, answers.note_field).
"""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import exists, select

from ..db import utcnow
from ..extensions import db
from .models import CaseEvent

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
SHOWN_APART = timedelta(minutes=1)  # given and received further apart than this: the timeline shows both


@dataclass(frozen=True)
class Sent:
    key: str | None = None
    given_at: datetime | None = None
    version: str | None = None  # "": the page saw no answer; None: nothing is compared


def sent_with(form) -> Sent:
    """The key, the time given and the version seen in a posted form; what is missing or unreadable is None."""
    return Sent(_key(form.get("client_key")), _given_at(form.get("given_at")), form.get("v"))


def version_of(answer) -> str:
    """The answer's version as a page carries it (the input `v`: empty before any answer, and a request
    without `v`, from a client that does not track versions, is not compared): when it was last
    answered, in microseconds since 1970, in hexadecimal."""
    return format((answer.answered_at - EPOCH) // timedelta(microseconds=1), "x") if answer is not None else ""


def shown_apart(event) -> bool:
    """Whether an event's time on the phone is worth showing beside the time it arrived."""
    return event.given_at is not None and abs(event.at - event.given_at) > SHOWN_APART


def sent_before(case, sent: Sent | None) -> bool:
    """Whether an event with the request's key is on the case already (one query, only with a key)."""
    if sent is None or not sent.key:
        return False
    query = exists().where(CaseEvent.case_id == case.id, CaseEvent.client_key == sent.key)
    return db.session.scalar(select(query))


def changed_meanwhile(answer: object, sent: Sent | None, user) -> bool:
    """Whether someone else answered after the version the page sent (the user's own earlier answers,
    from the same outbox, are not a conflict)."""
    if sent is None or sent.version is None or answer is None:
        return False
    return answer.answered_by_id != user.id and version_of(answer) != sent.version


def noted_by_others_since(run, key: str, user, since: datetime | None) -> bool:
    """Whether someone other than `user` changed the note on `key` in `run` after `since` (the time our
    note was given on the phone; one query on the case's events, none without a time)."""
    if since is None:
        return False
    query = exists().where(
        CaseEvent.case_id == run.case_id,
        CaseEvent.kind == "noted",
        CaseEvent.at > since,
        CaseEvent.user_id != user.id,
        CaseEvent.data["run"].as_integer() == run.id,
        CaseEvent.data["field"].as_string() == key,
    )
    return db.session.scalar(select(query))


def _key(value) -> str | None:
    try:
        return str(uuid.UUID(value)) if value else None
    except (ValueError, TypeError):
        return None


def _given_at(value) -> datetime | None:
    """A time the phone gives (ISO 8601), never later than now: a phone's clock may run ahead."""
    try:
        given = datetime.fromisoformat(value) if value else None
    except (ValueError, TypeError):
        return None
    if given is None or given.tzinfo is None:
        return None
    return min(given.astimezone(UTC), utcnow())
