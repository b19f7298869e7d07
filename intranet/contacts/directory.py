"""Whom to contact at a school, from its one list of contact persons and services.

Every page that lists contacts (the public page, the plan's contacts section on the public and staff
pages and in the PDF, the poster) asks for a `Directory`: each person once, with all the roles they
hold, and the services outside the school. Nothing is typed twice: a plan's contacts section does not
keep its own phone numbers for people and services the contact list has (its rows add what the list
lacks, such as when to call a role).
"""

from dataclasses import dataclass

from ..schools.models import School
from .catalogue import school_contacts, school_services
from .models import ContactPerson, ExternalService
from .phones import parse_phone
from .roles import RoleCatalogue, school_catalogue


@dataclass(frozen=True)
class Directory:
    people: list[ContactPerson]  # each once, in the school's order
    services: list[ExternalService]
    roles: RoleCatalogue
    public_only: bool

    def roles_of(self, contact: ContactPerson) -> list[str]:
        """The keys of the person's roles this page may name, in the catalogue's order."""
        held = set(contact.role_keys)
        return [role.key for role in self.listed_roles() if role.key in held]

    def listed_roles(self):
        return [role for role in self.roles.shown() if role.public or not self.public_only]

    def extra_rows(self, items: list[dict]) -> list[dict]:
        """A contacts section's rows that add a number the directory does not have already."""
        known = {_digits(c.phone) for c in self.people} | {_digits(s.phone) for s in self.services}
        return [item for item in items if item.get("phone") and _digits(item["phone"]) not in known]

    def role_notes(self, items: list[dict]) -> dict[str, list[dict]]:
        """Role key → the notes ("when to call") a contacts section's rows give for it."""
        notes: dict[str, list[dict]] = {}
        for item in items:
            if item.get("note") and not item.get("phone"):
                for key in item.get("roles") or []:
                    notes.setdefault(key, []).append(item["note"])
        return notes


def _digits(phone: str | None) -> str:
    parsed = parse_phone(phone) if phone else None
    return parsed.tel if parsed else "".join(ch for ch in phone or "" if ch.isdigit())


def school_directory(school: School, *, public_only: bool, services=None) -> Directory:
    """The school's directory: on a public page only public people holding a public role, and public
    services; for staff everybody. `services` when the page has them already (no second query)."""
    roles = school_catalogue(school)
    if services is None:
        services = [service for service, _hidden in school_services(school, public_only=public_only)]
    listed = {role.key for role in roles.shown() if role.public or not public_only}
    people = [
        contact
        for contact in school_contacts(school, public_only=public_only)
        if not public_only or listed.intersection(contact.role_keys)
    ]
    return Directory(people, list(services), roles, public_only)


def directory_for_sections(school: School, sections: list[dict], *, public_only: bool) -> Directory | None:
    """The directory when one of the (snapshot) sections lists contacts; None spares the queries."""
    if not any(section["kind"] == "contacts" for section in sections):
        return None
    return school_directory(school, public_only=public_only)
