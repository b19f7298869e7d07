"""People, what they belong to, and invitations."""

import enum
import hashlib
import secrets
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, CheckConstraint, Enum, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import TimestampMixin, UTCDateTime, utcnow
from ..extensions import db
from ..schools.models import Organisation, School


class Role(enum.StrEnum):
    ORG_ADMIN = "org_admin"
    SCHOOL_ADMIN = "school_admin"
    STAFF = "staff"


_role_type = Enum(Role, native_enum=False, length=20, values_callable=lambda e: [m.value for m in e])


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class User(UserMixin, TimestampMixin, db.Model):
    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True, nullable=False)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    language: Mapped[str | None] = mapped_column(String(10))
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    # Part of password-reset links; a new password changes it, so a link works once.
    session_token: Mapped[str] = mapped_column(String(32), nullable=False, default=lambda: secrets.token_hex(16))
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    memberships: Mapped[list["Membership"]] = relationship(
        back_populates="user", cascade="all, delete-orphan", foreign_keys="Membership.user_id"
    )

    # Set by auth/sessions.py for the signed-in user: what the cookie carries, and the session's row.
    cookie_id = None
    login_session = None

    @property
    def is_active(self) -> bool:
        return self.active

    def get_id(self) -> str | None:
        return self.cookie_id

    def __repr__(self) -> str:
        return f"<User {self.email}>"


class Membership(TimestampMixin, db.Model):
    """A role held by a user: org_admin of an organisation, or school_admin/staff of a school."""

    __tablename__ = "membership"
    __table_args__ = (
        CheckConstraint(
            "(role = 'org_admin' AND organisation_id IS NOT NULL AND school_id IS NULL)"
            " OR (role <> 'org_admin' AND school_id IS NOT NULL AND organisation_id IS NULL)",
            name="scope_matches_role",
        ),
        UniqueConstraint("user_id", "school_id", name="uq_membership_user_school"),
        UniqueConstraint("user_id", "organisation_id", name="uq_membership_user_organisation"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), nullable=False)
    role: Mapped[Role] = mapped_column(_role_type, nullable=False)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"), index=True)
    school_id: Mapped[int | None] = mapped_column(ForeignKey("school.id"), index=True)
    # Who gave this role, and when (an invitation's sender, or who changed the role since).
    granted_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    granted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship(back_populates="memberships", foreign_keys=[user_id])
    granted_by: Mapped[User | None] = relationship(foreign_keys=[granted_by_id])
    organisation: Mapped[Organisation | None] = relationship()
    school: Mapped[School | None] = relationship()


class Invitation(TimestampMixin, db.Model):
    """An invitation link sent by mail. Only a hash of its token is stored."""

    __tablename__ = "invitation"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(254), nullable=False, index=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    role: Mapped[Role] = mapped_column(_role_type, nullable=False)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id"), nullable=False, index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    school: Mapped[School] = relationship()
    invited_by: Mapped[User | None] = relationship()

    @property
    def is_pending(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None and self.expires_at > utcnow()
