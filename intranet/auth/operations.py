"""Accounts: signing in, passwords, invitations."""

import secrets
from datetime import timedelta

from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _

from ..db import utcnow
from ..errors import OperationError
from ..extensions import db
from ..feide.modes import password_allowed
from ..links import external_url
from ..mail import send_after_commit
from ..schools.models import School
from . import access, people, sessions
from .models import Invitation, Role, User, hash_token
from .passwords import hash_password, needs_rehash, password_problem, verify_password
from .tokens import make_reset_token


def normalise_email(email: str) -> str:
    return email.strip().lower()


def user_by_email(email: str) -> User | None:
    return db.session.scalar(db.select(User).where(User.email == normalise_email(email)))


def authenticate(email: str, password: str) -> User | None:
    """The active user with this email and password, or None."""
    user = user_by_email(email)
    if not verify_password(user.password_hash if user else None, password):
        return None
    if not user.active:
        return None
    if not password_allowed(user):
        raise OperationError(_("Your municipality signs in with Feide only. Use “Sign in with Feide”."))
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login_at = utcnow()
    db.session.flush()
    return user


def set_password(user: User, password: str) -> None:
    """Set a new password; every other session of the user ends, and reset links sent before die."""
    problem = password_problem(password, user.email, user.name)
    if problem:
        raise OperationError(problem, field="password")
    user.password_hash = hash_password(password)
    user.session_token = secrets.token_hex(16)
    db.session.flush()
    if user.id is not None:
        sessions.end_all(user, "password", keep_current=True)


def send_password_reset(email: str) -> None:
    """Mail a reset link if the address belongs to an active account; say nothing otherwise."""
    user = user_by_email(email)
    if user is None or not user.active or not password_allowed(user):
        return  # with Feide only, passwords are not used, so no reset mail is sent
    link = external_url("auth.reset_password", token=make_reset_token(user))
    with force_locale(user.language or current_app.config["BABEL_DEFAULT_LOCALE"]):
        subject = _("Reset your password")
        body = render_template(
            "auth/mail/reset.txt",
            user=user,
            link=link,
            minutes=current_app.config["PASSWORD_RESET_MAX_AGE_MINUTES"],
        )
    send_after_commit(user.email, subject, body)


def invite(school: School, email: str, name: str, role: Role, invited_by: User) -> Invitation:
    """Invite someone to a school by mail. A newer invitation replaces a pending one.

    Nobody invites themselves, and the municipality does not appoint its own accounts (people.check_grant).
    """
    email = normalise_email(email)
    user = user_by_email(email)
    if email == invited_by.email:
        raise OperationError(_("You cannot give yourself access. Ask another administrator."), field="email")
    people.check_grant(school, role, actor=invited_by, subject=user)
    if user is not None and any(
        m.school_id == school.id and m.role in (role, Role.SCHOOL_ADMIN) for m in user.memberships
    ):
        raise OperationError(_("%(email)s is already a member of this school.", email=email), field="email")
    now = utcnow()
    for pending in db.session.scalars(
        db.select(Invitation).where(
            Invitation.school_id == school.id,
            Invitation.email == email,
            Invitation.accepted_at.is_(None),
            Invitation.revoked_at.is_(None),
        )
    ):
        pending.revoked_at = now
    token = secrets.token_urlsafe(32)
    hours = current_app.config["INVITATION_MAX_AGE_HOURS"]
    invitation = Invitation(
        email=email,
        name=name.strip(),
        role=role,
        school=school,
        invited_by=invited_by,
        token_hash=hash_token(token),
        expires_at=now + timedelta(hours=hours),
    )
    db.session.add(invitation)
    db.session.flush()
    access.record_at(school, "invited", actor=invited_by, subject=user, email=email, role=role.value)
    link = external_url("auth.accept_invitation", token=token)
    with force_locale(school.default_language):
        subject = _("Invitation to %(school)s", school=school.name)
        body = render_template("auth/mail/invitation.txt", invitation=invitation, link=link, hours=hours)
    send_after_commit(email, subject, body)
    return invitation


def find_invitation(token: str) -> Invitation | None:
    return db.session.scalar(db.select(Invitation).where(Invitation.token_hash == hash_token(token)))


def accept_invitation(invitation: Invitation, name: str, password: str) -> User:
    """Create the account (or use the existing one) and give it the invited membership."""
    if not invitation.is_pending:
        raise OperationError(_("This invitation link has expired or has already been used."))
    user = user_by_email(invitation.email)
    if user is None:
        user = User(email=invitation.email, name=name.strip())
        db.session.add(user)
        set_password(user, password)
    elif not verify_password(user.password_hash, password):
        raise OperationError(_("The password is wrong."), field="password")
    if invitation.invited_by is not None:  # the rule holds when the link is used, not only when it was sent
        people.check_grant(invitation.school, invitation.role, actor=invitation.invited_by, subject=user)
    people.grant(user, invitation.school, invitation.role, actor=invitation.invited_by)
    invitation.accepted_at = utcnow()
    db.session.flush()
    return user


def revoke_invitation(invitation: Invitation) -> None:
    if invitation.accepted_at is None and invitation.revoked_at is None:
        invitation.revoked_at = utcnow()
        db.session.flush()
