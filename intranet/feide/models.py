"""What Feide sign-in keeps: the link from a Feide identity to an account, each municipality's sign-in
mode, and the organisation numbers that tie schools to Feide's organisation units."""

import enum
from datetime import datetime

from sqlalchemy import Boolean, Enum, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..auth.models import User
from ..db import UTCDateTime, utcnow
from ..extensions import db
from ..schools.models import Organisation, School


class SignInMode(enum.StrEnum):
    PASSWORD = "password"  # noqa: S105 - a sign-in mode, not a secret
    FEIDE = "feide"
    BOTH = "both"


class FeideLink(db.Model):
    """One account's Feide identity: Feide's stable subject (`sub`), and the Feide name to show."""

    __tablename__ = "feide_link"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), unique=True, nullable=False)
    subject: Mapped[str] = mapped_column(String(255), unique=True, nullable=False)
    feide_name: Mapped[str] = mapped_column(String(254), nullable=False, default="")
    linked_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)

    user: Mapped[User] = relationship(backref=db.backref("feide_link", uselist=False, passive_deletes=True))


class SignInSetting(db.Model):
    """How a municipality's people sign in. Without a row: passwords only (Feide is switched on here)."""

    __tablename__ = "sign_in_setting"

    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"), primary_key=True)
    mode: Mapped[SignInMode] = mapped_column(
        Enum(SignInMode, native_enum=False, length=10, values_callable=lambda e: [m.value for m in e]),
        nullable=False,
        default=SignInMode.PASSWORD,
    )
    # Employees at a linked school who have no account yet get a staff membership there.
    auto_staff: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)

    organisation: Mapped[Organisation] = relationship()


class SchoolOrgNumber(db.Model):
    """A school's organisation number (Brønnøysund, nine digits): Feide names the school's unit by it."""

    __tablename__ = "school_org_number"

    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"), primary_key=True)
    number: Mapped[str] = mapped_column(String(9), unique=True, nullable=False)

    school: Mapped[School] = relationship()
