"""What the app's own operations make (organisations, the first school), read back as what every school copies."""

from sqlalchemy import func, select

from intranet.auth.models import Membership, Role, User
from intranet.extensions import db
from intranet.formsadmin.models import FormDocument, FormVersion
from intranet.formsadmin.operations import copy_template, install_default_forms, publish, templates_for
from intranet.plans.models import Plan, PlanRevision, PlanSection, PlanTemplate, TemplateVersion
from intranet.plans.operations import create_plan, publish_plan
from intranet.plans.template_operations import install_default_template
from intranet.schools.models import Organisation, School

from .checklists import read_checklist
from .content import place_name, slugify
from .rows import copyable
from .schools import SchoolRefs


class Prototypes:
    """The Generator's first phase (a mixin): made the app's way, then copied in bulk by the other phases."""

    def organisations(self) -> list[tuple[int, str]]:
        """Every organisation with the shipped plan template and checklists, as `flask install-template`."""
        made = []
        for index in range(self.sizes.organisations):
            place = place_name(index)
            organisation = Organisation(name=f"{place} kommune", slug=f"{slugify(place)}-{index + 1:03d}")
            db.session.add(organisation)
            db.session.flush()
            install_default_template(organisation)
            install_default_forms(organisation)
            made.append((organisation.id, organisation.slug))
        db.session.flush()
        return made

    def first_school(self, organisation: tuple[int, str]) -> SchoolRefs:
        """The first school, its rector, plan revision and checklist copies, made the app's way."""
        school = School(organisation_id=organisation[0], **self.school_values(0))
        rector = self.account(f"rektor.{school.slug}@example.no")
        user = User(**{k: v for k, v in rector.items() if k not in ("created_at", "updated_at")})
        user.memberships.append(Membership(role=Role.SCHOOL_ADMIN, school=school))
        db.session.add_all([school, user])
        db.session.flush()
        plan = create_plan(school, user)
        publish_plan(plan, user, "Første versjon av planen")
        for version in templates_for(school):
            form = copy_template(school, version, user=user)
            publish(form, note="Tatt i bruk fra kommunens mal", user=user)
        db.session.flush()
        return SchoolRefs(school.id, school.slug, (user.id, user.name, user.email))

    def read_prototypes(self, first: SchoolRefs) -> None:
        """What every school copies: the first school's plan, revision and checklists; each organisation's ids."""
        plan_id = db.session.scalar(select(Plan.id).where(Plan.school_id == first.id))
        sections = db.session.execute(select(PlanSection.__table__).where(PlanSection.plan_id == plan_id))
        self.plan_sections = [copyable(row) for row in sections]
        self.revision = copyable(db.session.execute(select(PlanRevision.__table__)).one())
        newest = select(PlanTemplate.organisation_id, func.max(TemplateVersion.id)).join(TemplateVersion)
        self.template_versions = dict(db.session.execute(newest.group_by(PlanTemplate.organisation_id)).all())
        owned = select(FormDocument.organisation_id, FormDocument.key, FormDocument.id)
        self.organisation_forms = {
            (org, key): form_id
            for org, key, form_id in db.session.execute(owned.where(FormDocument.school_id.is_(None)))
        }
        forms = db.session.execute(select(FormDocument.__table__).where(FormDocument.school_id == first.id)).all()
        versions = db.session.execute(
            select(FormVersion.__table__)
            .where(FormVersion.form_id.in_([form.id for form in forms]))
            .order_by(FormVersion.number)
        ).all()
        self.school_forms = [
            (copyable(form), [copyable(v) for v in versions if v.form_id == form.id]) for form in forms
        ]
        latest = {form.key: [v for v in versions if v.form_id == form.id][-1] for form in forms}
        first.versions = {key: version.id for key, version in latest.items()}
        self.checklists = {
            key: read_checklist(key, version.definition, version.number, self.rng)
            for key, version in latest.items()
            if version.definition.get("kind") == "checklist"
        }
