"""Changing a school's contacts, roles and services, and an organisation's shared services."""

import re
import unicodedata

from flask_babel import gettext as _

from forms.text import localized

from ..errors import OperationError
from ..extensions import db
from ..ordering import move_item
from ..plans.models import Plan, PlanSection
from ..schools.models import School
from .catalogue import school_contacts
from .models import ContactPerson, ContactRole, ExternalService, FunctionRole, HiddenService
from .phones import parse_phone
from .roles import school_catalogue


def normalised_phone(raw: str | None) -> str | None:
    phone = parse_phone(raw or "")
    return phone.display if phone else None


def save_contact(
    school: School,
    contact: ContactPerson | None,
    *,
    name: str,
    title: dict,
    roles: list[str],
    phone: str | None,
    email: str | None,
    public: bool,
) -> ContactPerson:
    """Add or update a contact person; every person needs at least one known role."""
    known = school_catalogue(school)
    if not roles:
        raise OperationError(_("Choose at least one role for the person."), field="roles")
    if any(key not in known for key in roles):
        raise OperationError(_("Choose the person's roles from the list."), field="roles")
    if contact is None:
        position = len(school_contacts(school))
        contact = ContactPerson(school_id=school.id, position=position)
        db.session.add(contact)
    contact.name, contact.title, contact.public = name, title, public
    contact.phone, contact.email = normalised_phone(phone), (email or None)
    contact.role_links = [ContactRole(role_key=key) for key in dict.fromkeys(roles)]
    db.session.flush()
    return contact


def move_contact(school: School, contact: ContactPerson, direction: int) -> None:
    """Move a contact person one place up (-1) or down (+1) in the school's list."""
    move_item(list(school_contacts(school)), contact, direction)
    db.session.flush()


def delete_contact(contact: ContactPerson) -> None:
    db.session.delete(contact)
    db.session.flush()


def role_key_from_name(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name.replace("æ", "ae").replace("ø", "o").replace("å", "a"))
    key = re.sub(r"[^a-z0-9]+", "_", ascii_name.encode("ascii", "ignore").decode().lower()).strip("_")
    return (key or "role")[:50]


def add_role(school: School, name: dict, public: bool) -> FunctionRole:
    """Add a role of the school's own. Its key comes from its name in the default language."""
    key = role_key_from_name(name.get(school.default_language, ""))
    if key in school_catalogue(school):
        raise OperationError(
            _("There is already a role called “%(name)s”.", name=name[school.default_language]),
            field=f"name_{school.default_language}",
        )
    role = FunctionRole(school_id=school.id, key=key, name=name, public=public, custom=True)
    db.session.add(role)
    db.session.flush()
    return role


def set_role_hidden(school: School, key: str, hidden: bool) -> None:
    row = db.session.scalar(db.select(FunctionRole).where(FunctionRole.school_id == school.id, FunctionRole.key == key))
    if row is None:
        row = FunctionRole(
            school_id=school.id,
            key=key,
            name={},
            custom=False,
            public=school_catalogue(school).get(key).public,
        )
        db.session.add(row)
    row.hidden = hidden
    db.session.flush()


def role_uses(school: School, key: str) -> list[str]:
    """Where a role is used at the school: contact persons and plan sections, as names to show."""
    uses = [contact.name for contact in school_contacts(school) if key in contact.role_keys]
    sections = db.session.scalars(db.select(PlanSection).join(Plan).where(Plan.school_id == school.id)).all()
    for section in sections:
        if any(key in (item.get("roles") or []) for item in section.data.get("items", [])):
            uses.append(localized(section.title, school.default_language, school.default_language))
    return uses


def delete_role(school: School, key: str) -> None:
    """Delete a role of the school's own; refused, naming the places, while it is in use."""
    row = db.session.scalar(
        db.select(FunctionRole).where(
            FunctionRole.school_id == school.id, FunctionRole.key == key, FunctionRole.custom.is_(True)
        )
    )
    if row is None:
        raise OperationError(_("Only roles the school added itself can be deleted; hide the others."))
    uses = role_uses(school, key)
    if uses:
        raise OperationError(_("The role is still used by: %(uses)s. Change those first.", uses="; ".join(uses)))
    db.session.delete(row)
    db.session.flush()


def save_service(
    service: ExternalService, *, name: dict, note: dict, phone: str | None, url: str | None, public: bool
) -> ExternalService:
    service.name, service.note, service.public = name, note, public
    service.phone, service.url = normalised_phone(phone), (url or None)
    if service.id is None:
        db.session.add(service)
    db.session.flush()
    return service


def set_service_hidden(school: School, service: ExternalService, hidden: bool) -> None:
    row = db.session.get(HiddenService, (school.id, service.id))
    if hidden and row is None:
        db.session.add(HiddenService(school_id=school.id, service_id=service.id))
    elif not hidden and row is not None:
        db.session.delete(row)
    db.session.flush()


def delete_service(service: ExternalService) -> None:
    db.session.delete(service)
    db.session.flush()
