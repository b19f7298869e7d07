"""Checklists and forms as the builder keeps them: a working draft and immutable published versions.

A form belongs to a school, or to the organisation (school_id is None): the municipality's forms
are templates that schools copy. The draft is a definition in the `forms/` JSON format that may
still have problems; only a definition without problems can be published.
"""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import TimestampMixin, UTCDateTime, utcnow
from ..extensions import db
from ..snapshots import ImmutableSnapshot


class FormDocument(TimestampMixin, db.Model):
    __tablename__ = "form_document"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), nullable=False, index=True
    )
    school_id: Mapped[int | None] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(50), nullable=False)
    draft: Mapped[dict] = mapped_column(JSON, nullable=False)
    # Counts changes to the draft, so an editor opened on an older draft can tell (optimistic locking).
    draft_version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    # The municipality's form (and its version number) this school form was copied from.
    source_form_id: Mapped[int | None] = mapped_column(ForeignKey("form_document.id", ondelete="SET NULL"))
    source_number: Mapped[int | None] = mapped_column(Integer)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))

    school = relationship("School")
    organisation = relationship("Organisation")
    updated_by = relationship("User")
    versions: Mapped[list["FormVersion"]] = relationship(
        back_populates="form",
        order_by="FormVersion.number.desc()",
        cascade="all, delete-orphan",
    )
    source_form: Mapped["FormDocument | None"] = relationship(remote_side=[id])

    @property
    def owner(self):
        return self.school if self.school_id is not None else self.organisation

    @property
    def latest(self) -> "FormVersion | None":
        return self.versions[0] if self.versions else None

    @property
    def has_unpublished_changes(self) -> bool:
        return self.latest is None or self.latest.definition != self.draft


class FormVersion(ImmutableSnapshot, db.Model):
    """A published definition: numbered, immutable, with who published it, when, and why."""

    __tablename__ = "form_version"
    __table_args__ = (UniqueConstraint("form_id", "number", name="uq_form_version_number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    form_id: Mapped[int] = mapped_column(ForeignKey("form_document.id", ondelete="CASCADE"), nullable=False, index=True)
    number: Mapped[int] = mapped_column(Integer, nullable=False)
    definition: Mapped[dict] = mapped_column(JSON, nullable=False)
    note: Mapped[str] = mapped_column(String(500), nullable=False, default="")
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    published_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)

    form: Mapped[FormDocument] = relationship(back_populates="versions")
    published_by = relationship("User")
