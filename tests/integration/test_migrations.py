"""The migrations build the schema from nothing on each backend, and match the models exactly."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from intranet import migrating
from intranet.extensions import db

from ..conftest import _fresh_postgres_database, make_app


def fresh_url(database_url, tmp_path):
    if database_url.startswith("sqlite"):
        return f"sqlite:///{tmp_path / 'migrations.db'}"
    return _fresh_postgres_database(database_url.rsplit("/", 1)[0] + "/postgres", "migrations_check")


def test_upgrade_from_empty_then_models_match_and_downgrade_removes_everything(database_url, tmp_path):
    application = make_app(fresh_url(database_url, tmp_path), tmp_path)
    with application.app_context():
        migrating.upgrade()
        with db.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), db.metadata)
            tables = set(inspect(conn).get_table_names())
        assert diff == [], f"models and migrations differ; run `flask db migrate`: {diff}"
        assert {"organisation", "school", "user_account", "membership", "invitation"} <= tables

        migrating.downgrade(revision="base")
        with db.engine.connect() as conn:
            assert set(inspect(conn).get_table_names()) <= {"alembic_version"}
        migrating.upgrade()
        db.engine.dispose()
