"""Fixtures for integration tests that need a plan template and a published school plan."""

import pytest

from intranet.auth.models import User
from intranet.plans import operations as ops
from intranet.plans import template_operations as template_ops
from intranet.plans.models import PlanTemplate, TemplateSection

SMALL_TEMPLATE = [
    {
        "key": "purpose",
        "kind": "text",
        "public": True,
        "title": {"nb": "Formål", "nn": "Føremål", "en": "Purpose"},
        "body": {
            "nb": "Skolen skal forebygge rus.",
            "nn": "Skulen skal førebyggje rus.",
            "en": "The school works to prevent drug use.",
        },
        "data": {},
    },
    {
        "key": "routine_intoxicated",
        "kind": "routine",
        "public": False,
        "title": {"nb": "Ruspåvirket elev", "nn": "Ruspåverka elev", "en": "Intoxicated student"},
        "body": {"nb": "Slik gjør vi det.", "nn": "Slik gjer vi det.", "en": "This is what we do."},
        "data": {
            "situation": "intoxicated",
            "items": [
                {
                    "id": "s1",
                    "step": {"nb": "Sørg for trygghet.", "nn": "Sørg for tryggleik.", "en": "Ensure safety."},
                    "when": {"nb": "Straks", "nn": "Straks", "en": "At once"},
                    "roles": ["rector"],
                }
            ],
        },
    },
    {
        "key": "measures",
        "kind": "measures",
        "public": True,
        "title": {"nb": "Tiltak", "nn": "Tiltak", "en": "Measures"},
        "body": {"nb": "", "nn": "", "en": ""},
        "data": {
            "items": [
                {
                    "id": "m1",
                    "title": {"nb": "Foreldremøte", "nn": "Foreldremøte", "en": "Parents' meeting"},
                    "description": {"nb": "", "nn": "", "en": ""},
                    "level": "school",
                    "audience": "8.–10. trinn",
                    "months": [9],
                    "roles": ["rector"],
                }
            ]
        },
    },
]


def install_small_template(organisation, user=None):
    template = PlanTemplate(organisation_id=organisation.id, title={"nb": "Mal"}, default_language="nb")
    for position, content in enumerate(SMALL_TEMPLATE):
        template.sections.append(TemplateSection(position=position, **content))
    return template


@pytest.fixture
def template(world, db):
    """A small published template (version 1) for the world's municipality."""
    template = install_small_template(world.org)
    db.session.add(template)
    db.session.flush()
    template_ops.publish_template(template, None, "Version 1")
    db.session.commit()
    return template


@pytest.fixture
def published_plan(world, template, db):
    """The world's school has a plan from the template, published once (revision 1)."""
    rector = db.session.get(User, world.users["school_admin"].id)
    plan = ops.create_plan(world.school, rector)
    ops.publish_plan(plan, rector, "First")
    db.session.commit()
    world.plan_section_id = plan.sections[0].id
    world.template_section_id = template.sections[0].id
    return plan


@pytest.fixture
def contacts(world, db):
    """The world's school has two contacts (one internal), the municipality one service, the school its own."""
    from intranet.contacts.models import ContactPerson, ContactRole, ExternalService

    rector = ContactPerson(
        school_id=world.school.id,
        name="Rita Rektor",
        title={"nb": "Rektor"},
        phone="91 23 45 67",
        email="rita@example.no",
        public=True,
        position=0,
        role_links=[ContactRole(role_key="rector")],
    )
    secret = ContactPerson(
        school_id=world.school.id,
        name="Hemmelig Person",
        title={"nb": "Politikontakt"},
        phone="92 00 00 01",
        email="hemmelig@example.no",
        public=False,
        position=1,
        role_links=[ContactRole(role_key="police_contact")],
    )
    police = ExternalService(
        organisation_id=world.org.id,
        name={"nb": "Politiet", "en": "Police"},
        phone="02800",
        note={"nb": "Ikke akutt"},
        public=True,
        position=0,
    )
    own = ExternalService(school_id=world.school.id, name={"nb": "Ungdomsklubben"}, phone="55 55 55 55", public=True)
    db.session.add_all([rector, secret, police, own])
    db.session.commit()
    world.contact_id, world.secret_contact_id = rector.id, secret.id
    world.org_service_id, world.own_service_id = police.id, own.id
    return world


AGE_CHECKLIST = {
    "key": "intoxicated",
    "kind": "checklist",
    "default_language": "nb",
    "title": {"nb": "Ruspåvirket elev", "en": "Intoxicated student"},
    "fields": [
        {
            "key": "age",
            "type": "single_choice",
            "label": {"nb": "Alder", "en": "Age"},
            "required": True,
            "choices": [
                {"key": "under_18", "label": {"nb": "Under 18", "en": "Under 18"}},
                {"key": "adult", "label": {"nb": "18 eller eldre", "en": "18 or older"}},
            ],
        },
        {
            "key": "call_guardians",
            "type": "check",
            "label": {"nb": "Ring foresatte", "en": "Call the guardians"},
            "role": "contact_teacher",
            "due": {"amount": 2, "unit": "hours"},
            "show_if": {"all": [{"field": "age", "op": "equals", "value": "under_18"}]},
        },
    ],
}


@pytest.fixture
def school_form(world, db):
    """The world's school has a checklist published once (version 1) whose draft equals it."""
    import copy

    from intranet.formsadmin import operations as form_ops

    rector = db.session.get(User, world.users["school_admin"].id)
    form = form_ops.import_form(world.school, copy.deepcopy(AGE_CHECKLIST), user=rector)
    form_ops.publish(form, note="First", user=rector)
    db.session.commit()
    world.form_id = form.id
    return form


@pytest.fixture
def cases(world, db, school_form):
    """An open case opened by the world's staff member, and a closed one, both running the school's checklist."""
    from intranet.cases import operations as case_ops

    staff = db.session.get(User, world.users["staff"].id)
    version = school_form.latest
    open_case = case_ops.open_case(world.school, version, user=staff, label="10B")
    closed = case_ops.open_case(world.school, version, user=staff)
    case_ops.close_case(closed, note="Done", user=staff)
    db.session.commit()
    world.case_id, world.closed_case_id = open_case.id, closed.id
    world.run_id = open_case.runs[0].id
    world.version_id = version.id
    return open_case


@pytest.fixture
def school_year(world, db):
    """The world's municipality has the school year 2026/27 with a Christmas break; its school one own day."""
    from datetime import date

    from intranet.schoolyear.models import ClosedKind, ClosedPeriod, SchoolYear

    year = SchoolYear(organisation_id=world.org.id, first_day=date(2026, 8, 17), last_day=date(2027, 6, 18))
    christmas = ClosedPeriod(kind=ClosedKind.CHRISTMAS_BREAK, first_day=date(2026, 12, 21), last_day=date(2027, 1, 1))
    own = ClosedPeriod(
        kind=ClosedKind.PLANNING_DAY, school_id=world.school.id, first_day=date(2026, 12, 7), last_day=date(2026, 12, 8)
    )
    year.periods.extend([christmas, own])
    db.session.add(year)
    db.session.commit()
    world.school_year_id, world.org_period_id, world.school_period_id = year.id, christmas.id, own.id
    return year


def publish_with_sections(world, plan, *sections: dict, note="Published"):
    """Add snapshot-shaped `sections` to the world's published plan and publish it again."""
    from intranet.extensions import db
    from intranet.plans.models import PlanSection

    plan = db.session.merge(plan)
    for offset, content in enumerate(sections):
        plan.sections.append(PlanSection(position=50 + offset, source_key=None, **content))
    db.session.flush()
    ops.publish_plan(plan, db.session.merge(world.users["school_admin"]), note)
    db.session.commit()
    return plan
