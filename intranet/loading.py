"""What a URL names, loaded once per request, and what each view needs before it runs.

A view declares `@requires(action, on=...)`: the user signs in (unless the action is `PUBLIC`), the
object the URL names is loaded (404 when missing) and kept on `g`, and the policy decides (`authorize`).
The declaration stays on the view (`view.required_action`), so the permission matrix knows every route's.
"""

from collections.abc import Callable
from functools import cache, wraps

from flask import abort, g, request
from flask_login import current_user, login_required
from sqlalchemy import bindparam, select
from sqlalchemy.orm import contains_eager, joinedload, selectinload

from .cases.models import Answer, Case, ChecklistRun
from .db import db_int
from .extensions import db
from .formsadmin.models import FormDocument, FormVersion
from .plans.models import Plan, PlanSection, PlanTemplate, TemplateSection
from .plans.operations import school_plan
from .plans.template_operations import organisation_template
from .policy import authorize, managed_organisations
from .schools.models import Organisation, School
from .schoolyear.models import SchoolYear

PUBLIC = "public"  # no sign-in; the school in the URL is loaded all the same
SIGNED_IN = "app.use"  # any signed-in account


def load_school(values: dict) -> School:
    """The school the URL's `slug` names, for staff and public pages alike; its default language
    then chooses the page's language when nothing else does (`i18n.select_locale`)."""
    school = db.session.scalar(select(School).where(School.slug == values["slug"]))
    if school is None:
        abort(404)
    g.school = school
    return school


def load_organisation(values: dict) -> Organisation:
    organisation = db.session.scalar(select(Organisation).where(Organisation.slug == values["org_slug"]))
    if organisation is None:
        abort(404)
    g.organisation = organisation
    return organisation


def load_managed_organisation(values: dict) -> Organisation:
    """The organisation an org admin works in: the one `?org=` asks for, or their only one."""
    wanted = request.args.get("org", type=db_int)
    if not wanted:
        ids = managed_organisations(current_user)
        wanted = ids[0] if ids else None
    organisation = db.session.get(Organisation, wanted) if wanted else None
    if organisation is None:
        abort(404)
    g.organisation = organisation
    return organisation


def load_owner(values: dict) -> School | Organisation:
    """The school or organisation whose forms a builder URL names (`/app/<scope>/<slug>/forms`)."""
    owner = load_school(values) if values["scope"] == "schools" else load_organisation({"org_slug": values["slug"]})
    g.owner = owner
    return owner


def load_form(values: dict) -> FormDocument:
    """The form or checklist `form_id` names, of the owner already loaded (after the owner's check)."""
    owner = g.owner
    form = db.session.get(FormDocument, values["form_id"])
    school_id = owner.id if isinstance(owner, School) else None
    organisation_id = owner.organisation_id if isinstance(owner, School) else owner.id
    if form is None or form.school_id != school_id or form.organisation_id != organisation_id:
        abort(404)
    g.form = form
    return form


def load_case(values: dict) -> Case:
    """The case the URL names, with its school in the same query (see `case_of`)."""
    found = db.session.scalars(_case_statement("slug"), {"case_id": values["case_id"], "school": values["slug"]})
    return _school_and_case(values, found.unique().one_or_none())


def case_of(school: School, case_id: int) -> Case:
    """The school's case with its runs and their versions, its members, and the runs' answers with who
    gave them: two round trips, however big the case."""
    found = db.session.scalars(_case_statement("id"), {"case_id": case_id, "school": school.id})
    return _found_case(found.unique().one_or_none())


@cache
def _case_statement(school_by: str):
    """The case with its school, members, runs and their versions (joined: a row per run and member, so
    the versions' definitions are left out: `operations.definition_of` reads each once per process),
    then the runs' answers (one query: joined too, they would multiply the rows). Built once: building a
    statement with its loader options costs more than SQLite takes to run it."""
    return (
        select(Case)
        .join(Case.school)
        .where(Case.id == bindparam("case_id"), getattr(School, school_by) == bindparam("school"))
        .options(
            contains_eager(Case.school),
            joinedload(Case.members),
            joinedload(Case.runs).joinedload(ChecklistRun.form_version).defer(FormVersion.definition),
            joinedload(Case.runs).selectinload(ChecklistRun.answers).joinedload(Answer.answered_by),
        )
    )


def load_case_members(values: dict) -> Case:
    """The case with its school, then its members: enough to decide, for the page's poll (two queries)."""
    found = db.session.scalars(_members_statement(), {"case_id": values["case_id"], "slug": values["slug"]})
    return _school_and_case(values, found.one_or_none())


@cache
def _members_statement():
    return (
        select(Case)
        .join(Case.school)
        .where(Case.id == bindparam("case_id"), School.slug == bindparam("slug"))
        .options(contains_eager(Case.school), selectinload(Case.members))
    )


def _school_and_case(values: dict, case: Case | None) -> Case:
    """The case loaded with its school, both kept on `g`; 404 when missing."""
    if case is None:
        load_school(values)  # 404 either way; a school that exists still chooses the error page's language
        abort(404)
    g.school = case.school
    return _found_case(case)


def _found_case(case: Case | None) -> Case:
    if case is None:
        abort(404)
    g.case = case
    return case


def load_school_year(values: dict) -> SchoolYear:
    """The school year `year_id` names, of the organisation (or the school's organisation) already loaded."""
    organisation_id = g.organisation.id if "organisation" in g else g.school.organisation_id
    year = db.session.get(SchoolYear, values["year_id"])
    if year is None or year.organisation_id != organisation_id:
        abort(404)
    g.school_year = year
    return year


LOADERS: dict[str, Callable[[dict], object]] = {
    "school": load_school,
    "organisation": load_organisation,
    "managed_organisation": load_managed_organisation,
    "owner": load_owner,
    "form": load_form,
    "case": load_case,
    "case_members": load_case_members,
    "school_year": load_school_year,
}


def requires(action: str, on: str | None = None, then: str | None = None):
    """Declare what a view needs: `action` (a rule in `policy.RULES`, `SIGNED_IN` or `PUBLIC`) on the
    object `on` names (a key of `LOADERS`), loaded from the URL before the view runs; `then` names what
    is loaded once the user may (an object inside the first: asking for a missing one is still refused)."""
    load = LOADERS[on] if on is not None else None
    load_then = LOADERS[then] if then is not None else None

    def decorate(view):
        @wraps(view)
        def checked(**values):
            g.public_page = action == PUBLIC
            target = load(values) if load is not None else None
            if action not in (PUBLIC, SIGNED_IN):
                authorize(action, target)
            if load_then is not None:
                load_then(values)
            return view(**values)

        wrapper = checked if action == PUBLIC else login_required(checked)
        wrapper.required_action = action
        wrapper.required_on = on
        return wrapper

    return decorate


# ---------------------------------------------------------------- plans and plan templates


def load_plan(values: dict) -> Plan:
    """The plan of the school already loaded (after the school's check); 404 before it is created."""
    return _found_on_g("plan", school_plan(g.school))


def load_template(values: dict) -> PlanTemplate:
    """The plan template of the organisation already loaded; 404 before it is installed."""
    return _found_on_g("template", organisation_template(g.organisation))


def load_plan_section(values: dict) -> PlanSection:
    plan = load_plan(values)
    return _section_of(PlanSection, values["section_id"], lambda section: section.plan_id == plan.id)


def load_template_section(values: dict) -> TemplateSection:
    template = load_template(values)
    return _section_of(TemplateSection, values["section_id"], lambda section: section.template_id == template.id)


def _section_of(section_class: type, section_id: int, belongs: Callable[[object], bool]):
    """The section `section_id` of the plan or template just loaded (404 when it is another's)."""
    section = db.session.get(section_class, section_id)
    if section is None or not belongs(section):
        abort(404)
    g.section = section
    return section


def _found_on_g(name: str, found: object | None):
    if found is None:
        abort(404)
    setattr(g, name, found)
    return found


LOADERS.update(
    {
        "plan": load_plan,
        "template": load_template,
        "plan_section": load_plan_section,
        "template_section": load_template_section,
    }
)
