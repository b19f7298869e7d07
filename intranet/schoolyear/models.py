"""A school year's calendar: its first and last day, and the periods the schools are closed."""

import enum
from datetime import date

from sqlalchemy import JSON, CheckConstraint, Date, Enum, ForeignKey, Integer, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import TimestampMixin
from ..extensions import db


class ClosedKind(enum.StrEnum):
    AUTUMN_BREAK = "autumn_break"
    CHRISTMAS_BREAK = "christmas_break"
    WINTER_BREAK = "winter_break"
    EASTER_BREAK = "easter_break"
    PLANNING_DAY = "planning_day"
    OTHER = "other"


class SchoolYear(TimestampMixin, db.Model):
    """One school year of a municipality (first day in August, last day in June, as a rule)."""

    __tablename__ = "school_year"
    __table_args__ = (
        UniqueConstraint("organisation_id", "first_day"),
        CheckConstraint("last_day > first_day", name="first_before_last"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), nullable=False, index=True
    )
    first_day: Mapped[date] = mapped_column(Date, nullable=False)
    last_day: Mapped[date] = mapped_column(Date, nullable=False)

    periods: Mapped[list["ClosedPeriod"]] = relationship(
        back_populates="school_year",
        order_by="(ClosedPeriod.first_day, ClosedPeriod.id)",
        cascade="all, delete-orphan",
    )

    @property
    def name(self) -> str:
        """ "2026/27"."""
        return f"{self.first_day.year}/{str(self.last_day.year)[-2:]}"


class ClosedPeriod(TimestampMixin, db.Model):
    """Days without school: a break or planning days of the whole municipality (`school_id` empty), or
    one school's own days."""

    __tablename__ = "closed_period"
    __table_args__ = (CheckConstraint("last_day >= first_day", name="first_not_after_last"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    school_year_id: Mapped[int] = mapped_column(
        ForeignKey("school_year.id", ondelete="CASCADE"), nullable=False, index=True
    )
    school_id: Mapped[int | None] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"), index=True)
    kind: Mapped[ClosedKind] = mapped_column(
        Enum(ClosedKind, native_enum=False, length=20, values_callable=lambda e: [m.value for m in e]),
        nullable=False,
    )
    first_day: Mapped[date] = mapped_column(Date, nullable=False)
    last_day: Mapped[date] = mapped_column(Date, nullable=False)
    # What the calendar calls it, per language ({lang: text}); empty: the kind's own name.
    name: Mapped[dict] = mapped_column(JSON, nullable=False, default=dict)

    school_year: Mapped[SchoolYear] = relationship(back_populates="periods")
