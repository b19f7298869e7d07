"""Shared fixtures: the app on each database backend, a clean database per test, logged-in
clients, factories and a SQL query counter. Browser fixtures live in tests/e2e/conftest.py."""

import contextvars
import os
import secrets
from contextlib import contextmanager
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from sqlalchemy import create_engine, event, text

from intranet import create_app, migrating
from intranet.auth.models import Membership, Role, User
from intranet.auth.passwords import hash_password
from intranet.extensions import db as _db
from intranet.extensions import limiter
from intranet.schools.models import Organisation, School, SchoolKind

from .pg import start_cluster

IN_CI = os.environ.get("CI") == "true"
PASSWORD = "correct horse battery staple"
PASSWORD_HASH = hash_password(PASSWORD)  # argon2 is slow on purpose; hash the shared test password once


# ---------------------------------------------------------------- databases


@pytest.fixture(scope="session")
def postgres_url():
    """TEST_DATABASE_URL when set, otherwise a throwaway cluster started for this session."""
    if os.environ.get("TEST_DATABASE_URL"):
        yield os.environ["TEST_DATABASE_URL"].replace("postgresql://", "postgresql+psycopg://", 1)
        return
    cluster = start_cluster()
    if cluster is None:
        if IN_CI:
            pytest.fail("PostgreSQL server binaries are missing; CI must run the PostgreSQL tests.")
        pytest.skip("PostgreSQL server binaries not found: PostgreSQL tests skipped")
    yield cluster.url
    cluster.stop()


def _fresh_postgres_database(base_url: str, name: str) -> str:
    admin = create_engine(base_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return base_url.rsplit("/", 1)[0] + f"/{name}"


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def database_url(request, tmp_path_factory):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('sqlite') / 'test.db'}"
    base = request.getfixturevalue("postgres_url")
    return _fresh_postgres_database(base, "intranet_test")


class IsolatedClient(FlaskClient):
    """Runs each request in a fresh context, as a real server would.

    Without this, a request made while the test holds an app context reuses that context, so
    `g` (the logged-in user, cached memberships) and the database session leak between requests.
    """

    def open(self, *args, **kwargs):
        return contextvars.Context().run(super().open, *args, **kwargs)


def make_app(database_url: str, tmp_path: Path, **overrides):
    config = {
        "TESTING": True,
        "SECRET_KEY": secrets.token_hex(16),
        "SQLALCHEMY_DATABASE_URI": database_url,
        "WTF_CSRF_ENABLED": False,
        "MAIL_OUTBOX_DIR": str(tmp_path / "outbox"),
        "SERVER_NAME": "intranet.test",
        "RATELIMIT_ENABLED": True,  # every app gets the limiter's hooks; `limiter.enabled` below switches it
        "PUBLIC_CACHE_DIR": str(tmp_path / "public-cache"),
        **overrides,
    }
    application = create_app(config)
    application.test_client_class = IsolatedClient
    # The limiter's storage is set up at init; tests switch throttling on only where they test it.
    limiter.enabled = False
    return application


@pytest.fixture(scope="session")
def app(database_url, tmp_path_factory):
    """The application, with its schema built by the migrations (never create_all)."""
    application = make_app(database_url, tmp_path_factory.mktemp("app"))
    with application.app_context():
        migrating.upgrade()
    return application


@pytest.fixture
def db(app):
    """The database, emptied after each test (real commits, so threads and requests see the data)."""
    with app.app_context():
        yield _db
        _db.session.remove()
        app.extensions["public_cache"].clear()  # pages kept for the data this test made
        tables = list(reversed(_db.metadata.sorted_tables))
        with _db.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                names = ", ".join(f'"{t.name}"' for t in tables)
                conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
            else:
                for table in tables:
                    conn.execute(table.delete())
    outbox = Path(app.config["MAIL_OUTBOX_DIR"])
    for mail in outbox.glob("*.eml"):
        mail.unlink()


@pytest.fixture
def client(app, db):
    return app.test_client()


# ---------------------------------------------------------------- factories


@pytest.fixture
def create_organisation(db):
    def create(name="Testvik kommune", slug=None):
        org = Organisation(name=name, slug=slug or f"org-{secrets.token_hex(3)}")
        db.session.add(org)
        db.session.commit()
        return org

    return create


@pytest.fixture
def create_school(db, create_organisation):
    def create(
        organisation=None,
        name="Testvik ungdomsskole",
        slug=None,
        kind=SchoolKind.LOWER_SECONDARY,
        languages="nb,nn,en",
        default_language="nb",
    ):
        school = School(
            organisation=organisation or create_organisation(),
            name=name,
            slug=slug or f"school-{secrets.token_hex(3)}",
            kind=kind,
            languages=languages,
            default_language=default_language,
        )
        db.session.add(school)
        db.session.commit()
        return school

    return create


@pytest.fixture
def create_user(db):
    def create(
        role: Role | None = None,
        school: School | None = None,
        organisation: Organisation | None = None,
        email=None,
        name="Test Person",
        password=PASSWORD,
        language=None,
    ):
        password_hash = None
        if password:
            password_hash = PASSWORD_HASH if password == PASSWORD else hash_password(password)
        user = User(
            email=email or f"user-{secrets.token_hex(4)}@example.no",
            name=name,
            password_hash=password_hash,
            language=language,
        )
        if role == Role.ORG_ADMIN:
            user.memberships.append(Membership(role=role, organisation=organisation))
        elif role is not None:
            user.memberships.append(Membership(role=role, school=school))
        db.session.add(user)
        db.session.commit()
        return user

    return create


@pytest.fixture
def world(create_organisation, create_school, create_user):
    """One municipality with two schools, and a person in each role the permission matrix knows."""
    org = create_organisation(name="Testvik kommune", slug="testvik")
    school = create_school(org, name="Testvik ungdomsskole", slug="testvik-us")
    other = create_school(org, name="Andreby skole", slug="andreby", kind=SchoolKind.PRIMARY)
    other_org = create_organisation(name="Fjernby kommune", slug="fjernby")
    far_school = create_school(other_org, name="Fjernby skole", slug="fjernby-skole")

    class World:
        pass

    w = World()
    w.org, w.school, w.other_school, w.other_org, w.far_school = org, school, other, other_org, far_school
    w.users = {
        "staff": create_user(Role.STAFF, school=school, email="staff@example.no", name="Stina Staff"),
        "school_admin": create_user(Role.SCHOOL_ADMIN, school=school, email="rector@example.no", name="Rita Rektor"),
        "org_admin": create_user(Role.ORG_ADMIN, organisation=org, email="org@example.no", name="Olav Kommune"),
        "staff_other_school": create_user(Role.STAFF, school=other, email="other@example.no", name="Otto Annen"),
        "org_admin_other_org": create_user(
            Role.ORG_ADMIN, organisation=other_org, email="far@example.no", name="Frida Fjern"
        ),
    }
    return w


# ---------------------------------------------------------------- clients and helpers


def session_id_for(user: User) -> str:
    """A new server-side session for `user` (committed), as signing in starts one: the cookie's user id."""
    from intranet.auth import sessions

    cookie_id = sessions.start(user)
    _db.session.commit()
    return cookie_id


def login_as(client, user: User) -> None:
    """Log a test client in by setting the session directly (no password round-trip)."""
    cookie_id = session_id_for(user)
    with client.session_transaction() as session:
        session["_user_id"] = cookie_id
        session["_fresh"] = True
        session.permanent = True


@pytest.fixture
def login(client):
    def do(user: User):
        login_as(client, user)
        return client

    return do


@contextmanager
def count_queries(engine):
    """Count the SQL statements sent to `engine` inside the block: `with count_queries(e) as q: ...; q.count`."""

    class Counter:
        count = 0
        statements: list[str] = []

    counter = Counter()
    counter.statements = []

    def before(conn, cursor, statement, parameters, context, executemany):
        counter.count += 1
        counter.statements.append(statement)

    event.listen(engine, "before_cursor_execute", before)
    try:
        yield counter
    finally:
        event.remove(engine, "before_cursor_execute", before)


@pytest.fixture
def query_counter(db):
    return lambda: count_queries(db.engine)


@pytest.fixture
def csrf_enabled(app, monkeypatch):
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)


@pytest.fixture
def rate_limited(app):
    limiter.enabled = True
    with app.app_context():  # the database storage counts in the app's own database
        limiter.reset()
    yield
    with app.app_context():
        limiter.reset()
    limiter.enabled = False


def outbox(app) -> list[str]:
    """The mails the outbox backend has written, oldest first, as text."""
    import email
    from email import policy

    folder = Path(app.config["MAIL_OUTBOX_DIR"])
    mails = []
    for path in sorted(folder.glob("*.eml")):
        message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
        mails.append(message)
    return mails
