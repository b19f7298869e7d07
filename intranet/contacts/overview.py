"""Who does what at a school, and what is missing before the school publishes."""

from dataclasses import dataclass, field

from flask import has_request_context
from flask_babel import get_locale

from forms.text import localized

from ..extensions import db
from ..plans.models import Plan, PlanSection
from ..schools.models import School
from .catalogue import people_by_role, school_contacts
from .directory import Directory
from .models import ContactPerson
from .roles import CatalogueRole, school_catalogue

STEP_TYPES = ("check", "call")  # the checklist fields that are things someone does


@dataclass
class RoleDuties:
    role: CatalogueRole
    duties: list[dict] = field(default_factory=list)  # {lang: markdown}
    steps: list[tuple[dict, dict]] = field(default_factory=list)  # (routine title, step text)
    people: list[ContactPerson] = field(default_factory=list)


def who_does_what(
    school: School,
    sections: list[dict],
    *,
    public_only: bool,
    checklists: list[dict] = (),
    directory: Directory | None = None,
) -> list[RoleDuties]:
    """Per role: its duties (responsibilities sections), its routine and checklist steps, and who holds it.

    `sections` are published snapshot sections; for the public version pass only the public ones.
    `checklists` are published checklist definitions (for staff: they are internal working tools).
    `directory`: the school's contact list when the page has it already (no second query).
    """
    catalogue = directory.roles if directory is not None else school_catalogue(school)
    roles = [r for r in catalogue.shown() if r.public or not public_only]
    entries = {role.key: RoleDuties(role) for role in roles}
    for section in sections:
        for item in section.get("data", {}).get("items", []):
            for key in item.get("roles") or []:
                if key not in entries:
                    continue
                if section["kind"] == "responsibilities":
                    entries[key].duties.append(item.get("duties") or {})
                elif section["kind"] == "routine":
                    entries[key].steps.append((section["title"], item.get("step") or {}))
    for checklist in checklists:
        for step in checklist.get("fields", []):
            if step.get("role") in entries and step.get("type") in STEP_TYPES:
                entries[step["role"]].steps.append((checklist["title"], step["label"]))
    holders = people_by_role(school, public_only=public_only) if directory is None else _by_role(directory.people)
    for key, people in holders.items():
        if key in entries:
            entries[key].people.extend(people)
    return [entry for entry in entries.values() if entry.duties or entry.steps or entry.people]


def _by_role(people: list[ContactPerson]) -> dict[str, list[ContactPerson]]:
    found: dict[str, list[ContactPerson]] = {}
    for contact in people:
        for key in contact.role_keys:
            found.setdefault(key, []).append(contact)
    return found


# Roles held by a group or by a service outside the school, not by one named person at the school.
GROUP_ROLES = frozenset(
    {
        "guardians",
        "all_staff",
        "subject_teacher",
        "contact_teacher",
        "student_council",
        "ppt",
        "child_welfare",
        "slt_coordinator",
    }
)


@dataclass
class Completeness:
    roles_without_people: list[str]
    contacts_without_means: list[str]
    untranslated_sections: list[tuple[str, list[str]]]

    @property
    def contacts_complete(self) -> bool:
        """Every role the plan names has a person, and every public contact a phone or an email."""
        return not (self.roles_without_people or self.contacts_without_means)

    @property
    def complete(self) -> bool:
        return not (self.roles_without_people or self.contacts_without_means or self.untranslated_sections)


def completeness(school: School) -> Completeness:
    """What a school admin should fill in before publishing."""
    sections = db.session.scalars(
        db.select(PlanSection)
        .join(Plan)
        .where(Plan.school_id == school.id, PlanSection.hidden.is_(False))
        .order_by(PlanSection.position)
    ).all()
    return completeness_of(school, sections, school_contacts(school), school_catalogue(school))


def completeness_of(school: School, sections, contacts, roles) -> Completeness:
    """The rule itself, on what was loaded: the plan's shown sections in order, the school's contact persons
    with their roles, and its role catalogue (the municipality's overview loads them for every school at once)."""
    held = {key for contact in contacts for key in contact.role_keys}
    used = {key for section in sections for item in section.data.get("items", []) for key in item.get("roles") or []}
    lang = school.default_language
    ui = str(get_locale()) if has_request_context() else lang
    names = {role.key: roles.name(role.key, ui) for role in roles.shown()}
    missing_roles = [names[key] for key in names if key in used and key not in held and key not in GROUP_ROLES]
    without_means = [c.name for c in contacts if c.public and not (c.phone or c.email)]
    untranslated = []
    for section in sections:
        missing = [
            code
            for code in school.language_list
            if not section.title.get(code) or (section.body.get(school.default_language) and not section.body.get(code))
        ]
        if missing:
            untranslated.append((localized(section.title, lang, lang) or section.key, missing))
    return Completeness(missing_roles, without_means, untranslated)
