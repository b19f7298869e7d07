"""Plan templates (organisation), school plans, and their immutable versions and revisions.

Texts are stored per language as {lang: text}. A section's structured items live in `data`
(see kinds.py). Template versions and plan revisions are snapshots: lists of section dicts.
"""

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import TimestampMixin, UTCDateTime, utcnow
from ..extensions import db
from ..snapshots import ImmutableSnapshot


class SectionContent:
    """Columns shared by template sections and plan sections."""

    key: Mapped[str] = mapped_column(String(60), nullable=False)
    kind: Mapped[str] = mapped_column(String(30), nullable=False)
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    public: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    title: Mapped[dict] = mapped_column(JSON, nullable=False, default=dict)
    body: Mapped[dict] = mapped_column(JSON, nullable=False, default=dict)
    data: Mapped[dict] = mapped_column(JSON, nullable=False, default=dict)
    # Bumped on every save; an editor that saw an older number is told someone else saved first.
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    def content(self) -> dict:
        """The section as stored in a snapshot."""
        return {
            "key": self.key,
            "kind": self.kind,
            "public": self.public,
            "title": self.title,
            "body": self.body,
            "data": self.data,
        }


class PlanTemplate(TimestampMixin, db.Model):
    __tablename__ = "plan_template"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), unique=True, nullable=False)
    title: Mapped[dict] = mapped_column(JSON, nullable=False, default=dict)
    default_language: Mapped[str] = mapped_column(String(10), nullable=False, default="nb")

    sections: Mapped[list["TemplateSection"]] = relationship(
        back_populates="template", order_by="TemplateSection.position", cascade="all, delete-orphan"
    )


class TemplateSection(SectionContent, TimestampMixin, db.Model):
    """A section of the template's working draft; publishing snapshots the draft."""

    __tablename__ = "template_section"
    __table_args__ = (UniqueConstraint("template_id", "key", name="uq_template_section_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    template_id: Mapped[int] = mapped_column(
        ForeignKey("plan_template.id", ondelete="CASCADE"), nullable=False, index=True
    )
    template: Mapped[PlanTemplate] = relationship(back_populates="sections")


class TemplateVersion(ImmutableSnapshot, db.Model):
    __tablename__ = "template_version"
    __table_args__ = (UniqueConstraint("template_id", "number", name="uq_template_version_number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    template_id: Mapped[int] = mapped_column(
        ForeignKey("plan_template.id", ondelete="CASCADE"), nullable=False, index=True
    )
    number: Mapped[int] = mapped_column(Integer, nullable=False)
    note: Mapped[str] = mapped_column(String(500), nullable=False, default="")
    sections: Mapped[list] = mapped_column(JSON, nullable=False)
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    published_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)

    published_by = relationship("User")

    def section(self, key: str) -> dict | None:
        return next((s for s in self.sections if s["key"] == key), None)


class Plan(TimestampMixin, db.Model):
    __tablename__ = "plan"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"), unique=True, nullable=False)
    # The template version the school's sections were last brought in line with.
    template_version_id: Mapped[int | None] = mapped_column(ForeignKey("template_version.id"))
    # When the school last reviewed the plan and when it reviews it next: its administrators are reminded
    # before that date, the municipality sees plans past it, the public page shows the last review.
    reviewed_on: Mapped[date | None] = mapped_column(Date)
    review_by: Mapped[date | None] = mapped_column(Date, index=True)

    school = relationship("School")
    template_version: Mapped[TemplateVersion | None] = relationship()
    sections: Mapped[list["PlanSection"]] = relationship(
        back_populates="plan", order_by="PlanSection.position", cascade="all, delete-orphan"
    )


class PlanSection(SectionContent, TimestampMixin, db.Model):
    __tablename__ = "plan_section"
    __table_args__ = (UniqueConstraint("plan_id", "key", name="uq_plan_section_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), nullable=False, index=True)
    hidden: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    # The template section this one came from; None for the school's own sections.
    source_key: Mapped[str | None] = mapped_column(String(60))
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))

    plan: Mapped[Plan] = relationship(back_populates="sections")
    updated_by = relationship("User")


class PlanRevision(ImmutableSnapshot, db.Model):
    """A published plan: numbered, immutable, with who published it, when, and why."""

    __tablename__ = "plan_revision"
    __table_args__ = (UniqueConstraint("plan_id", "number", name="uq_plan_revision_number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), nullable=False, index=True)
    number: Mapped[int] = mapped_column(Integer, nullable=False)
    note: Mapped[str] = mapped_column(String(500), nullable=False, default="")
    sections: Mapped[list] = mapped_column(JSON, nullable=False)
    template_version_id: Mapped[int | None] = mapped_column(ForeignKey("template_version.id"))
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    published_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)

    published_by = relationship("User")
    plan: Mapped[Plan] = relationship()
