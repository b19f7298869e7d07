"""Password hashing (argon2) and the rules a new password must meet."""

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from flask_babel import lazy_gettext as _l

_hasher = PasswordHasher()
# A valid hash of a random string: verifying against it when the email is unknown keeps the
# answer time the same as for a known email with a wrong password.
_DUMMY_HASH = _hasher.hash("no-such-user-placeholder")

# The most common choices in Norwegian and English leak lists; length alone does not stop them.
COMMON_PASSWORDS = frozenset(
    {
        "passord123",
        "passord1234",
        "password123",
        "password1234",
        "1234567890",
        "qwertyuiop",
        "sommer2026",
        "vinter2026",
        "høst2026",
        "vår2026",
        "skole12345",
        "rektor1234",
        "letmein123",
        "iloveyou12",
        "0123456789",
        "abcdefghij",
        "asdfghjkl1",
        "qwerty1234",
    }
)


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)


def password_problem(password: str, email: str = "", name: str = ""):
    """Why `password` is too weak, as a message for the user, or None when it is fine."""
    minimum = current_app.config["PASSWORD_MIN_LENGTH"]
    lowered = password.lower()
    if len(password) < minimum:
        return _l("Use at least %(count)d characters.", count=minimum)
    if len(set(lowered)) < 5:
        return _l("Use more different characters.")
    if lowered in COMMON_PASSWORDS:
        return _l("This password is too common. Choose another.")
    personal = [email.split("@")[0].lower(), *name.lower().split()]
    if any(len(part) >= 4 and part in lowered for part in personal):
        return _l("Do not use your name or email address in the password.")
    return None
