"""A school's contact persons and services (its function roles are in `roles`)."""

from functools import cache

from sqlalchemy import bindparam
from sqlalchemy.orm import joinedload

from ..extensions import db
from ..schools.models import School
from .models import ContactPerson, ExternalService, HiddenService


def school_contacts(school: School, *, public_only: bool = False) -> list[ContactPerson]:
    """The school's contact persons in order, with their roles (one query)."""
    return db.session.scalars(_contacts_statement(public_only), {"school_id": school.id}).unique().all()


@cache
def _contacts_statement(public_only: bool):
    """Built once: building a statement with loader options costs about what SQLite takes to run it."""
    query = db.select(ContactPerson).where(ContactPerson.school_id == bindparam("school_id"))
    if public_only:
        query = query.where(ContactPerson.public.is_(True))
    return query.order_by(ContactPerson.position, ContactPerson.id).options(joinedload(ContactPerson.role_links))


def people_by_role(owner, *, public_only: bool = False) -> dict[str, list[ContactPerson]]:
    """Role key → the school's contact persons holding it, in the contacts' order; empty for an owner
    that is not a school (a municipality has no contact persons)."""
    found: dict[str, list[ContactPerson]] = {}
    if isinstance(owner, School):
        for contact in school_contacts(owner, public_only=public_only):
            for key in contact.role_keys:
                found.setdefault(key, []).append(contact)
    return found


def school_services(school: School, *, public_only: bool = False, include_hidden: bool = False):
    """The organisation's services (less those the school hides) and the school's own, in order.

    Returns (service, hidden) pairs.
    """
    query = db.select(ExternalService).where(
        (ExternalService.organisation_id == school.organisation_id) | (ExternalService.school_id == school.id)
    )
    if public_only:
        query = query.where(ExternalService.public.is_(True))
    services = db.session.scalars(
        query.order_by(ExternalService.school_id.is_not(None), ExternalService.position, ExternalService.id)
    ).all()
    hidden = set(db.session.scalars(db.select(HiddenService.service_id).where(HiddenService.school_id == school.id)))
    pairs = [(service, service.id in hidden) for service in services]
    return pairs if include_hidden else [(s, h) for s, h in pairs if not h]
