"""The record of who was given or lost access, by whom: shown to the school's administrators.

Every grant (an invitation sent, a membership given or changed, a person removed, an account
deactivated) appends an `AccessEvent`. The names are copied into the event, so the record still
reads right after a person is renamed or removed. Appointments of school administrators are also
mailed to the school's other administrators.
"""

from datetime import datetime, timedelta

from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import JSON, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import UTCDateTime, utcnow
from ..extensions import db
from ..mail import send_after_commit
from ..schools.forms import ROLE_LABELS
from ..schools.models import School
from ..snapshots import ImmutableSnapshot
from .models import Membership, Role, User

RECENT_DAYS = 30  # how long an appointment stays on the administrators' dashboard


class AccessEvent(ImmutableSnapshot, db.Model):
    """invited, joined, role_changed, removed, deactivated, reactivated: at a school or a municipality."""

    append_only = True

    __tablename__ = "access_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow, index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"), nullable=False)
    school_id: Mapped[int | None] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"), index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    subject_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(30), nullable=False)
    data: Mapped[dict] = mapped_column(JSON, nullable=False, default=dict)

    actor = relationship("User", foreign_keys=[actor_id])
    subject = relationship("User", foreign_keys=[subject_id])


def record(
    kind: str,
    *,
    actor: User | None,
    organisation_id: int,
    school: School | None = None,
    subject: User | None = None,
    **data,
) -> AccessEvent:
    """Append an access event; the names of the people involved are kept with it."""
    names = {"actor_name": actor.name if actor else "", "subject_name": subject.name if subject else ""}
    if subject is not None:
        names["subject_email"] = subject.email
    entry = AccessEvent(
        organisation_id=organisation_id,
        school_id=school.id if school else None,
        actor_id=actor.id if actor else None,
        subject_id=subject.id if subject else None,
        kind=kind,
        data={**names, **data},
    )
    db.session.add(entry)
    return entry


def record_at(school: School, kind: str, *, actor: User | None, subject: User | None = None, **data) -> AccessEvent:
    """`record` for a change at `school`."""
    return record(kind, actor=actor, organisation_id=school.organisation_id, school=school, subject=subject, **data)


def school_admins(school: School) -> list[User]:
    return db.session.scalars(
        db.select(User)
        .join(Membership, Membership.user_id == User.id)
        .where(Membership.school_id == school.id, Membership.role == Role.SCHOOL_ADMIN, User.active.is_(True))
        .order_by(User.name)
    ).all()


def announce_appointment(school: School, appointed: User, actor: User | None) -> None:
    """Mail the school's other administrators that `appointed` is now an administrator too."""
    for admin in school_admins(school):
        if admin.id in (appointed.id, actor.id if actor else None):
            continue
        with force_locale(admin.language or school.default_language or current_app.config["BABEL_DEFAULT_LOCALE"]):
            subject = _("New administrator at %(school)s", school=school.name)
            body = render_template(
                "auth/mail/appointed.txt", admin=admin, appointed=appointed, actor=actor, school=school
            )
        send_after_commit(admin.email, subject, body)


def recent_appointments(school_ids: list[int]) -> dict[int, list[AccessEvent]]:
    """Per school, the appointments of administrators in the last RECENT_DAYS days, newest first."""
    if not school_ids:
        return {}
    found: dict[int, list[AccessEvent]] = {}
    for entry in db.session.scalars(
        db.select(AccessEvent)
        .where(
            AccessEvent.school_id.in_(school_ids),
            AccessEvent.at > utcnow() - timedelta(days=RECENT_DAYS),
            AccessEvent.kind.in_(("joined", "role_changed")),
        )
        .order_by(AccessEvent.id.desc())
    ):
        if entry.data.get("role") == Role.SCHOOL_ADMIN.value:
            found.setdefault(entry.school_id, []).append(entry)
    return found


def school_log(school: School, limit: int = 100) -> list[AccessEvent]:
    return db.session.scalars(
        db.select(AccessEvent).where(AccessEvent.school_id == school.id).order_by(AccessEvent.id.desc()).limit(limit)
    ).all()


def describe(entry: AccessEvent) -> str:
    """One access event as a sentence in the reader's language."""
    data = entry.data
    names = {
        "actor": data.get("actor_name") or _("someone no longer recorded"),
        "person": data.get("subject_name") or data.get("email", ""),
    }
    role = str(ROLE_LABELS.get(data.get("role"), "")).lower()  # mid-sentence
    previous = str(ROLE_LABELS.get(data.get("previous"), "")).lower()
    if entry.kind == "invited":
        return _(
            "%(actor)s invited %(email)s as %(role)s.", actor=names["actor"], email=data.get("email", ""), role=role
        )
    if entry.kind == "joined":
        return _("%(person)s became %(role)s, given by %(actor)s.", role=role, **names)
    if entry.kind == "role_changed":
        return _(
            "%(actor)s changed the role of %(person)s from %(previous)s to %(role)s.",
            role=role,
            previous=previous,
            **names,
        )
    if entry.kind == "removed":
        return _("%(actor)s removed %(person)s (%(role)s) from the school.", role=role, **names)
    if entry.kind == "purge_unfiled":
        if data.get("allowed"):
            return _("%(actor)s chose that expired cases are deleted even when not filed in the archive.", **names)
        return _("%(actor)s chose that expired cases are kept until filed in the archive.", **names)
    if entry.kind == "feide_joined":
        return _(
            "%(person)s signed in with Feide as an employee and became staff (the municipality's setting).", **names
        )
    if entry.kind == "feide_linked":
        return _("%(person)s signed in with Feide; the account is now linked to Feide.", **names)
    if entry.kind == "feide_unlinked":
        return _("%(actor)s removed the Feide link of %(person)s.", **names)
    if entry.kind == "deactivated":
        return _("%(actor)s deactivated the account of %(person)s.", **names)
    return _("%(actor)s activated the account of %(person)s again.", **names)
