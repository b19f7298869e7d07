"""Sign-in throttling that holds across workers and servers.

Flask-Limiter counts attempts per client address and per account. The counts live in Redis when
REDIS_URL is set; otherwise in the app's own database (`database://`, the storage below), so every
gunicorn worker and every app server on that database shares them. A worker's memory never holds
them outside the tests.

The database storage is a fixed window per key: one row `(key, expires_at, count)`. Each hit is a
single upsert that starts a new window when the old one has passed, so concurrent hits from many
processes are counted exactly (the row lock on PostgreSQL, the write lock on SQLite). It is written
on a connection of its own and committed at once: a failed sign-in answers 401, and the request's
own transaction is rolled back (`finish_request`), but the attempt must still count.
"""

import hashlib
import random
import time

from flask import current_app, make_response, render_template, request
from flask_babel import ngettext
from limits.errors import StorageError
from limits.storage import Storage
from sqlalchemy import Column, Float, Integer, String, Table, case, delete, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from ..errors import ERROR_TEXTS, RETRY_AFTER_SECONDS, handle_database_unavailable
from ..extensions import db, limiter
from ..forms_support import add_error
from .forms import ForgotPasswordForm, LoginForm
from .operations import normalise_email

CLEANUP_SHARE = 0.02  # the share of hits that also delete the windows that have passed

counters = Table(
    "rate_limit_counter",
    db.metadata,
    Column("key", String(255), primary_key=True),
    Column("expires_at", Float, nullable=False, index=True),
    Column("count", Integer, nullable=False),
)


def _stored(key: str) -> str:
    """Keys are short (the account is hashed); anything longer is hashed too rather than refused."""
    return key if len(key) <= 255 else "sha256:" + hashlib.sha256(key.encode()).hexdigest()


def _insert(dialect_name: str):
    return (postgresql.insert if dialect_name == "postgresql" else sqlite.insert)(counters)


class DatabaseStorage(Storage):
    """A `limits` storage in the app's database (SQLite or PostgreSQL): `database://`.

    It uses the engine of the application handling the request, so it needs an app context.
    """

    STORAGE_SCHEME = ["database"]

    @property
    def base_exceptions(self):
        return SQLAlchemyError

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        now = time.time()
        engine = db.engine
        insert = _insert(engine.dialect.name).values(key=_stored(key), expires_at=now + expiry, count=amount)
        window_passed = counters.c.expires_at <= now
        upsert = insert.on_conflict_do_update(
            index_elements=[counters.c.key],
            set_={
                "count": case((window_passed, insert.excluded.count), else_=counters.c.count + amount),
                "expires_at": case((window_passed, insert.excluded.expires_at), else_=counters.c.expires_at),
            },
        ).returning(counters.c.count)
        with engine.begin() as conn:
            count = conn.execute(upsert).scalar_one()
        if random.random() < CLEANUP_SHARE:  # noqa: S311 - not security, just spreading the clean-up
            self.delete_expired(now)
        return count

    def delete_expired(self, now: float | None = None) -> int:
        with db.engine.begin() as conn:
            return conn.execute(delete(counters).where(counters.c.expires_at <= (now or time.time()))).rowcount

    def _live(self, column, key: str):
        query = select(column).where(counters.c.key == _stored(key), counters.c.expires_at > time.time())
        with db.engine.connect() as conn:
            return conn.execute(query).scalar()

    def get(self, key: str) -> int:
        return self._live(counters.c.count, key) or 0

    def get_expiry(self, key: str) -> float:
        return self._live(counters.c.expires_at, key) or time.time()

    def check(self) -> bool:
        try:
            with db.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
        except SQLAlchemyError:
            return False
        return True

    def reset(self) -> int | None:
        with db.engine.begin() as conn:
            return conn.execute(delete(counters)).rowcount

    def clear(self, key: str) -> None:
        with db.engine.begin() as conn:
            conn.execute(delete(counters).where(counters.c.key == _stored(key)))


def storage_unavailable(error: StorageError):
    """The counts cannot be read or written (Redis or the database is down): 503 with Retry-After,
    never an unthrottled attempt and never a 500."""
    cause = error.storage_error
    if isinstance(cause, DBAPIError):
        return handle_database_unavailable(cause)  # a bug (not an outage) is raised on from there
    current_app.logger.error("Throttling storage unavailable during %s %s: %r", request.method, request.path, cause)
    title, text = ERROR_TEXTS[503]
    page = render_template("errors/error.html", code=503, title=title, text=text)
    return page, 503, {"Retry-After": str(RETRY_AFTER_SECONDS)}


# ---------------------------------------------------------------- what the sign-in routes count

SIGN_IN = "auth.login"
RESET = "auth.forgot_password"


def throttle_sign_in(bp) -> None:
    """The sign-in limits, set on the auth blueprint so Flask-Limiter checks them in its
    before_request hook: before the request's own transaction takes SQLite's write lock
    (`begin_writes_at_once`), which the counter's separate connection would otherwise wait for.

    - per client address: every POST to sign-in and reset together (LOGIN_RATE_LIMIT);
    - per account: failed sign-ins only, a 401 (ACCOUNT_LOGIN_RATE_LIMIT);
    - per account: requests for a reset link, against mail bombing (RESET_LINK_RATE_LIMIT).
    """
    post_only = ["POST"]
    limiter.shared_limit(
        _setting("LOGIN_RATE_LIMIT"),
        scope="sign-in-address",
        methods=post_only,
        exempt_when=lambda: request.endpoint not in (SIGN_IN, RESET),
        on_breach=breach_page,
    )(bp)
    limiter.shared_limit(
        _setting("ACCOUNT_LOGIN_RATE_LIMIT"),
        scope="sign-in-account",
        key_func=account_key,
        methods=post_only,
        exempt_when=lambda: request.endpoint != SIGN_IN,
        deduct_when=failed_sign_in,
        on_breach=breach_page,
    )(bp)
    limiter.shared_limit(
        _setting("RESET_LINK_RATE_LIMIT"),
        scope="reset-account",
        key_func=account_key,
        methods=post_only,
        exempt_when=lambda: request.endpoint != RESET,
        on_breach=breach_page,
    )(bp)


def _setting(name: str):
    return lambda: current_app.config[name]


def account_key() -> str:
    """The account typed into the form, hashed (the storage never holds the address itself).

    Empty when no address was typed: Flask-Limiter skips a limit whose key is empty.
    """
    email = normalise_email(request.form.get("email", ""))
    return "account:" + hashlib.sha256(email.encode()).hexdigest()[:32] if email else ""


def failed_sign_in(response) -> bool:
    return response.status_code == 401


def breach_page(limit):
    """The throttled form again with what was typed (never the password), a message saying how
    long to wait, status 429. Any other route gets the plain 429 page."""
    page = {SIGN_IN: ("auth/login.html", LoginForm), RESET: ("auth/forgot.html", ForgotPasswordForm)}
    if request.endpoint not in page:
        return None
    template, form_class = page[request.endpoint]
    minutes = max(1, round((limit.reset_at - time.time()) / 60))  # the reset time may be a second past the window
    form = form_class()
    add_error(
        form,
        None,
        ngettext(
            "Too many attempts. Wait %(num)d minute and try again.",
            "Too many attempts. Wait %(num)d minutes and try again.",
            minutes,
        ),
    )
    return make_response(render_template(template, form=form), 429)
