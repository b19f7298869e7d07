"""Function roles, contact persons and external services.

The role catalogue ships with the product (contacts/default_roles.json, read by contacts/roles.py).
A school's rows here add its own roles or override a catalogue role (hide it); nothing is written
for roles a school leaves as they are. Texts are stored per language as {lang: text}.
"""

from sqlalchemy import JSON, Boolean, CheckConstraint, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import TimestampMixin
from ..extensions import db


class FunctionRole(TimestampMixin, db.Model):
    __tablename__ = "function_role"
    __table_args__ = (UniqueConstraint("school_id", "key", name="uq_function_role_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"), nullable=False, index=True)
    key: Mapped[str] = mapped_column(String(60), nullable=False)
    name: Mapped[dict] = mapped_column(JSON, nullable=False, default=dict)
    public: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    hidden: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    custom: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)


class ContactPerson(TimestampMixin, db.Model):
    __tablename__ = "contact_person"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"), nullable=False, index=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    title: Mapped[dict] = mapped_column(JSON, nullable=False, default=dict)
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(40))
    public: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)

    role_links: Mapped[list["ContactRole"]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="ContactRole.role_key"
    )

    @property
    def role_keys(self) -> list[str]:
        return [link.role_key for link in self.role_links]


class ContactRole(db.Model):
    __tablename__ = "contact_role"

    contact_id: Mapped[int] = mapped_column(ForeignKey("contact_person.id", ondelete="CASCADE"), primary_key=True)
    role_key: Mapped[str] = mapped_column(String(60), primary_key=True)


class ExternalService(TimestampMixin, db.Model):
    """Police, legevakt, child welfare...: kept once by the organisation, or added by one school."""

    __tablename__ = "external_service"
    __table_args__ = (CheckConstraint("(organisation_id IS NULL) <> (school_id IS NULL)", name="one_owner"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"), index=True)
    school_id: Mapped[int | None] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"), index=True)
    name: Mapped[dict] = mapped_column(JSON, nullable=False, default=dict)
    note: Mapped[dict] = mapped_column(JSON, nullable=False, default=dict)
    phone: Mapped[str | None] = mapped_column(String(40))
    url: Mapped[str | None] = mapped_column(String(500))
    public: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)


class HiddenService(db.Model):
    """A school does not show one of its organisation's services."""

    __tablename__ = "hidden_service"

    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"), primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("external_service.id", ondelete="CASCADE"), primary_key=True)
