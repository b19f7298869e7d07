"""What the reminders remember: each person's choice, every reminder found (one row per reminder and
person, unique, claimed before it is mailed), and each person's daily digest (one row per day, unique).

The rows are the ledger that makes a reminder go out once: finding the same reminder again inserts
nothing, a row is claimed by one sending process before its mail leaves, and it is marked sent when
the mail server has taken it. None of them is shown on a public page (see public/freshness.py).
"""

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import UTCDateTime, utcnow
from ..extensions import db

IMMEDIATELY, DAILY, DASHBOARD = "immediately", "daily", "dashboard"
MODES = (IMMEDIATELY, DAILY, DASHBOARD)
DEFAULT_MODE = DAILY

# What a row is waiting for: to be mailed, or nothing more (mailed; shown on the dashboard only;
# no longer needed because the step was done or the case closed before it went out).
PENDING, SENT, DASHBOARD_ONLY, DROPPED = "pending", "sent", "dashboard", "dropped"

SOON, OVERDUE, ESCALATED, REVIEW = "soon", "overdue", "escalated", "review"


class ReminderSetting(db.Model):
    """How a person wants reminders: at once, in a daily digest, or only on the dashboard."""

    __tablename__ = "reminder_setting"

    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True)
    mode: Mapped[str] = mapped_column(String(20), nullable=False, default=DEFAULT_MODE)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow, onupdate=utcnow)


class Reminder(db.Model):
    """One reminder for one person. `key` names what it is about (kind, run and step, or plan and
    review date), so finding it again inserts nothing: (key, user) is unique."""

    __tablename__ = "reminder"
    __table_args__ = (
        UniqueConstraint("key", "user_id", name="uq_reminder_key_user"),
        Index("ix_reminder_state_user", "state", "user_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(120), nullable=False)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), nullable=False)
    kind: Mapped[str] = mapped_column(String(20), nullable=False)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"), nullable=False, index=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("case_file.id", ondelete="CASCADE"), index=True)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("checklist_run.id", ondelete="CASCADE"))
    field_key: Mapped[str | None] = mapped_column(String(50))
    plan_id: Mapped[int | None] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    urgent: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)  # mailed at once, never in a digest
    state: Mapped[str] = mapped_column(String(12), nullable=False, default=PENDING)
    found_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)
    # Set by the one sending process that took the row; a claim older than REMINDER_CLAIM_MINUTES is
    # taken to be of a process that died before it could mail, and is free again.
    claim: Mapped[str | None] = mapped_column(String(32), index=True)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user = relationship("User")
    school = relationship("School")
    run = relationship("ChecklistRun")


class ReminderDigest(db.Model):
    """A person's daily digest: the row is taken before the digest is mailed, so two processes cannot
    both mail one (the primary key), and removed again if the mail server refused it."""

    __tablename__ = "reminder_digest"

    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    taken_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)
