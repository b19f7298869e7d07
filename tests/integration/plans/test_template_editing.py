"""The municipality admin edits the template's draft and publishes numbered versions."""

from sqlalchemy import select

from intranet.plans.models import TemplateSection, TemplateVersion

BASE = "/app/organisations/testvik/template"


def section_id(db, template, key):
    return db.session.scalar(
        select(TemplateSection.id).where(TemplateSection.template_id == template.id, TemplateSection.key == key)
    )


def versions(db, template):
    return db.session.scalars(
        select(TemplateVersion).where(TemplateVersion.template_id == template.id).order_by(TemplateVersion.number)
    ).all()


def test_edit_a_section_and_publish_version_two_with_a_note(client, world, template, login, db):
    login(world.users["org_admin"])
    sid = section_id(db, template, "purpose")
    page = client.get(f"{BASE}/sections/{sid}").get_data(as_text=True)
    response = client.post(
        f"{BASE}/sections/{sid}",
        data={"title": "Formål og mål", "body": "Ny tekst.", "public": "y", "version": "1", "action": "save"},
    )
    assert response.status_code == 302
    assert "Formål" in page
    response = client.post(f"{BASE}/publish", data={"note": "Klarere formål"})
    assert response.status_code == 302
    db.session.expire_all()
    latest = versions(db, template)[-1]
    assert (latest.number, latest.note, latest.published_by_id) == (2, "Klarere formål", world.users["org_admin"].id)
    assert latest.section("purpose")["title"]["nb"] == "Formål og mål"
    assert versions(db, template)[0].section("purpose")["title"]["nb"] == "Formål"  # version 1 untouched


def test_publishing_without_changes_is_refused(client, world, template, login, db):
    login(world.users["org_admin"])
    response = client.post(f"{BASE}/publish?lang=en", data={"note": "Nothing"})
    assert response.status_code == 400
    assert "Nothing has changed since version 1." in response.get_data(as_text=True)
    assert len(versions(db, template)) == 1


def test_add_reorder_and_remove_sections(client, world, template, login, db):
    login(world.users["org_admin"])
    response = client.post(
        f"{BASE}/sections",
        data={"title": "Lokale kontakter", "kind": "contacts", "key": "local_contacts", "public": "y"},
    )
    assert response.status_code == 302
    new_id = section_id(db, template, "local_contacts")
    client.post(f"{BASE}/sections/{new_id}/move", data={"direction": "up"})
    db.session.expire_all()
    keys = [s.key for s in sorted(db.session.get(type(template), template.id).sections, key=lambda s: s.position)]
    assert keys == ["purpose", "routine_intoxicated", "local_contacts", "measures"]
    client.post(f"{BASE}/sections/{section_id(db, template, 'routine_intoxicated')}/remove")
    db.session.expire_all()
    keys = [s.key for s in sorted(db.session.get(type(template), template.id).sections, key=lambda s: s.position)]
    assert keys == ["purpose", "local_contacts", "measures"]


def test_section_key_clash_is_refused_keeping_the_title(client, world, template, login, db):
    login(world.users["org_admin"])
    response = client.post(
        f"{BASE}/sections?lang=en", data={"title": "Enda et formål", "kind": "text", "key": "purpose"}
    )
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Another section already uses the key “purpose”." in page
    assert 'value="Enda et formål"' in page


def test_empty_title_in_the_default_language_is_refused(client, world, template, login, db):
    login(world.users["org_admin"])
    sid = section_id(db, template, "purpose")
    response = client.post(
        f"{BASE}/sections/{sid}?lang=en", data={"title": "", "body": "Tekst", "version": "1", "action": "save"}
    )
    assert response.status_code == 400
    assert "Give the section a title." in response.get_data(as_text=True)


def test_install_default_template_publishes_the_shipped_text_once(client, world, login, db):
    login(world.users["org_admin"])
    assert client.post(f"{BASE}/install").status_code == 302
    assert client.post(f"{BASE}/install").status_code == 302  # nothing new: no second version
    template_versions = db.session.scalars(select(TemplateVersion)).all()
    assert [v.number for v in template_versions] == [1]
    kinds = {s["kind"] for s in template_versions[0].sections}
    assert {
        "text",
        "measures",
        "signs",
        "routine",
        "responsibilities",
        "annual_wheel",
        "contacts",
        "resources",
    } <= kinds
