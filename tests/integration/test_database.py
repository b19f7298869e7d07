"""SQLite runs with foreign keys enforced and write-ahead logging."""

import pytest
from sqlalchemy import text


def test_sqlite_enforces_foreign_keys_and_uses_wal(db):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite pragmas only")
    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"


def test_a_row_pointing_at_nothing_is_refused(db):
    from sqlalchemy.exc import IntegrityError

    from intranet.auth.models import Membership, Role, User

    user = User(email="x@example.no", name="X")
    user.memberships.append(Membership(role=Role.STAFF, school_id=999999))
    db.session.add(user)
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_a_forked_worker_opens_its_own_connections(db):
    """gunicorn forks its workers from a preloaded app: a child must not use the parent's pooled
    connections (two processes on one connection corrupt each other's conversation)."""
    import os

    with db.engine.connect() as conn:
        conn.execute(text("SELECT 1"))
    assert db.engine.pool.checkedin() >= 1
    child = os.fork()
    if child == 0:  # pragma: no cover - runs in the child, which reports through its exit code
        os._exit(0 if db.engine.pool.checkedin() == 0 else 1)
    _, status = os.waitpid(child, 0)
    assert os.waitstatus_to_exitcode(status) == 0, "the child still held the parent's pooled connections"
    assert db.engine.pool.checkedin() >= 1  # the parent keeps its own
