"""Requests as one of the world's users, each inside a transaction that is rolled back."""

from contextlib import contextmanager
from dataclasses import dataclass
from io import BytesIO

from sqlalchemy import event
from werkzeug.datastructures import MultiDict

from intranet.extensions import db as _db

from ...conftest import session_id_for


@dataclass(frozen=True)
class Upload:
    content: bytes
    filename: str


@dataclass(frozen=True)
class GarbageRequest:
    path: str
    query: tuple | str  # pairs, or a raw query string (sent as it is, undecodable escapes and all)
    form: tuple
    headers: tuple


@contextmanager
def rolled_back(app):
    """Requests inside the block share one connection whose transaction is rolled back at the end.

    Each request's session commits only a savepoint, so the app behaves as usual within the block.
    """
    engines = _db.engines  # the app's engines by bind key; sessions ask it for their connection
    engine = engines[None]
    factory = _db.session.session_factory
    with engine.connect() as connection:
        transaction = connection.begin()
        if connection.dialect.name == "sqlite":
            # The sqlite3 driver starts no transaction itself (the first savepoint would be it, and its
            # release would commit), so begin one, as a writing request does (db.begin_writes_at_once)...
            connection.exec_driver_sql("BEGIN IMMEDIATE")
            event.listen(connection, "before_cursor_execute", _begun_already, retval=True)
        engines[None] = connection  # type: ignore[index]
        factory.kw["join_transaction_mode"] = "create_savepoint"
        try:
            yield
        finally:
            del factory.kw["join_transaction_mode"]
            engines[None] = engine  # type: ignore[index]
            transaction.rollback()


def _begun_already(conn, cursor, statement, parameters, context, executemany):
    """...and let the requests' own BEGIN IMMEDIATE find it begun, as a nested BEGIN would fail."""
    return ("SELECT 1" if statement.strip().upper().startswith("BEGIN") else statement), parameters


def session_ids(world) -> dict[str, str]:
    """Each user's session cookie id, read up front: inside `rolled_back` the test's own session stays idle."""
    return {"anonymous": "", **{role: session_id_for(user) for role, user in world.users.items()}}


def client_for(app, session_id: str):
    client = app.test_client()
    if session_id:  # as conftest.login_as does, without asking the database for the user again
        with client.session_transaction() as session:
            session["_user_id"] = session_id
            session["_fresh"] = True
    return client


def send(app, session_id: str, method: str, request: GarbageRequest):
    form = [(n, (BytesIO(v.content), v.filename) if isinstance(v, Upload) else v) for n, v in request.form]
    return client_for(app, session_id).open(
        request.path,
        method=method,
        query_string=request.query if isinstance(request.query, str) else MultiDict(list(request.query)),
        data=MultiDict(form) if method == "POST" else None,
        headers=list(request.headers),
    )


def no_fault(response) -> None:
    assert response.status_code < 500, response.status_code
    if response.status_code >= 400:
        assert "Traceback" not in response.get_data(as_text=True)
