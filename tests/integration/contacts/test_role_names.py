"""Every page names a function role as the school calls it, in the reader's language; a role the school
has since deleted is named as such, never by its internal key."""

import re

import pytest

from intranet.contacts.models import FunctionRole
from intranet.plans import operations as plan_ops

HTMX = {"HX-Request": "true"}


@pytest.fixture
def renamed(world, db):
    """The school calls the contact teacher a form tutor and the rector the head."""
    db.session.add_all(
        [
            FunctionRole(
                school_id=world.school.id,
                key="contact_teacher",
                name={"nb": "Klassekontakt", "nn": "Klassekontakt", "en": "Form tutor"},
                public=True,
                custom=False,
            ),
            FunctionRole(
                school_id=world.school.id,
                key="rector",
                name={"nb": "Skoleleder", "nn": "Skuleleiar", "en": "Head of school"},
                public=True,
                custom=False,
            ),
        ]
    )
    db.session.commit()
    return world


def test_the_case_page_and_a_tick_name_the_step_role_as_the_school_does(client, renamed, cases, login, db):
    world = renamed
    login(world.users["staff"])
    base = f"/app/schools/{world.school.slug}/cases/{world.case_id}"
    page = client.get(f"{base}?lang=en").get_data(as_text=True)
    seen = re.search(r'name="seen" value="(\d+)"', page).group(1)
    run = world.run_id
    answered = client.post(
        f"{base}/runs/{run}/fields/age", data={f"r{run}-age": "under_18", "seen": seen}, headers=HTMX
    )
    assert answered.status_code == 200
    swapped = answered.get_data(as_text=True)
    assert "Responsible: Form tutor" in swapped  # the step the answer revealed, swapped in
    assert "Contact teacher" not in swapped and "contact_teacher" not in swapped
    again = client.get(f"{base}?lang=en").get_data(as_text=True)
    assert "Responsible: Form tutor" in again and "contact_teacher" not in again


def test_plan_pages_name_the_roles_as_the_school_does_for_staff_and_parents(client, renamed, published_plan, login):
    world = renamed
    public = client.get(f"/{world.school.slug}/plan?lang=en").get_data(as_text=True)
    assert "Head of school" in public and "Rector" not in public
    login(world.users["staff"])
    page = client.get(f"/app/schools/{world.school.slug}/plan/read?lang=nn").get_data(as_text=True)
    assert "Skuleleiar" in page
    assert "rector" not in re.sub(r"<[^>]+>", " ", page).lower()


def test_a_role_the_school_deleted_is_named_as_gone_not_by_its_key(client, world, published_plan, login, db):
    plan = published_plan
    section = next(s for s in plan.sections if s.kind == "routine")
    data = dict(section.data)
    data["items"] = [dict(data["items"][0], roles=["night_watch"])]  # a role of the school's own, deleted since
    section.data = data
    rector = world.users["school_admin"]
    plan_ops.publish_plan(plan, rector, "Second")
    db.session.commit()
    login(rector)
    page = client.get(f"/app/schools/{world.school.slug}/plan/read?lang=en").get_data(as_text=True)
    assert "a role that no longer exists" in page
    assert "night_watch" not in page
