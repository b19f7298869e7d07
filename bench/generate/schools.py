"""Organisations' and schools' rows in bulk: accounts, memberships, services, contacts, plan and checklist copies."""

import secrets
from dataclasses import dataclass, field
from datetime import timedelta

from intranet.auth.models import Membership, Role, User
from intranet.contacts.models import ContactPerson, ContactRole, ExternalService
from intranet.contacts.operations import normalised_phone
from intranet.formsadmin.models import FormDocument, FormVersion
from intranet.plans.models import Plan, PlanRevision, PlanSection
from intranet.schools.models import School

from .content import CONTACTS, KIND_WORDS, KINDS, SERVICES, place_name, slugify


@dataclass
class SchoolRefs:
    id: int
    slug: str
    rector: tuple  # (id, name, email)
    staff: list = field(default_factory=list)  # (id, name, email)
    versions: dict = field(default_factory=dict)  # checklist key -> form_version id


class SchoolRows:
    """The Generator's school phase (a mixin): every row of an organisation and of a school but its cases."""

    def stamp(self) -> dict:
        return {"created_at": self.since, "updated_at": self.since}

    def school_owners(self, organisations: list[tuple[int, str]]) -> list[int]:
        """The organisation of each school: a few large municipalities and many small ones, none empty."""
        count, total = len(organisations), self.sizes.schools
        weights = [1 / (rank + 1) ** 0.7 for rank in range(count)]
        sizes = [1 + int((total - count) * weight / sum(weights)) for weight in weights]
        for rank in range(total - sum(sizes)):
            sizes[rank % count] += 1
        return [org_id for (org_id, _slug), size in zip(organisations, sizes, strict=True) for _ in range(size)]

    def school_values(self, index: int) -> dict:
        kind = KINDS[index % len(KINDS)]
        place = place_name(index * 7 + 3)
        word, short = KIND_WORDS[kind]
        default = "nn" if index % 9 == 4 else "nb"
        languages = "nn,nb,en" if default == "nn" else "nb,nn,en"
        return {
            "name": f"{place} {word}",
            "slug": f"{slugify(place)}-{short}-{index + 1:04d}",
            "kind": kind,
            "languages": languages,
            "default_language": default,
            "purge_unfiled": False,
        }

    def account(self, email: str) -> dict:
        """A user row: an invented name, the shared password hash, a session token of its own."""
        return {
            "email": email,
            "name": self.person(),
            "password_hash": self.password_hash,
            "language": None,
            "active": True,
            "session_token": secrets.token_hex(16),
            **self.stamp(),
        }

    def user(self, values: dict, role: Role, *, school_id=None, organisation_id=None) -> int:
        user_id = self.rows.add(User.__table__, **values, last_login_at=None)
        self.rows.add(
            Membership.__table__,
            user_id=user_id,
            role=role,
            school_id=school_id,
            organisation_id=organisation_id,
            granted_by_id=None,  # given before records began, as in an installation that upgraded
            granted_at=None,
            **self.stamp(),
        )
        return user_id

    def organisation_rows(self, organisation: tuple[int, str]) -> None:
        """The organisation's administrator and the services all its schools list."""
        org_id, slug = organisation
        values = self.account(f"kommune.{slug}@example.no")
        self.user(values, Role.ORG_ADMIN, organisation_id=org_id)
        for position, (name, note, phone) in enumerate(SERVICES):
            self.rows.add(
                ExternalService.__table__,
                organisation_id=org_id,
                school_id=None,
                name=name,
                note=note,
                phone=normalised_phone(phone),
                url=None,
                public=True,
                position=position,
                **self.stamp(),
            )

    def school_rows(self, index: int, organisation_id: int) -> SchoolRefs:
        """A school with its rector, a copy of the first school's published plan and of its checklists."""
        values = self.school_values(index)
        school_id = self.rows.add(
            School.__table__, organisation_id=organisation_id, case_retention_days=180, **values, **self.stamp()
        )
        rector = self.account(f"rektor.{values['slug']}@example.no")
        rector_id = self.user(rector, Role.SCHOOL_ADMIN, school_id=school_id)
        refs = SchoolRefs(school_id, values["slug"], (rector_id, rector["name"], rector["email"]))
        version = self.template_versions[organisation_id]
        reviewed = self.now.date() - timedelta(days=(index * 37) % 420)  # a yearly review; some are late
        plan_id = self.rows.add(
            Plan.__table__,
            school_id=school_id,
            template_version_id=version,
            reviewed_on=reviewed,
            review_by=reviewed + timedelta(days=365),
            **self.stamp(),
        )
        for section in self.plan_sections:
            self.rows.add(PlanSection.__table__, **section | {"plan_id": plan_id})
        self.rows.add(
            PlanRevision.__table__,
            **self.revision | {"plan_id": plan_id, "template_version_id": version, "published_by_id": rector_id},
        )
        for form, versions in self.school_forms:
            source = self.organisation_forms[(organisation_id, form["key"])]
            form_id = self.rows.add(
                FormDocument.__table__,
                **form
                | {
                    "organisation_id": organisation_id,
                    "school_id": school_id,
                    "source_form_id": source,
                    "updated_by_id": rector_id,
                },
            )
            for each in versions:
                version_id = self.rows.add(
                    FormVersion.__table__, **each | {"form_id": form_id, "published_by_id": rector_id}
                )
            refs.versions[form["key"]] = version_id
        return refs

    def people_and_contacts(self, school: SchoolRefs) -> None:
        for number in range(1, self.sizes.staff_per_school + 1):
            values = self.account(f"ansatt{number}.{school.slug}@example.no")
            user_id = self.user(values, Role.STAFF, school_id=school.id)
            school.staff.append((user_id, values["name"], values["email"]))
        for position, (roles, title, holder, public, phone) in enumerate(CONTACTS):
            person = {"rector": school.rector, "staff": school.staff[position % len(school.staff)]}.get(holder)
            name, email = (person[1], person[2]) if person else (self.person(), None)
            if holder == "nurse":
                email = f"helsesykepleier.{school.slug}@example.no"
            contact_id = self.rows.add(
                ContactPerson.__table__,
                school_id=school.id,
                name=name,
                title=title,
                email=email,
                phone=self.mobile() if phone == "mobile" else normalised_phone(phone),
                public=public,
                position=position,
                **self.stamp(),
            )
            for key in roles:
                self.rows.add(ContactRole.__table__, contact_id=contact_id, role_key=key)
