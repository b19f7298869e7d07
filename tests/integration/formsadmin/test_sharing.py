"""Checklists travel: the shipped ones, the municipality's templates that schools copy, and JSON files."""

import copy
import io
import json

from sqlalchemy import select, update

from intranet.formsadmin import operations as ops
from intranet.formsadmin.default_forms import load_default_forms
from intranet.formsadmin.models import FormDocument, FormVersion

from ..conftest import AGE_CHECKLIST


def forms_url(world, rest="", school=None):
    return f"/app/schools/{(school or world.school).slug}/forms{rest}"


def school_forms(db, school):
    db.session.expire_all()
    return db.session.scalars(select(FormDocument).where(FormDocument.school_id == school.id)).all()


def test_install_template_publishes_the_shipped_checklists_once_and_updates_them_later(app, world, db):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["install-template", world.org.slug])
    assert first.exit_code == 0, first.output
    shipped = {definition["key"]: definition for definition in load_default_forms()}
    forms = {form.key: form for form in ops.forms_of(world.org)}
    assert forms.keys() == shipped.keys()
    assert all(form.latest.number == 1 and form.latest.definition == shipped[key] for key, form in forms.items())

    again = runner.invoke(args=["install-template", world.org.slug])
    assert "already have the shipped text" in again.output

    edited = forms["suspicion"]
    edited.draft = {**edited.draft, "title": {"nb": "Mistanke (vår utgave)"}}
    outdated = forms["suspected_sale"]
    old = copy.deepcopy(outdated.latest.definition)
    older_release = {**old, "title": {"nb": "Gammel tittel"}}
    outdated.draft = older_release
    # As an older release shipped it: written with SQL, since a published version never changes in the ORM.
    db.session.execute(update(FormVersion).where(FormVersion.id == outdated.latest.id).values(definition=older_release))
    db.session.commit()
    runner.invoke(args=["install-template", world.org.slug])
    db.session.expire_all()
    forms = {form.key: form for form in ops.forms_of(world.org)}
    assert forms["suspected_sale"].latest.number == 2 and forms["suspected_sale"].latest.definition == old
    assert forms["suspicion"].latest.number == 1, "a municipality's unpublished work is left alone"
    assert forms["suspicion"].draft["title"] == {"nb": "Mistanke (vår utgave)"}


def test_a_school_copies_the_municipalitys_published_form_once(client, world, login, db):
    org_form = ops.import_form(world.org, copy.deepcopy(AGE_CHECKLIST), user=None)
    version = ops.publish(org_form, note="For alle skoler", user=None)
    db.session.commit()
    login(world.users["school_admin"])
    page = client.get(forms_url(world, "/?lang=en")).get_data(as_text=True)
    assert "From the municipality" in page and "Copy and adapt" in page

    response = client.post(forms_url(world, f"/copy/{version.id}"))
    assert response.status_code == 303
    (copied,) = school_forms(db, world.school)
    assert copied.draft == AGE_CHECKLIST and copied.latest is None
    assert (copied.source_form_id, copied.source_number) == (org_form.id, 1)
    assert "Copy and adapt" not in client.get(forms_url(world, "/?lang=en")).get_data(as_text=True)
    assert client.post(forms_url(world, f"/copy/{version.id}")).status_code == 303
    assert len(school_forms(db, world.school)) == 1


def test_another_schools_form_cannot_be_copied(client, world, login, db):
    org_form = ops.import_form(world.org, copy.deepcopy(AGE_CHECKLIST), user=None)
    ops.publish(org_form, note="v1", user=None)
    db.session.commit()
    login(world.users["school_admin"])
    other_school_form = ops.import_form(world.other_school, copy.deepcopy(AGE_CHECKLIST), user=None)
    foreign = ops.publish(other_school_form, note="v1", user=None)
    db.session.commit()
    assert client.post(forms_url(world, f"/copy/{foreign.id}")).status_code == 404
    assert school_forms(db, world.school) == []


def test_export_then_import_at_another_school_gives_the_same_definition(client, world, login, db, school_form):
    login(world.users["school_admin"])
    exported = client.get(forms_url(world, f"/{school_form.id}/export.json"))
    assert exported.status_code == 200
    assert exported.headers["Content-Disposition"] == 'attachment; filename="intoxicated-v1.json"'
    assert json.loads(exported.data) == AGE_CHECKLIST

    from intranet.auth.models import Membership, Role

    rector = world.users["school_admin"]
    db.session.add(Membership(user_id=rector.id, school_id=world.other_school.id, role=Role.SCHOOL_ADMIN))
    db.session.commit()
    upload = {"file": (io.BytesIO(exported.data), "intoxicated-v1.json")}
    response = client.post(forms_url(world, "/import", world.other_school), data=upload)
    assert response.status_code == 303
    (imported,) = school_forms(db, world.other_school)
    assert imported.draft == AGE_CHECKLIST and imported.latest is None


def test_an_invalid_import_lists_each_problem_and_keeps_the_pasted_text(client, world, login, db):
    login(world.users["school_admin"])
    broken = copy.deepcopy(AGE_CHECKLIST)
    broken["fields"][1]["show_if"] = {"all": [{"field": "later", "op": "equals", "value": True}]}
    broken["fields"].append({"key": "age", "type": "stamp", "label": {"nb": "Stempel"}})
    text = json.dumps(broken)
    response = client.post(forms_url(world, "/import?lang=en"), data={"text": text})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "3 problems in the file" in page
    assert "“Call the guardians”: it is shown depending on a question that is not in the form" in page
    assert "Field 3 &#39;age&#39;: the key is already used by field 1" in page
    assert "Field 3 &#39;Stempel&#39;: unknown type &#34;stamp&#34;" in page
    assert "call_guardians" in page and "stamp" in page, "the pasted text is still there"
    assert school_forms(db, world.school) == []


def test_import_refuses_text_that_is_not_json_and_a_key_already_in_use(client, world, login, db, school_form):
    login(world.users["school_admin"])
    not_json = client.post(forms_url(world, "/import?lang=en"), data={"text": "{'key': 'x'"})
    assert not_json.status_code == 422 and "This is not valid JSON" in not_json.get_data(as_text=True)
    taken = client.post(forms_url(world, "/import?lang=en"), data={"text": json.dumps(AGE_CHECKLIST)})
    assert taken.status_code == 422
    assert "There is already a form with the key" in taken.get_data(as_text=True)
    assert len(school_forms(db, world.school)) == 1


def test_importing_into_a_form_replaces_its_draft_only(client, world, login, db, school_form):
    login(world.users["school_admin"])
    changed = copy.deepcopy(AGE_CHECKLIST) | {"title": {"nb": "Ny utgave"}}
    response = client.post(forms_url(world, f"/{school_form.id}/import"), data={"text": json.dumps(changed)})
    assert response.status_code == 303
    (form,) = school_forms(db, world.school)
    assert form.draft == changed and form.latest.definition == AGE_CHECKLIST
    other = copy.deepcopy(AGE_CHECKLIST) | {"key": "something_else"}
    refused = client.post(forms_url(world, f"/{school_form.id}/import?lang=en"), data={"text": json.dumps(other)})
    assert refused.status_code == 422 and "holds the form" in refused.get_data(as_text=True)
