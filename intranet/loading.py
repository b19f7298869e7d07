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
from .policy import authorize, managed_organisations
from .schools.models import Organisation, School

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


LOADERS: dict[str, Callable[[dict], object]] = {
    "school": load_school,
    "organisation": load_organisation,
    "managed_organisation": load_managed_organisation,
    "owner": load_owner,
    "form": load_form,
    "case": load_case,
    "case_members": load_case_members,
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
