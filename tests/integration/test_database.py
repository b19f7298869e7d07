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
