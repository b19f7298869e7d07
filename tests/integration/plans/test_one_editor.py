"""The template and the school's plan share one section editor (plans/editor.py); what differs is data.
These tests hold each side to its own data: its rule, its documents, its role catalogue."""

import re

import pytest

from intranet.auth.models import User
from intranet.contacts.models import FunctionRole
from intranet.plans import operations as ops
from intranet.plans.models import PlanSection, TemplateSection

from ..conftest import install_small_template

SAVE = {"title": "Overskrevet", "body": "Ikke lov.", "public": "y", "version": "1", "action": "save"}


def edit_url(world, editor, section_id):
    if editor == "plan":
        return f"/app/schools/{world.school.slug}/plan/sections/{section_id}"
    return f"/app/organisations/{world.org.slug}/template/sections/{section_id}"


def edited(world, editor):
    """The editor's section model and the id of its first section (the text section "purpose")."""
    if editor == "plan":
        return PlanSection, world.plan_section_id
    return TemplateSection, world.template_section_id


@pytest.mark.parametrize(
    ("editor", "role", "status"),
    [
        ("plan", "staff", 403),
        ("plan", "org_admin", 403),
        ("plan", "staff_other_school", 404),
        ("template", "school_admin", 404),
        ("template", "staff", 404),
        ("template", "org_admin_other_org", 404),
    ],
)
def test_both_editors_refuse_a_section_save_by_someone_without_their_rule(
    editor, role, status, client, world, published_plan, login, db
):
    model, section_id = edited(world, editor)
    login(world.users[role])
    assert client.post(edit_url(world, editor, section_id), data=SAVE).status_code == status
    db.session.expire_all()
    section = db.session.get(model, section_id)
    assert section.title["nb"] != "Overskrevet" and section.version == 1


@pytest.mark.parametrize(("editor", "role"), [("plan", "school_admin"), ("template", "org_admin")])
def test_a_section_of_another_plan_or_template_is_not_found(editor, role, client, world, published_plan, login, db):
    """The section in the URL must belong to the document of the school or organisation in the URL."""
    if editor == "plan":
        rector = db.session.get(User, world.users["school_admin"].id)
        foreign = ops.create_plan(world.other_school, rector).sections[0]
    else:
        foreign = install_small_template(world.other_org)
        db.session.add(foreign)
        db.session.flush()
        foreign = foreign.sections[0]
    db.session.commit()
    login(world.users[role])
    assert client.get(edit_url(world, editor, foreign.id)).status_code == 404
    assert client.post(edit_url(world, editor, foreign.id) + "/remove").status_code == 404
    assert db.session.get(type(foreign), foreign.id) is not None


def role_labels(page: str) -> list[str]:
    """The visible names next to the role check boxes of the first item."""
    return re.findall(r'<input[^>]*name="items-0-roles"[^>]*>\s*<label[^>]*>([^<]+)</label>', page)


def test_both_editors_offer_roles_by_name_each_from_its_own_catalogue(
    client, world, template, published_plan, login, db
):
    db.session.add(
        FunctionRole(
            school_id=world.school.id,
            key="rector",
            name={"nb": "Skoleleder", "nn": "Skuleleiar", "en": "Head of school"},
            public=True,
            custom=False,
        )
    )
    db.session.commit()
    plan_routine = next(s.id for s in published_plan.sections if s.key == "routine_intoxicated")
    template_routine = next(s.id for s in template.sections if s.key == "routine_intoxicated")
    login(world.users["school_admin"])
    plan_page = client.get(edit_url(world, "plan", plan_routine) + "?content=nb").get_data(as_text=True)
    login(world.users["org_admin"])
    template_page = client.get(edit_url(world, "template", template_routine) + "?content=nb").get_data(as_text=True)
    plan_roles, template_roles = role_labels(plan_page), role_labels(template_page)
    assert "Skoleleder" in plan_roles and "Rektor" not in plan_roles  # the school's name for its rector
    assert "Rektor" in template_roles and "Skoleleder" not in template_roles  # the shipped catalogue
    for labels in (plan_roles, template_roles):
        assert labels and not any(label.strip() in {"rector", "contact_teacher", "counsellor"} for label in labels)
