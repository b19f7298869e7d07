"""Opening a case once (issue #22). The page gives each opening a random key (the new-case form carries one,
and a phone that opens a case without a connection keeps sending it with the opening until it arrives):
the same key at the same school is the same case, however often or however concurrently it is sent."""

import uuid

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from .models import Case
from .operations import open_case


def opening_key(value) -> str | None:
    """A key as the page sends it (a UUID), normalised; anything else is no key."""
    try:
        return str(uuid.UUID(value)) if value else None
    except (ValueError, TypeError, AttributeError):
        return None


def _opened_with(school, key: str) -> Case | None:
    return db.session.scalar(select(Case).where(Case.school_id == school.id, Case.client_key == key))


def open_case_once(school, version, *, user, client_key: str | None, **details) -> Case:
    """The case `client_key` opened at `school` for `user`, opened now if it was not yet.

    A key some other person used (it was copied, or guessed) opens a case of the user's own without it:
    nobody reaches another person's case through a key. Two requests with one key at the same moment make
    one case: the second meets the unique index, rolls back its savepoint and takes the first one's case.
    """
    if client_key:
        case = _opened_with(school, client_key)
        if case is not None:
            return case if case.opened_by_id == user.id else open_case(school, version, user=user, **details)
    try:
        with db.session.begin_nested():
            case = open_case(school, version, user=user, **details)
            case.client_key = client_key
            db.session.flush()
    except IntegrityError:
        case = _opened_with(school, client_key)
        if case is None or case.opened_by_id != user.id:
            raise
    return case
