"""Database migrations (Flask-Migrate on Alembic), set up only where they run: the `flask` command
and code that builds a database. Web workers never import Alembic, which is about 10 MiB each."""

from flask import Flask, current_app

from .config import PROJECT_ROOT
from .extensions import db

MIGRATIONS_DIR = PROJECT_ROOT / "migrations"


def enable_migrations(app: Flask) -> None:
    """Register Flask-Migrate (and the `flask db ...` commands) on `app`, once."""
    if "migrate" in app.extensions:
        return
    from flask_migrate import Migrate  # Alembic: only where migrations run (module docstring)

    Migrate(app, db, directory=str(MIGRATIONS_DIR), render_as_batch=True, compare_type=True)


def upgrade(revision: str = "head") -> None:
    """Bring the current app's database to `revision` (the app context's app)."""
    import flask_migrate  # Alembic: only where migrations run

    enable_migrations(current_app._get_current_object())
    flask_migrate.upgrade(revision=revision)


def downgrade(revision: str) -> None:
    import flask_migrate  # Alembic: only where migrations run

    enable_migrations(current_app._get_current_object())
    flask_migrate.downgrade(revision=revision)
