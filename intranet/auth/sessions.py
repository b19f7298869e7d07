"""Signed-in sessions that end: on the server, everywhere at once, and after a working day at most.

The session cookie (signed by Flask) holds `<user id>:<secret>`; only a hash of the secret is stored,
in a `LoginSession` row. Every signed-in request looks the row up together with the user and their
memberships (one query), so a session ended here (signing out, "sign out everywhere", a new password,
a person removed or deactivated) is refused by every worker and every app server at the next request.

Two lifetimes, both checked against the row: idle (SESSION_IDLE_MINUTES since the session was last used;
`last_seen_at` moves on at most once a minute) and absolute (SESSION_MAX_HOURS since signing in), so a
captured cookie does not live forever by being used.

The cookie is only sent again when the session's content changes (SESSION_REFRESH_EACH_REQUEST is off):
a phone's service worker keeps pages with the cookie it started with, and a late answer to one of its
requests must not put that older cookie back over a newer one (a language just chosen, a flash message).
"""

import secrets
from datetime import datetime, timedelta

from flask import current_app, g
from flask_babel import gettext as _
from sqlalchemy import ForeignKey, Index, Integer, String, update
from sqlalchemy.orm import Mapped, joinedload, mapped_column, relationship

from ..db import UTCDateTime, utcnow
from ..extensions import db
from .models import User, hash_token


class LoginSession(db.Model):
    __tablename__ = "login_session"
    __table_args__ = (Index("ix_login_session_user_open", "user_id", "ended_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), nullable=False)
    secret_hash: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Why it ended: signed_out, everywhere, password, removed, deactivated.
    ended_reason: Mapped[str | None] = mapped_column(String(20))
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)

    user: Mapped[User] = relationship()


SEEN_EVERY = timedelta(minutes=1)  # how finely use is recorded: at most one write a minute per session


def _max_age() -> timedelta:
    return timedelta(hours=current_app.config["SESSION_MAX_HOURS"])


def _idle_limit() -> timedelta:
    return timedelta(minutes=current_app.config["SESSION_IDLE_MINUTES"])


def _open_now():
    """Open, signed in less than a working day ago and used within the idle limit."""
    now = utcnow()
    return (
        LoginSession.ended_at.is_(None),
        LoginSession.created_at > now - _max_age(),
        LoginSession.last_seen_at > now - _idle_limit(),
    )


def start(user: User) -> str:
    """A new session for `user`; returns the id the cookie carries (see `User.get_id`)."""
    secret = secrets.token_urlsafe(32)
    now = utcnow()
    row = LoginSession(user_id=user.id, secret_hash=hash_token(secret), created_at=now, last_seen_at=now)
    db.session.add(row)
    db.session.flush()
    user.cookie_id = f"{user.id}:{secret}"
    user.login_session = row
    return user.cookie_id


def load(cookie_id: str) -> User | None:
    """The active user whose open, unexpired session the cookie names, with their memberships. The
    request counts as use: written with the request's own commit (a refused request records none). A
    session that ran out of time is refused with the reason kept for the sign-in page (`ended_why`)."""
    user_id, _colon, secret = cookie_id.partition(":")  # not `_`: that is gettext here
    if not user_id.isdigit() or not secret:
        return None
    row = db.session.scalar(
        db.select(LoginSession)
        .where(LoginSession.secret_hash == hash_token(secret), LoginSession.ended_at.is_(None))
        .options(joinedload(LoginSession.user).joinedload(User.memberships))
    )
    if row is None or row.user_id != int(user_id) or not row.user.active:
        return None
    now = utcnow()
    too_old = row.created_at <= now - _max_age()
    if too_old or row.last_seen_at <= now - _idle_limit():
        g.session_ended = "max" if too_old else "idle"
        return None
    if row.last_seen_at < now - SEEN_EVERY:
        row.last_seen_at = now
    row.user.cookie_id = cookie_id
    row.user.login_session = row
    return row.user


def ended_why() -> str | None:
    """Why this request's session was refused for its time, in the reader's language; None otherwise."""
    config = current_app.config
    if g.get("session_ended") == "idle":
        minutes = config["SESSION_IDLE_MINUTES"]
        return _("You were signed out after %(minutes)d minutes without use. Sign in again to go on.", minutes=minutes)
    if g.get("session_ended") == "max":
        hours = config["SESSION_MAX_HOURS"]
        return _("You were signed out: a session lasts at most %(hours)d hours. Sign in again to go on.", hours=hours)
    return None


def end(user: User, reason: str = "signed_out") -> None:
    """End the session this request came with."""
    row = getattr(user, "login_session", None)
    if row is not None and row.ended_at is None:
        row.ended_at, row.ended_reason = utcnow(), reason
        db.session.flush()


def end_all(user: User, reason: str, keep_current: bool = False) -> int:
    """End every open session of `user` (on every server: each request checks its row); returns how many.
    With `keep_current`, the session this request came with stays open (a password changed here)."""
    statement = update(LoginSession).where(LoginSession.user_id == user.id, LoginSession.ended_at.is_(None))
    current = getattr(user, "login_session", None)
    if keep_current and current is not None:
        statement = statement.where(LoginSession.id != current.id)
    result = db.session.execute(statement.values(ended_at=utcnow(), ended_reason=reason))
    if current is not None and not keep_current:
        db.session.expire(current)
    return result.rowcount


def open_sessions(user: User) -> list[LoginSession]:
    return db.session.scalars(
        db.select(LoginSession)
        .where(LoginSession.user_id == user.id, *_open_now())
        .order_by(LoginSession.created_at.desc())
    ).all()
