"""Signed, expiring password-reset tokens.

The token carries the user's session token, which changes when the password is set, so a
reset link works once and dies with any later password change.
"""

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from ..extensions import db
from .models import User

_SALT = "password-reset"


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=_SALT)


def make_reset_token(user: User) -> str:
    return _serializer().dumps({"user": user.id, "session": user.session_token})


def user_for_reset_token(token: str) -> User | None:
    max_age = current_app.config["PASSWORD_RESET_MAX_AGE_MINUTES"] * 60
    try:
        data = _serializer().loads(token, max_age=max_age)
    except (SignatureExpired, BadSignature):
        return None
    if not isinstance(data, dict):
        return None
    user = db.session.get(User, data.get("user"))
    if user is None or not user.active or user.session_token != data.get("session"):
        return None
    return user
