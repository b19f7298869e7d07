"""The plan and template editors say, per language, which texts are translated, outdated or missing;
publishing lists what readers would get in the source language; existing translations count as translated;
a template update carries what each translation translates."""

import re

from intranet.auth.models import User
from intranet.plans import operations as ops
from intranet.plans import template_operations as template_ops
from intranet.plans.models import PlanTemplate
from intranet.plans.translations import language_counts
from intranet.plans.upgrade import apply_changes

from .translation_steps import add_sections, save, section


def overview(client, world, lang="en"):
    return client.get(f"/app/schools/{world.school.slug}/plan/?lang={lang}").get_data(as_text=True)


def summary(page: str) -> str:
    found = re.search(r'<div class="translation-summary".*?</div>', page, re.S)
    return " ".join(found.group(0).split()) if found else ""


def test_existing_translations_count_as_translated_on_upgrade(client, world, published_plan, db, login):
    """Texts saved before tracking existed have no records: nothing is reported outdated or missing."""
    login(world.users["school_admin"])
    page = overview(client, world)
    assert "translation-outdated" not in page and "translation-missing" not in page and not summary(page)
    purpose = section(db, world.school, "purpose")
    editor = client.get(f"/app/schools/{world.school.slug}/plan/sections/{purpose.id}?content=en&lang=en")
    assert editor.get_data(as_text=True).count('<span class="badge translation-translated">translated</span>') == 3


def test_rewriting_the_wheel_in_bokmal_marks_english_outdated_in_the_editor_and_before_publishing(
    client, world, published_plan, db, login
):
    plan = db.session.merge(published_plan)
    add_sections(plan, db)
    db.session.commit()
    login(world.users["school_admin"])
    wheel = section(db, world.school, "wheel")
    save(client, world.school, wheel, "nb", {(0, "title"): "Foreldremøte om rus i oktober"})
    page = overview(client, world)
    assert re.search(r"English: outdated", page)
    listed = summary(page)
    assert (
        "Årshjul" in listed and "English: 1 text outdated" in listed and "Norwegian Nynorsk: 1 text outdated" in listed
    )
    assert "Formål" not in listed  # untouched sections are not listed
    editor = client.get(f"/app/schools/{world.school.slug}/plan/sections/{wheel.id}?content=en&lang=en")
    html = editor.get_data(as_text=True)
    assert 'Activity 1 <span class="badge warning">English: outdated</span>' in html
    assert "mark them as up to date" in html
    bokmal_editor = client.get(f"/app/schools/{world.school.slug}/plan/sections/{wheel.id}?content=nb&lang=en")
    assert "mark them as up to date" not in bokmal_editor.get_data(as_text=True)
    response = client.post(f"/app/schools/{world.school.slug}/plan/publish?lang=en", data={"note": "Nytt årshjul"})
    assert response.status_code == 302  # publishing is still allowed


def test_confirming_a_translation_makes_it_current_without_retyping_it(client, world, published_plan, db, login):
    login(world.users["school_admin"])
    purpose = section(db, world.school, "purpose")
    save(client, world.school, purpose, "nb", {"body": "Skolen skal forebygge rus!"})
    purpose = section(db, world.school, "purpose")
    assert language_counts(purpose.content(), ["nb", "en"], "nb")["en"]["outdated"] == 1
    save(client, world.school, purpose, "en", {"confirm_translation": "y"})
    purpose = section(db, world.school, "purpose")
    assert language_counts(purpose.content(), ["nb", "en"], "nb")["en"]["outdated"] == 0
    assert language_counts(purpose.content(), ["nb", "nn"], "nb")["nn"]["outdated"] == 1


def test_the_template_editor_shows_states_and_a_template_update_carries_them_to_the_school(
    client, world, published_plan, db, login
):
    login(world.users["org_admin"])
    template = db.session.scalar(db.select(PlanTemplate).where(PlanTemplate.organisation_id == world.org.id))
    measures = next(s for s in template.sections if s.key == "measures")
    url = f"/app/organisations/{world.org.slug}/template/sections/{measures.id}?content=nb"
    data = {"title": "Tiltak", "body": "", "version": str(measures.version), "action": "save", "public": "y"}
    data.update({"items-0-id": "m1", "items-0-title": "Foreldremøte om rus", "items-0-level": "school"})
    data.update({"items-0-audience": "8.–10. trinn", "items-0-months": ["9"], "items-0-roles": ["rector"]})
    assert client.post(url, data=data).status_code == 302
    page = client.get(f"/app/organisations/{world.org.slug}/template/?lang=en").get_data(as_text=True)
    assert "English: outdated" in page and "English: 1 text outdated" in summary(page)
    db.session.expire_all()
    template_ops.publish_template(db.session.merge(template), None, "Nytt tiltak")
    db.session.commit()
    plan = ops.school_plan(world.school)
    apply_changes(plan, template_ops.latest_version(template.id), {})
    ops.publish_plan(plan, db.session.get(User, world.users["school_admin"].id), "Fra malen")
    db.session.commit()
    client.get("/logout")
    public = client.get(f"/{world.school.slug}/plan?lang=en").get_data(as_text=True)
    assert '<span lang="nb" dir="ltr">Foreldremøte om rus</span>' in public
    assert "Parents&#39; meeting" not in public


def test_a_nynorsk_school_keeps_the_templates_english_until_it_rewrites_its_nynorsk(client, world, template, db, login):
    """The template (bokmål) is translated to English; the nynorsk school's English reader gets it while the
    school's nynorsk is unchanged, and the nynorsk once the school rewrote it."""
    world.school.default_language = "nn"
    db.session.commit()
    admin = db.session.get(User, world.users["school_admin"].id)
    plan = ops.create_plan(world.school, admin)
    db.session.commit()
    login(world.users["school_admin"])
    save(client, world.school, section(db, world.school, "measures"), "en", {(0, "title"): "Meeting for parents"})
    ops.publish_plan(ops.school_plan(world.school), admin, "1")
    db.session.commit()
    assert "<strong>Meeting for parents</strong>" in client.get(f"/{world.school.slug}/plan?lang=en").get_data(
        as_text=True
    )
    save(client, world.school, section(db, world.school, "measures"), "nn", {(0, "title"): "Foreldremøte om rus"})
    db.session.expire_all()
    ops.publish_plan(ops.school_plan(world.school), admin, "2")
    db.session.commit()
    english = client.get(f"/{world.school.slug}/plan?lang=en").get_data(as_text=True)
    assert '<span lang="nn" dir="ltr">Foreldremøte om rus</span>' in english and "Meeting for parents" not in english
    assert plan.id
