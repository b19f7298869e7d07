"""Fixtures for integration tests that need a plan template and a published school plan."""

import pytest

from intranet.auth.models import User
from intranet.plans import operations as ops
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
                    "audience": "Vg1",
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
    ops.publish_template(template, None, "Version 1")
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
