"""Organisations (municipality or county) and their schools."""

import enum

from sqlalchemy import Boolean, Enum, ForeignKey, Integer, String
from sqlalchemy import false as sa_false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import TimestampMixin
from ..extensions import db


class SchoolKind(enum.StrEnum):
    PRIMARY = "barneskole"
    LOWER_SECONDARY = "ungdomsskole"
    UPPER_SECONDARY = "videregaende"
    COMBINED = "kombinert"


class Organisation(TimestampMixin, db.Model):
    __tablename__ = "organisation"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    slug: Mapped[str] = mapped_column(String(60), unique=True, nullable=False)
    # The accessibility statement (statements/): where readers send feedback, and the municipality's own
    # statement on uustatus.no; both optional.
    accessibility_email: Mapped[str | None] = mapped_column(String(254), nullable=True)
    uustatus_url: Mapped[str | None] = mapped_column(String(500), nullable=True)

    schools: Mapped[list["School"]] = relationship(back_populates="organisation", order_by="School.name")

    def __repr__(self) -> str:
        return f"<Organisation {self.slug}>"


class School(TimestampMixin, db.Model):
    __tablename__ = "school"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), nullable=False, index=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    slug: Mapped[str] = mapped_column(String(60), unique=True, nullable=False)
    kind: Mapped[SchoolKind] = mapped_column(
        Enum(SchoolKind, native_enum=False, length=20, values_callable=lambda e: [m.value for m in e]),
        nullable=False,
    )
    # Comma-separated language codes in the order the school lists them, e.g. "nb,nn,en".
    languages: Mapped[str] = mapped_column(String(100), nullable=False, default="nb,nn,en")
    default_language: Mapped[str] = mapped_column(String(10), nullable=False, default="nb")
    # How long closed cases are kept before `flask purge-cases` deletes them.
    case_retention_days: Mapped[int] = mapped_column(Integer, nullable=False, default=180, server_default="180")
    # Purge deletes only cases filed in the archive, unless the school chose otherwise (logged as an access event).
    purge_unfiled: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False, server_default=sa_false())

    organisation: Mapped[Organisation] = relationship(back_populates="schools")

    @property
    def language_list(self) -> list[str]:
        return [code for code in self.languages.split(",") if code]

    def __repr__(self) -> str:
        return f"<School {self.slug}>"
