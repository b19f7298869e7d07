"""Knowing, with one indexed read, whether any public page may have changed.

Every flush that writes a model a public page could show (a school, its contacts, roles, services,
a published plan revision...) gives the single `public_stamp` row a new random value, in the same
transaction as the change. The cache in front of the public pages (cache.py) keeps a page with the
stamp it was rendered under and serves it only while the stamp is the same. The models below never
appear on a public page, so the busy writes (ticks on a case, sign-ins, drafts) leave it alone; any
model not listed counts as public, so a new model errs on the side of a fresh page.

The cache reads the stamp at most once a second per process (PUBLIC_CACHE_STAMP_SECONDS), and
at once after this process itself committed a new one (`changes_committed_here`): a change made
through one worker shows there immediately and on the other workers within that second.
"""

import secrets

from sqlalchemy import event, text
from sqlalchemy.orm import Session

QUIET_TABLES = frozenset(
    {
        "user_account",
        "login_session",
        "rate_limit_counter",
        "access_event",
        "membership",
        "invitation",
        "calendar_feed",
        "case_file",
        "case_counter",
        "case_member",
        "checklist_run",
        "case_answer",
        "case_event",
        "form_document",
        "form_version",
        "plan_section",
        "template_section",
        "public_stamp",
        "reminder",
        "reminder_setting",
        "reminder_digest",
    }
)

READ = text("SELECT value FROM public_stamp WHERE id = 1")
# One statement on SQLite and PostgreSQL alike, even when the row is missing (a truncated database).
BUMP = text(
    "INSERT INTO public_stamp (id, value) VALUES (1, :value) ON CONFLICT (id) DO UPDATE SET value = excluded.value"
)


def _table_of(instance) -> str | None:
    return getattr(type(instance), "__tablename__", None)


def touches_public_pages(tables) -> bool:
    return any(table not in QUIET_TABLES for table in tables)


def bump(connection) -> None:
    connection.execute(BUMP, {"value": secrets.randbits(62)})


_BUMPED = "public_stamp_bumped"
_committed_here = 0  # how many transactions of this process have changed the stamp


def changes_committed_here() -> int:
    return _committed_here


def _bump_in(session: Session) -> None:
    bump(session.connection())
    session.info[_BUMPED] = True


@event.listens_for(Session, "after_commit")
def _count_commit(session) -> None:
    global _committed_here
    if session.info.pop(_BUMPED, False):
        _committed_here += 1


@event.listens_for(Session, "after_transaction_end")
def _forget_rolled_back(session, transaction) -> None:
    if transaction.parent is None:  # the whole transaction ended; a committed bump was counted above
        session.info.pop(_BUMPED, None)


@event.listens_for(Session, "after_flush")
def _after_flush(session, flush_context) -> None:
    changed = {_table_of(instance) for instance in (*session.new, *session.dirty, *session.deleted)}
    if touches_public_pages(changed - {None}):
        _bump_in(session)


@event.listens_for(Session, "do_orm_execute")
def _bulk_writes(state) -> None:
    """`update()`/`delete()` statements run through the session skip the flush; they count too."""
    mapper = state.bind_mapper
    if (state.is_update or state.is_delete) and mapper is not None and touches_public_pages({mapper.local_table.name}):
        _bump_in(state.session)


def read(connection) -> int | None:
    return connection.execute(READ).scalar()
