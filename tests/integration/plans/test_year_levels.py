"""The municipality's template serves every kind of school; a school's readers see only what concerns its
own year levels, on every page, feed and PDF, and the rector's editor says which items are not shown."""

import re
import subprocess

import pytest
from sqlalchemy import select

from intranet.auth.models import User
from intranet.plans import operations as ops
from intranet.plans import template_operations as template_ops
from intranet.plans.models import Plan, PlanSection
from intranet.schools.models import SchoolKind

RUSS_MEETING = "Russemøte med helsesykepleier og politi"  # the template's Vg3 activity and measure
NEW_PUPILS = "Planen presenteres for nye elever og foresatte"  # the template's 8. trinn measure


@pytest.fixture
def shipped_plan(world, db):
    """The world's school (lower secondary) has published its plan made from the shipped template."""
    template_ops.install_default_template(world.org)
    rector = db.session.get(User, world.users["school_admin"].id)
    plan = ops.create_plan(world.school, rector)
    ops.publish_plan(plan, rector, "Første")
    db.session.commit()
    return plan


def audiences(page: str) -> list[str]:
    """What the wheel page says each activity is for, in order."""
    return re.findall(r'<span class="label">For:</span> ([^<]*)</span>', page)


def test_a_lower_secondary_school_shows_neither_vg_activities_nor_vg_levels(client, world, shipped_plan):
    public = client.get(f"/{world.school.slug}/wheel?lang=nb").get_data(as_text=True)
    assert audiences(public) == ["8. trinn", "9. trinn", "10. trinn"]
    assert "Foreldremøte med rus som tema" in public and RUSS_MEETING not in public
    plan = client.get(f"/{world.school.slug}/plan?lang=nb").get_data(as_text=True)
    assert NEW_PUPILS in plan and "Egen bolk om rus på Vg3" not in plan and RUSS_MEETING not in plan
    feed = client.get(f"/{world.school.slug}/calendar.ics?lang=nb").get_data(as_text=True)
    assert "Foreldremøte med rus som tema" in feed and "Russemøte" not in feed and "Vg1" not in feed


def test_an_upper_secondary_school_shows_its_vg_levels_and_no_grades(client, world, shipped_plan, db, tmp_path):
    world.school.kind = SchoolKind.UPPER_SECONDARY
    db.session.commit()
    public = client.get(f"/{world.school.slug}/wheel?lang=nb").get_data(as_text=True)
    assert audiences(public) == ["Vg1", "Vg1", "Vg2", "Vg3", "Vg3"]
    assert RUSS_MEETING in public
    pdf = tmp_path / "plan.pdf"
    pdf.write_bytes(client.get(f"/{world.school.slug}/plan.pdf?lang=nb").data)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Egen bolk om rus" in text and NEW_PUPILS not in " ".join(text.split())


def test_the_rector_sees_which_items_the_school_does_not_show(client, world, shipped_plan, login, db):
    login(world.users["school_admin"])
    wheel = db.session.scalar(
        select(PlanSection).join(Plan).where(Plan.school_id == world.school.id, PlanSection.key == "annual_wheel")
    )
    page = client.get(f"/app/schools/{world.school.slug}/plan/sections/{wheel.id}?lang=en").get_data(as_text=True)
    assert page.count("Not shown at this school: “Vg3” names only year levels the school does not have.") == 2
    assert "“8. trinn, Vg1” names only" not in page
