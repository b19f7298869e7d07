"""A large, realistic data set for benchmarks, in the app's own schema (built by its migrations).

    python -m bench.generate --database-url sqlite:////tmp/bench.db [--schools N | --national] [--reset]

The organisations' plan templates and shipped checklists, and the first school's published plan and
checklist copies, are made by the app's own operations. Every other school gets bulk copies of those
rows; people, contacts, cases, checklist runs, answers and events are inserted in batches with ids
chosen here, so no row waits on a round trip of its own. Every generated person has the same password.
All names are invented.
"""

import secrets
import time

from sqlalchemy import inspect

from intranet import create_app, migrating
from intranet.config import database_url_from_env
from intranet.extensions import db

from .database import after_load, reset_database
from .generator import PASSWORD, Generator, Sizes

__all__ = ["PASSWORD", "DatabaseNotEmpty", "Sizes", "generate", "reset_database"]


class DatabaseNotEmpty(RuntimeError):
    """The target database already has tables; generating into it would mix data sets."""


def generate(
    database_url: str,
    *,
    schools: int,
    organisations: int = 1,
    staff_per_school: int = 10,
    cases_per_school: int = 100,
    answers_per_case: int = 8,
    events_per_case: int = 8,
    seed: int = 1,
    reset: bool = False,
) -> dict:
    """Fill an empty database with the data set and return its manifest.

    Each school gets a rector and `staff_per_school` staff, and `cases_per_school` cases with about
    `answers_per_case` answers and exactly `events_per_case` events each. Raises DatabaseNotEmpty when
    the database has tables, unless `reset` drops everything first.
    """
    sizes = Sizes(schools, organisations, staff_per_school, cases_per_school, answers_per_case, events_per_case)
    if not (1 <= organisations <= schools and staff_per_school >= 1 and cases_per_school >= 1):
        raise ValueError("need at least one school per organisation, one staff member and one case per school")
    started = time.monotonic()
    url = database_url_from_env(database_url)
    if reset:
        reset_database(url)
    app = create_app(
        {"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": secrets.token_hex(16), "PUBLIC_BASE_URL": "http://localhost"}
    )
    with app.app_context():
        try:
            tables = inspect(db.engine).get_table_names()
            if tables:
                raise DatabaseNotEmpty(
                    f"The database already has {len(tables)} tables ({', '.join(sorted(tables)[:3])}, ...). "
                    "Pass --reset (reset=True) to drop everything in it first."
                )
            migrating.upgrade()
            made = Generator(sizes, seed).run()
            db.session.commit()
            after_load()
        finally:
            db.session.remove()
            db.engine.dispose()
    return {
        "schools": schools,
        "organisations": organisations,
        "per_school": {"staff": staff_per_school, "cases": cases_per_school},
        "per_case": {"answers": answers_per_case, "events": events_per_case},
        "seed": seed,
        "password": PASSWORD,
        "seconds": round(time.monotonic() - started, 1),
        **made,
    }
