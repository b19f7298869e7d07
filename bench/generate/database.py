"""The database around the data: emptied before, fast SQLite writes during, sequences and statistics after."""

from datetime import datetime
from pathlib import Path

from sqlalchemy import create_engine, func, select
from sqlalchemy.engine import make_url

from intranet.extensions import db


def reset_database(url: str) -> None:
    """Drop everything: delete a SQLite file, or drop and recreate PostgreSQL's public schema."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(parsed.database + suffix).unlink(missing_ok=True)
        return
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.exec_driver_sql("DROP SCHEMA IF EXISTS public CASCADE")
        connection.exec_driver_sql("CREATE SCHEMA public")
    engine.dispose()


def fast_sqlite_writes() -> None:
    """No rollback journal and no fsync while generating into SQLite (a failed run is simply run again)."""
    connection = db.session.connection()
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("PRAGMA journal_mode=OFF")
        connection.exec_driver_sql("PRAGMA synchronous=OFF")
        connection.exec_driver_sql("PRAGMA cache_size=-262144")  # 256 MB: the big tables' indexes stay in memory


def backdate(moment: datetime) -> None:
    """Date what the app's operations just made (templates, the first plan and checklists) before any case."""
    connection = db.session.connection()
    for table in db.metadata.sorted_tables:
        stamps = {name: moment for name in ("created_at", "updated_at", "published_at") if name in table.c}
        if stamps:
            connection.execute(table.update().values(**stamps))


def after_load() -> None:
    """PostgreSQL: move the id sequences past the ids chosen here, and gather planner statistics."""
    if db.engine.dialect.name != "postgresql":
        return
    with db.engine.begin() as connection:
        for table in db.metadata.sorted_tables:
            if "id" in table.c:
                sequence = func.pg_get_serial_sequence(table.name, "id")
                next_id = select(func.coalesce(func.max(table.c.id), 0) + 1).scalar_subquery()
                connection.execute(select(func.setval(sequence, next_id, False)))
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql("ANALYZE")
