"""Plan data the browser tests make for themselves, straight in the live server's database.

Tests that change plans work on schools (and, for the template, an organisation) of their own, so
the demo's Fjordvik plan, Lyngheia (no plan yet) and the pages other tests read stay as they are,
whatever order the tests run in. Every account made here signs in with the demo password.
"""

import secrets
from dataclasses import dataclass

from intranet.plans.defaults import default_template

SHIPPED = {section["key"]: section for section in default_template()["sections"]}


def shipped_title(key: str, lang: str = "nb") -> str:
    """A shipped template section's title; plan and template overviews link sections by their title
    in the school's (template's) default language, whatever language the page is in."""
    return SHIPPED[key]["title"][lang]


def shipped_body(key: str, lang: str = "nb") -> str:
    return SHIPPED[key]["body"][lang]


@dataclass(frozen=True)
class SchoolInfo:
    name: str
    slug: str
    rector: str  # e-mail of its school administrator

    @property
    def plan_url(self) -> str:
        return f"/app/schools/{self.slug}/plan/"


@dataclass(frozen=True)
class OrganisationInfo:
    name: str
    slug: str
    admin: str  # e-mail of its organisation administrator


def _demo_password_hash():
    from intranet.auth.models import User
    from intranet.extensions import db

    return db.session.scalar(db.select(User.password_hash).where(User.email == "kommune@example.no"))


def _user(email: str, name: str, role, **scope):
    from intranet.auth.models import Membership, User

    user = User(email=email, name=name, password_hash=_demo_password_hash())
    user.memberships.append(Membership(role=role, **scope))
    return user


def add_organisation(live_server) -> OrganisationInfo:
    """A new municipality with the shipped template installed (version 1) and its own administrator."""
    from intranet.auth.models import Role
    from intranet.extensions import db
    from intranet.plans import template_operations as template_ops
    from intranet.schools.models import Organisation

    token = secrets.token_hex(3)
    info = OrganisationInfo(f"Testvik kommune {token}", f"testvik-{token}", f"kommune-{token}@example.no")
    with live_server.app.app_context():
        organisation = Organisation(name=info.name, slug=info.slug)
        db.session.add(organisation)
        db.session.flush()
        admin = _user(info.admin, "Tove Testvik", Role.ORG_ADMIN, organisation_id=organisation.id)
        db.session.add(admin)
        db.session.flush()
        template_ops.install_default_template(organisation, admin)
        db.session.commit()
    return info


def add_school(
    live_server,
    *,
    organisation: str = "fjordvik",
    plan: bool = False,
    slug: str | None = None,
    rector: str | None = None,
) -> SchoolInfo:
    """A new school (nb, nn and en; bokmål by default) with a rector, and its plan created from the
    organisation's latest template version when `plan` is true (not published)."""
    from intranet.auth.models import Role
    from intranet.extensions import db
    from intranet.plans import operations as ops
    from intranet.schools.models import Organisation, School, SchoolKind

    token = secrets.token_hex(3)
    slug = slug or f"plantest-{token}"
    info = SchoolInfo(f"Plantest skule {token}", slug, rector or f"rektor-{slug}@example.no")
    with live_server.app.app_context():
        org = db.session.scalar(db.select(Organisation).where(Organisation.slug == organisation))
        school = School(
            organisation_id=org.id,
            name=info.name,
            slug=info.slug,
            kind=SchoolKind.LOWER_SECONDARY,
            languages="nb,nn,en",
            default_language="nb",
        )
        db.session.add(school)
        db.session.flush()
        user = _user(info.rector, "Rita Rektor", Role.SCHOOL_ADMIN, school_id=school.id)
        db.session.add(user)
        db.session.flush()
        if plan:
            ops.create_plan(school, user)
        db.session.commit()
    return info


def publish(live_server, school: SchoolInfo, note: str, *, bodies: dict | None = None, hide: tuple = ()) -> None:
    """Change the plan as the rector would (`bodies`: section key → {lang: text}; `hide`: keys), then
    publish the next revision."""
    from intranet.auth.models import User
    from intranet.extensions import db
    from intranet.plans import operations as ops
    from intranet.schools.models import School

    with live_server.app.app_context():
        plan = ops.school_plan(db.session.scalar(db.select(School).where(School.slug == school.slug)))
        for section in plan.sections:
            if section.key in (bodies or {}):
                section.body = dict(bodies[section.key])
            if section.key in hide:
                section.hidden = True
        db.session.flush()
        rector = db.session.scalar(db.select(User).where(User.email == school.rector))
        ops.publish_plan(plan, rector, note)
        db.session.commit()


def plan_body(live_server, slug: str, key: str, lang: str = "nb") -> str:
    """The current (draft) text of a section of a school's plan."""
    from intranet.extensions import db
    from intranet.plans import operations as ops
    from intranet.schools.models import School

    with live_server.app.app_context():
        plan = ops.school_plan(db.session.scalar(db.select(School).where(School.slug == slug)))
        return next(s for s in plan.sections if s.key == key).body.get(lang, "")


# ---------------------------------------------------------------- a school whose plan has two revisions

REVISIONS_SCHOOL = "plantest-revisjoner"
REVISIONS_RECTOR = "rektor.revisjoner@example.no"


def ensure_school_with_two_revisions(live_server) -> None:
    """Made once per test session, for the page that compares revisions 1 and 2: revision 2 changes
    the purpose text and hides a routine."""
    from intranet.extensions import db
    from intranet.schools.models import School

    with live_server.app.app_context():
        if db.session.scalar(db.select(School.id).where(School.slug == REVISIONS_SCHOOL)) is not None:
            return
    school = add_school(live_server, plan=True, slug=REVISIONS_SCHOOL, rector=REVISIONS_RECTOR)
    publish(live_server, school, "Første versjon")
    purpose = dict(SHIPPED["purpose"]["body"])
    purpose["nb"] += "\n\nVi har temakveld for foresatte hver høst."
    publish(live_server, school, "Temakveld for foresatte", bodies={"purpose": purpose}, hide=("routine_wondering",))
