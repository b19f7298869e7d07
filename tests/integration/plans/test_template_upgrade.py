"""A new template version reaches the school's plan without losing anything the school wrote."""

from sqlalchemy import select

from intranet.plans import template_operations as template_ops
from intranet.plans.models import Plan, PlanSection, PlanTemplate, TemplateSection


def url(world, rest=""):
    return f"/app/schools/{world.school.slug}/plan{rest}"


def publish_new_template_version(db, template_id, changes: dict, added: dict | None = None, removed=()):
    template = db.session.get(PlanTemplate, template_id)
    for section in template.sections:
        if section.key in changes:
            section.body = {**section.body, "nb": changes[section.key]}
    for key in removed:
        section = next(s for s in template.sections if s.key == key)
        template.sections.remove(section)
        db.session.delete(section)
    if added:
        template.sections.append(TemplateSection(position=99, **added))
    db.session.flush()
    template_ops.publish_template(template, None, "Version 2")
    db.session.commit()


def plan_section(db, world, key):
    db.session.expire_all()
    return db.session.scalar(
        select(PlanSection).join(Plan).where(Plan.school_id == world.school.id, PlanSection.key == key)
    )


def adapt(client, db, world, key, body):
    section = plan_section(db, world, key)
    return client.post(
        url(world, f"/sections/{section.id}"),
        data={
            "title": section.title["nb"],
            "body": body,
            "public": "y" if section.public else "",
            "version": str(section.version),
            "action": "save",
            **{
                f"items-{i}-{k}": (v["nb"] if isinstance(v, dict) else v)
                for i, item in enumerate(section.data.get("items", []))
                for k, v in item.items()
            },
        },
    )


NEW_SECTION = {
    "key": "resources",
    "kind": "resources",
    "public": True,
    "title": {"nb": "Ressurser"},
    "body": {"nb": "Nyttige lenker."},
    "data": {"items": []},
}


def test_the_school_sees_the_template_has_changed(client, world, template, published_plan, login, db):
    login(world.users["school_admin"])
    assert "The template has changed" not in client.get(url(world, "/?lang=en")).get_data(as_text=True)
    publish_new_template_version(db, template.id, {"purpose": "Ny formålstekst fra kommunen."})
    assert "The template has changed" in client.get(url(world, "/?lang=en")).get_data(as_text=True)


def test_unedited_sections_follow_and_new_sections_arrive_on_apply(client, world, template, published_plan, login, db):
    login(world.users["school_admin"])
    publish_new_template_version(
        db, template.id, {"purpose": "Ny formålstekst fra kommunen."}, added=NEW_SECTION, removed=("measures",)
    )
    page = client.get(url(world, "/template-update?lang=en")).get_data(as_text=True)
    assert "it takes the template's new text" in page and "A new section in the template" in page
    response = client.post(url(world, "/template-update"))
    assert response.status_code == 302
    assert plan_section(db, world, "purpose").body["nb"] == "Ny formålstekst fra kommunen."
    assert plan_section(db, world, "resources").source_key == "resources"
    assert plan_section(db, world, "measures") is None  # unedited, removed by the template
    assert "The template has changed" not in client.get(url(world, "/?lang=en")).get_data(as_text=True)


def test_edited_section_shows_three_texts_and_needs_a_choice(client, world, template, published_plan, login, db):
    login(world.users["school_admin"])
    adapt(client, db, world, "purpose", "Vår egen formålstekst.")
    publish_new_template_version(db, template.id, {"purpose": "Ny formålstekst fra kommunen."})
    page = client.get(url(world, "/template-update?lang=en")).get_data(as_text=True)
    for text in ("Skolen skal forebygge rus.", "Ny formålstekst fra kommunen.", "Vår egen formålstekst."):
        assert text in page
    undecided = client.post(url(world, "/template-update?lang=en"))
    assert undecided.status_code == 400
    assert "Choose, for every section you changed" in undecided.get_data(as_text=True)
    assert plan_section(db, world, "purpose").body["nb"] == "Vår egen formålstekst."

    client.post(url(world, "/template-update"), data={"choice-purpose": "mine"})
    assert plan_section(db, world, "purpose").body["nb"] == "Vår egen formålstekst."
    assert "The template has changed" not in client.get(url(world, "/?lang=en")).get_data(as_text=True)


def test_taking_the_templates_text_replaces_the_schools(client, world, template, published_plan, login, db):
    login(world.users["school_admin"])
    adapt(client, db, world, "purpose", "Vår egen formålstekst.")
    publish_new_template_version(db, template.id, {"purpose": "Ny formålstekst fra kommunen."})
    client.post(url(world, "/template-update"), data={"choice-purpose": "template"})
    assert plan_section(db, world, "purpose").body["nb"] == "Ny formålstekst fra kommunen."


def test_an_edited_section_the_template_removed_is_kept_as_the_schools_own(
    client, world, template, published_plan, login, db
):
    login(world.users["school_admin"])
    adapt(client, db, world, "measures", "Våre egne tiltak.")
    publish_new_template_version(db, template.id, {}, removed=("measures",))
    client.post(url(world, "/template-update"), data={"choice-measures": "mine"})
    kept = plan_section(db, world, "measures")
    assert kept is not None and kept.source_key is None and kept.body["nb"] == "Våre egne tiltak."


def test_an_unrelated_template_change_leaves_the_schools_edit_alone(client, world, template, published_plan, login, db):
    login(world.users["school_admin"])
    adapt(client, db, world, "purpose", "Vår egen formålstekst.")
    publish_new_template_version(db, template.id, {"routine_intoxicated": "Oppdatert rutine."})
    client.post(url(world, "/template-update"))
    assert plan_section(db, world, "purpose").body["nb"] == "Vår egen formålstekst."
    assert plan_section(db, world, "routine_intoxicated").body["nb"] == "Oppdatert rutine."
