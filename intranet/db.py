"""Database helpers: UTC timestamps, SQLite pragmas and the single commit point per request.

Operations change the session and flush(); nothing else commits. After a view has produced
its response, `finish_request` commits when the response is a success or a redirect and rolls
back otherwise, then runs the callbacks queued with `after_commit` (mails, for example), so a
mail is never sent for a change that did not land. What must be on record even for a refused
request (`record_anyway`) is written after the rollback, in a short transaction of its own.
"""

import os
import weakref
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from flask import Flask, Response, g, request
from sqlalchemy import DateTime, event, text
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.types import TypeDecorator
from werkzeug.routing import IntegerConverter

from .extensions import db

INTEGER_MAX = 2**31 - 1  # the largest number an INTEGER column (every id) holds on PostgreSQL


# Norwegian schools keep Norwegian time: the day, month and year a school sees.
OSLO = ZoneInfo("Europe/Oslo")


def utcnow() -> datetime:
    return datetime.now(UTC)


def db_int(value: str) -> int:
    """`int(value)`, refused (ValueError) beyond an INTEGER column: `request.args.get("id", type=db_int)`.

    PostgreSQL answers a larger number in a query with an error, not with "no such row".
    """
    number = int(value)
    if not -INTEGER_MAX - 1 <= number <= INTEGER_MAX:
        raise ValueError(f"{value} does not fit an INTEGER column")
    return number


class IdConverter(IntegerConverter):
    """`<int:...>` in routes: a number beyond an INTEGER column does not match (404), see `db_int`."""

    def __init__(self, map, fixed_digits=0, min=None, max=INTEGER_MAX, signed=False):
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


class UTCDateTime(TypeDecorator):
    """Stores naive UTC on every backend and always hands back an aware UTC datetime."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not accepted; use utcnow()")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        return None if value is None else value.replace(tzinfo=UTC)


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow, nullable=False)


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, connection_record):
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()


def after_commit(callback) -> None:
    """Run `callback()` once this request's transaction has been committed."""
    g.setdefault("after_commit", []).append(callback)


def record_anyway(recorder) -> None:
    """Run `recorder(kept)` at the end of this request to add rows that must be written whatever its
    status (the audit trail of who saw a case). On a success it runs just before the commit, in the
    request's transaction (kept=True); on a refusal (4xx) after the rollback, and what it added is
    committed on its own (kept=False). It does not run for an error page (5xx) nor when the commit
    fails: the user then got nothing the view made."""
    g.setdefault("record_anyway", []).append(recorder)


def finish_request(response: Response) -> Response:
    recorders = g.pop("record_anyway", [])  # taken now: a failing commit leaves none for the error page
    if response.status_code < 400:
        for recorder in recorders:
            recorder(True)
        db.session.commit()
        for callback in g.pop("after_commit", []):
            callback()
    else:
        db.session.rollback()
        g.pop("after_commit", None)
        if recorders and response.status_code < 500:
            for recorder in recorders:
                recorder(False)
            db.session.commit()  # if this fails, the error page (503) replaces what it would have recorded
    return response


def rollback_on_error(exc: BaseException | None) -> None:
    if exc is not None:
        db.session.rollback()


def begin_writes_at_once() -> None:
    """On SQLite a request that may write starts its transaction with BEGIN IMMEDIATE.

    The sqlite3 driver otherwise opens no transaction before the first write, so a savepoint taken
    earlier (`begin_nested`) becomes the transaction and its release commits half a request; and a
    transaction that reads and then writes fails at once with "database is locked" when another
    process wrote in between (busy_timeout does not cover that upgrade). Taking the write lock at
    the start waits for it (busy_timeout) and makes the request all or nothing. Reads stay as they are.
    """
    if request.method in ("GET", "HEAD", "OPTIONS") or db.engine.dialect.name != "sqlite":
        return
    db.session.execute(text("BEGIN IMMEDIATE"))


_ENGINES: "weakref.WeakSet[Engine]" = weakref.WeakSet()


def _forget_inherited_connections() -> None:
    """In a forked child (a gunicorn worker under preload_app), drop the pooled connections copied
    from the parent without closing them: they belong to the parent. The child opens its own."""
    for engine in list(_ENGINES):
        engine.dispose(close=False)


os.register_at_fork(after_in_child=_forget_inherited_connections)


def configure_database(app: Flask) -> None:
    with app.app_context():
        _ENGINES.add(db.engine)
    app.url_map.converters["int"] = IdConverter  # before the blueprints add their routes
    app.before_request(begin_writes_at_once)
    app.after_request(finish_request)
    app.teardown_request(rollback_on_error)


def upsert():
    """The INSERT of the session's database that can update on conflict (PostgreSQL's or SQLite's)."""
    return postgresql_insert if db.session.get_bind().dialect.name == "postgresql" else sqlite_insert
