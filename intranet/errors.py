"""Error pages in the user's language, and the error operations raise for the user to fix."""

from contextlib import suppress

from flask import Flask, current_app, g, render_template, request
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import DBAPIError, OperationalError
from werkzeug.exceptions import HTTPException

from .extensions import db, login_manager

RETRY_AFTER_SECONDS = 10  # a restarting database is usually back within seconds


class OperationError(Exception):
    """A business rule said no. `message` is for the user; `field` names the form field at fault."""

    def __init__(self, message, field: str | None = None):
        super().__init__(str(message))
        self.message = message
        self.field = field


ERROR_TEXTS = {
    400: (_l("Bad request"), _l("The request could not be understood. Go back and try again.")),
    403: (_l("Not allowed"), _l("Your account does not have access to this page.")),
    404: (_l("Page not found"), _l("The page does not exist, or you do not have access to it.")),
    405: (_l("Not allowed"), _l("This page cannot be used that way.")),
    410: (_l("Link no longer valid"), _l("The link has expired or has already been used.")),
    413: (_l("Too much data"), _l("What you sent is too large. Shorten it and try again.")),
    429: (_l("Too many attempts"), _l("Wait a minute and try again.")),
    500: (_l("Something went wrong"), _l("An error occurred on our side. Try again in a moment.")),
    503: (_l("Temporarily unavailable"), _l("The service is briefly unavailable, try again in a moment.")),
}


def handle_http_error(error: HTTPException):
    code = error.code or 500
    if code == 429 and error.response is not None:
        return error.response  # the throttled form again, with what was typed (auth/throttle.py)
    original = getattr(error, "original_exception", None)
    if code == 500 and database_unavailable(original):
        return handle_database_unavailable(original)  # the commit after the view failed
    if code >= 500:
        # After a database error the session must be rolled back before the page can load the user.
        db.session.rollback()
    title, text = ERROR_TEXTS.get(code, ERROR_TEXTS[500])
    if code == 400 and getattr(error, "description", "").startswith("The CSRF"):
        text = _l("The form had expired. Your input was not saved; reload the page and try again.")
    # What the error says about itself besides its page: `Allow` on a 405 (RFC 9110), `Retry-After`...
    headers = [(name, value) for name, value in error.get_headers() if name.lower() != "content-type"]
    return render_template("errors/error.html", code=code, title=title, text=text), code, headers


def database_unavailable(error: BaseException | None) -> bool:
    """The database could not be reached or gave up (restart, lost connection, locked): worth a retry."""
    return isinstance(error, OperationalError) or (isinstance(error, DBAPIError) and error.connection_invalidated)


def handle_database_unavailable(error: DBAPIError):
    """503 with Retry-After. The request's transaction is rolled back, so nothing of it was saved."""
    if not database_unavailable(error):
        raise error  # any other database error is a bug: the 500 page, with the traceback logged
    with suppress(DBAPIError):  # the connection may be gone already; the pool replaces it
        db.session.rollback()
    current_app.logger.error("Database unavailable during %s %s: %s", request.method, request.path, error.orig)
    # The page must not touch the database again: render it as for a visitor, without the school.
    g._login_user = login_manager.anonymous_user()
    g.pop("school", None)
    title, text = ERROR_TEXTS[503]
    page = render_template("errors/error.html", code=503, title=title, text=text)
    return page, 503, {"Retry-After": str(RETRY_AFTER_SECONDS)}


def configure_errors(app: Flask) -> None:
    # Unexpected exceptions reach the 500 handler through Flask (and propagate in tests).
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(DBAPIError, handle_database_unavailable)
