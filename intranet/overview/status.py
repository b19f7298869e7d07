"""The plan status of every school of a municipality: a fixed number of statements, however many schools."""

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import and_, func, select
from sqlalchemy.orm import aliased, joinedload

from ..auth.models import Membership, User
from ..cases.models import OPEN, Case
from ..contacts.models import ContactPerson
from ..contacts.overview import completeness_of
from ..contacts.roles import school_catalogues
from ..db import utcnow
from ..extensions import db
from ..formsadmin.models import FormDocument, FormVersion
from ..plans.models import Plan, PlanRevision, PlanSection, PlanTemplate, TemplateVersion
from ..schools.models import Organisation, School
from .steps import step_outcomes


@dataclass
class Adopted:
    form_id: int  # the municipality's checklist
    number: int | None  # the version the school's copy was made from
    latest: int | None  # the municipality's newest published version

    @property
    def current(self) -> bool:
        return self.number is not None and self.number == self.latest


@dataclass
class SchoolStatus:
    school: School
    revision: int | None
    published_at: datetime | None
    template_version: int | None
    template_latest: int | None
    reviewed_on: date | None
    review_by: date | None
    staff: int
    open_cases: int
    overdue: int = 0
    contacts_complete: bool = False
    adopted: list[Adopted] = field(default_factory=list)

    @property
    def published(self) -> bool:
        return self.revision is not None

    @property
    def template_behind(self) -> bool | None:
        """None: no plan made from the template yet."""
        if self.template_version is None:
            return None
        return self.template_latest is not None and self.template_version < self.template_latest

    @property
    def review_overdue(self) -> bool:
        return self.review_by is not None and self.review_by < utcnow().date()


def _main_rows(organisation: Organisation):
    in_organisation = select(School.id).where(School.organisation_id == organisation.id)
    newest = (
        select(PlanRevision.plan_id, func.max(PlanRevision.number).label("number"))
        .join(Plan, Plan.id == PlanRevision.plan_id)
        .where(Plan.school_id.in_(in_organisation))
        .group_by(PlanRevision.plan_id)
        .subquery()
    )
    revision = aliased(PlanRevision)
    followed = aliased(TemplateVersion)
    latest_template = (
        select(func.max(TemplateVersion.number))
        .join(PlanTemplate, PlanTemplate.id == TemplateVersion.template_id)
        .where(PlanTemplate.organisation_id == organisation.id)
        .scalar_subquery()
    )
    staff = (
        select(Membership.school_id, func.count().label("n"))
        .join(User, User.id == Membership.user_id)
        .where(User.active.is_(True), Membership.school_id.in_(in_organisation))
        .group_by(Membership.school_id)
        .subquery()
    )
    open_cases = (
        select(Case.school_id, func.count().label("n"))
        .where(Case.status == OPEN, Case.school_id.in_(in_organisation))
        .group_by(Case.school_id)
        .subquery()
    )
    query = (
        select(
            School,
            revision.number,
            revision.published_at,
            followed.number,
            latest_template,
            Plan.reviewed_on,
            Plan.review_by,
            func.coalesce(staff.c.n, 0),
            func.coalesce(open_cases.c.n, 0),
        )
        .outerjoin(Plan, Plan.school_id == School.id)
        .outerjoin(newest, newest.c.plan_id == Plan.id)
        .outerjoin(revision, and_(revision.plan_id == Plan.id, revision.number == newest.c.number))
        .outerjoin(followed, followed.id == Plan.template_version_id)
        .outerjoin(staff, staff.c.school_id == School.id)
        .outerjoin(open_cases, open_cases.c.school_id == School.id)
        .where(School.organisation_id == organisation.id)
        .order_by(School.name, School.id)
    )
    return [SchoolStatus(*row) for row in db.session.execute(query)]


def municipal_checklists(organisation: Organisation) -> list[FormDocument]:
    """The municipality's own checklists (the templates its schools copy), in one statement."""
    return db.session.scalars(
        select(FormDocument)
        .where(FormDocument.organisation_id == organisation.id, FormDocument.school_id.is_(None))
        .where(FormDocument.draft["kind"].as_string() == "checklist")
        .order_by(FormDocument.key)
    ).all()


def _adopted(organisation: Organisation) -> dict[int, list[Adopted]]:
    source = aliased(FormDocument)
    latest = (
        select(FormVersion.form_id, func.max(FormVersion.number).label("n"))
        .join(FormDocument, FormDocument.id == FormVersion.form_id)
        .where(FormDocument.organisation_id == organisation.id, FormDocument.school_id.is_(None))
        .group_by(FormVersion.form_id)
        .subquery()
    )
    rows = db.session.execute(
        select(FormDocument.school_id, source.id, FormDocument.source_number, latest.c.n)
        .join(source, source.id == FormDocument.source_form_id)
        .outerjoin(latest, latest.c.form_id == source.id)
        .where(source.organisation_id == organisation.id, source.school_id.is_(None))
        .where(FormDocument.organisation_id == organisation.id, FormDocument.school_id.is_not(None))
        .where(source.draft["kind"].as_string() == "checklist")
        .order_by(source.key)
    )
    found: dict[int, list[Adopted]] = {}
    for school_id, form_id, number, newest in rows:
        found.setdefault(school_id, []).append(Adopted(form_id, number, newest))
    return found


def _completeness(organisation: Organisation, schools: list[School]) -> dict[int, bool]:
    """Per school: the school dashboard's own rule (`contacts.overview.completeness_of`), on what three
    statements load for all the schools."""
    sections: dict[int, list] = {school.id: [] for school in schools}
    # plain rows with the columns the rule reads: no ORM identity work for thousands of sections
    for section in db.session.execute(
        select(Plan.school_id, PlanSection.key, PlanSection.title, PlanSection.body, PlanSection.data)
        .join(Plan, Plan.id == PlanSection.plan_id)
        .join(School, School.id == Plan.school_id)
        .where(School.organisation_id == organisation.id, PlanSection.hidden.is_(False))
        .order_by(PlanSection.plan_id, PlanSection.position)
    ):
        sections[section.school_id].append(section)
    contacts: dict[int, list[ContactPerson]] = {school.id: [] for school in schools}
    for contact in db.session.scalars(
        select(ContactPerson)
        .join(School, School.id == ContactPerson.school_id)
        .where(School.organisation_id == organisation.id)
        .order_by(ContactPerson.position, ContactPerson.id)
        .options(joinedload(ContactPerson.role_links))  # joined: one statement however many contacts
    ).unique():
        contacts[contact.school_id].append(contact)
    catalogues = school_catalogues(schools)
    return {
        school.id: completeness_of(
            school, sections[school.id], contacts[school.id], catalogues[school.id]
        ).contacts_complete
        for school in schools
    }


def plan_status(organisation: Organisation) -> list[SchoolStatus]:
    """Every school of the organisation with its plan's status, contacts, checklists, cases and staff."""
    rows = _main_rows(organisation)
    adopted = _adopted(organisation)
    outcomes = step_outcomes(organisation.id, utcnow(), lambda steps: [Case.school_id], open_only=True)
    overdue = {found.school_id: found.overdue for found in outcomes}
    complete = _completeness(organisation, [row.school for row in rows])
    for row in rows:
        row.overdue = overdue.get(row.school.id, 0)
        row.contacts_complete = complete[row.school.id]
        row.adopted = adopted.get(row.school.id, [])
    return rows
