"""Error pages in the user's language, and the error operations raise for the user to fix."""

from flask import Flask, render_template
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import HTTPException

from .extensions import db


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
}


def handle_http_error(error: HTTPException):
    code = error.code or 500
    if code >= 500:
        # After a database error the session must be rolled back before the page can load the user.
        db.session.rollback()
    title, text = ERROR_TEXTS.get(code, ERROR_TEXTS[500])
    if code == 400 and getattr(error, "description", "").startswith("The CSRF"):
        text = _l("The form had expired. Your input was not saved; reload the page and try again.")
    return render_template("errors/error.html", code=code, title=title, text=text), code


def configure_errors(app: Flask) -> None:
    # Unexpected exceptions reach the 500 handler through Flask (and propagate in tests).
    app.register_error_handler(HTTPException, handle_http_error)
