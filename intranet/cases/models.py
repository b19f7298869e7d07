"""A case, the checklists run on it, each answered field as its own row, and the append-only events.

Answers are one row per (run, field), so two people ticking different steps at once never overwrite
each other. Events are only ever inserted: `CaseEvent` is append-only (see snapshots.py;
the purge of expired cases deletes them with plain SQL, on purpose).
"""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import TimestampMixin, UTCDateTime, utcnow
from ..extensions import db
from ..snapshots import ImmutableSnapshot

OPEN, CLOSED = "open", "closed"


class Case(TimestampMixin, db.Model):
    __tablename__ = "case_file"
    __table_args__ = (
        UniqueConstraint("school_id", "year", "number", name="uq_case_file_reference"),
        Index("uq_case_file_client_key", "school_id", "client_key", unique=True),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"), nullable=False, index=True)
    year: Mapped[int] = mapped_column(Integer, nullable=False)
    number: Mapped[int] = mapped_column(Integer, nullable=False)
    label: Mapped[str] = mapped_column(String(80), nullable=False, default="")
    archive_reference: Mapped[str] = mapped_column(String(80), nullable=False, default="")
    status: Mapped[str] = mapped_column(String(10), nullable=False, default=OPEN)
    opened_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    closing_note: Mapped[str] = mapped_column(Text, nullable=False, default="")
    # Filed in the school's archive (Noark 5): the archive then holds the record, and purge may delete it.
    filed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    filed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    # The key the phone gave the opening (a case opened offline is sent until it arrives): opened once.
    client_key: Mapped[str | None] = mapped_column(String(36))

    school = relationship("School")
    opened_by = relationship("User", foreign_keys=[opened_by_id])
    closed_by = relationship("User", foreign_keys=[closed_by_id])
    filed_by = relationship("User", foreign_keys=[filed_by_id])
    members: Mapped[list["CaseMember"]] = relationship(back_populates="case", cascade="all, delete-orphan")
    runs: Mapped[list["ChecklistRun"]] = relationship(
        back_populates="case", order_by="ChecklistRun.id", cascade="all, delete-orphan"
    )

    @property
    def reference(self) -> str:
        return f"{self.year}-{self.number:03d}"

    @property
    def is_open(self) -> bool:
        return self.status == OPEN


class CaseMember(db.Model):
    __tablename__ = "case_member"
    __table_args__ = (UniqueConstraint("case_id", "user_id", name="uq_case_member"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id", ondelete="CASCADE"), nullable=False, index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), nullable=False, index=True)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)
    # Who granted the access: the opener for the first member, then whoever added each colleague.
    added_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))

    case: Mapped[Case] = relationship(back_populates="members")
    user = relationship("User", foreign_keys=[user_id])
    added_by = relationship("User", foreign_keys=[added_by_id])


class CaseCounter(db.Model):
    """The last case number given out at a school in a year. Purging cases leaves it, so a reference
    is never given out twice; opening a case increments it in the opening transaction."""

    __tablename__ = "case_counter"

    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_number: Mapped[int] = mapped_column(Integer, nullable=False)


class ChecklistRun(db.Model):
    """One checklist worked through on a case, pinned to the version it started with."""

    __tablename__ = "checklist_run"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id", ondelete="CASCADE"), nullable=False, index=True)
    form_version_id: Mapped[int] = mapped_column(ForeignKey("form_version.id"), nullable=False)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)
    started_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))

    case: Mapped[Case] = relationship(back_populates="runs")
    form_version = relationship("FormVersion")
    started_by = relationship("User")
    answers: Mapped[list["Answer"]] = relationship(back_populates="run", cascade="all, delete-orphan")


class Answer(db.Model):
    """The current answer to one field of one run: who gave it, when, and an optional note."""

    __tablename__ = "case_answer"
    __table_args__ = (UniqueConstraint("run_id", "field_key", name="uq_case_answer_field"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("checklist_run.id", ondelete="CASCADE"), nullable=False, index=True)
    field_key: Mapped[str] = mapped_column(String(50), nullable=False)
    value: Mapped[object | None] = mapped_column(JSON)  # None: the field was answered, then cleared
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")
    answered_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)

    run: Mapped[ChecklistRun] = relationship(back_populates="answers")
    answered_by = relationship("User")


class CaseEvent(ImmutableSnapshot, db.Model):
    """Something that happened on a case: opened, viewed, answered, noted, member added or removed, closed..."""

    append_only = True

    __tablename__ = "case_event"
    # A tick sent from a phone carries a key it made (a UUID): the same key twice on a case is one event,
    # so a request sent again (a retry, the phone's outbox) never makes a second one. NULLs are distinct.
    __table_args__ = (Index("uq_case_event_client_key", "case_id", "client_key", unique=True),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id", ondelete="CASCADE"), nullable=False, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)
    kind: Mapped[str] = mapped_column(String(30), nullable=False)
    data: Mapped[dict] = mapped_column(JSON, nullable=False, default=dict)
    client_key: Mapped[str | None] = mapped_column(String(36))
    # When the answer was given on the phone, if it says so; `at` is when it reached the server.
    given_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user = relationship("User")
