"""A school admin builds a checklist in the builder: fields, choices, conditions, due offsets, publishing."""

import copy

from sqlalchemy import select

from intranet.formsadmin.models import FormDocument, FormVersion

from ..conftest import AGE_CHECKLIST


def forms_url(world, rest=""):
    return f"/app/schools/{world.school.slug}/forms{rest}"


def reload(db, form_id) -> FormDocument:
    db.session.expire_all()
    return db.session.get(FormDocument, form_id)


def test_a_new_checklist_gets_a_key_from_its_title_and_opens_in_the_builder(client, world, login, db):
    login(world.users["school_admin"])
    response = client.post(forms_url(world, "/new"), data={"title": "Ruspåvirket elev", "kind": "checklist"})
    assert response.status_code == 303
    form = db.session.scalar(select(FormDocument).where(FormDocument.school_id == world.school.id))
    assert response.location.endswith(f"/forms/{form.id}")
    assert form.draft == {
        "key": "ruspavirket_elev",
        "kind": "checklist",
        "default_language": "nb",
        "title": {"nb": "Ruspåvirket elev"},
        "fields": [],
    }
    page = client.get(response.location + "?lang=en").get_data(as_text=True)
    assert "No fields yet" in page and "the definition has no fields" in page.lower()


def test_a_new_form_without_title_is_refused_in_the_users_language(client, world, login, db):
    login(world.users["school_admin"])
    response = client.post(forms_url(world, "/new?lang=en"), data={"title": "  ", "kind": "form"})
    assert response.status_code == 422
    assert "Give the form a title." in response.get_data(as_text=True)
    assert db.session.scalar(select(FormDocument.id)) is None


def test_adding_a_field_opens_its_editor_and_a_stale_page_changes_nothing(client, world, login, db, school_form):
    login(world.users["school_admin"])
    url = forms_url(world, f"/{school_form.id}/fields")
    response = client.post(url, data={"type": "yes_no", "label": "Er eleven trygg?", "version": "1"})
    assert response.status_code == 303 and "edit=er_eleven_trygg" in response.location
    form = reload(db, school_form.id)
    assert form.draft["fields"][-1] == {"key": "er_eleven_trygg", "type": "yes_no", "label": {"nb": "Er eleven trygg?"}}
    assert form.draft_version == 2

    stale = client.post(url + "?lang=en", data={"type": "text", "label": "Notat", "version": "1"})
    page = stale.get_data(as_text=True)
    assert stale.status_code == 409
    assert "changed this form while you were working on it" in page and 'value="Notat"' in page
    assert len(reload(db, school_form.id).draft["fields"]) == 3


def test_saving_a_field_with_choices_role_due_and_a_condition_writes_the_definition(
    client, world, login, db, school_form
):
    login(world.users["school_admin"])
    client.post(
        forms_url(world, f"/{school_form.id}/fields"),
        data={"type": "multiple_choice", "label": "Tiltak", "version": "1"},
    )
    data = {
        "version": "2",
        "label_nb": "Tiltak",
        "label_en": "Measures",
        "help_nb": "Kryss av det som er gjort.",
        "required": "y",
        "role": "rector",
        "due_amount": "3",
        "due_unit": "school_days",
        "choices-0-id": "a",
        "choices-0-label_nb": "Møte med foresatte",
        "choices-1-id": "b",
        "choices-1-label_nb": "",  # an empty row is no choice
        "show_mode": "all",
        "conditions-0-id": "c",
        "conditions-0-field": "age",
        "conditions-0-op": "in",
        "conditions-0-values": ['"under_18"', '"adult"'],
        "action": "save",
    }
    response = client.post(forms_url(world, f"/{school_form.id}/fields/tiltak"), data=data)
    assert response.status_code == 303
    assert reload(db, school_form.id).draft["fields"][-1] == {
        "key": "tiltak",
        "type": "multiple_choice",
        "label": {"nb": "Tiltak", "en": "Measures"},
        "help": {"nb": "Kryss av det som er gjort."},
        "required": True,
        "choices": [{"key": "mote_med_foresatte", "label": {"nb": "Møte med foresatte"}}],
        "role": "rector",
        "due": {"amount": 3, "unit": "school_days"},
        "show_if": {"all": [{"field": "age", "op": "in", "value": ["under_18", "adult"]}]},
    }


def test_a_condition_without_an_answer_is_refused_and_keeps_what_was_typed(client, world, login, db, school_form):
    login(world.users["school_admin"])
    before = copy.deepcopy(school_form.draft)
    data = {
        "version": "1",
        "label_nb": "Ring foresatte nå",
        "show_mode": "all",
        "conditions-0-id": "c",
        "conditions-0-field": "age",
        "conditions-0-op": "equals",
        "action": "save",
    }
    response = client.post(forms_url(world, f"/{school_form.id}/fields/call_guardians?lang=en"), data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Tick exactly one answer." in page and 'value="Ring foresatte nå"' in page
    assert reload(db, school_form.id).draft == before


def test_adding_a_condition_row_shows_the_earlier_questions_answers_without_saving(
    client, world, login, db, school_form
):
    login(world.users["school_admin"])
    data = {
        "version": "1",
        "label_nb": "Ring foresatte",
        "conditions-0-id": "c",
        "conditions-0-field": "age",
        "conditions-0-op": "equals",
        "conditions-0-values": '"under_18"',
        "action": "add-condition",
    }
    response = client.post(forms_url(world, f"/{school_form.id}/fields/call_guardians?lang=en"), data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'name="conditions-1-field"' in page and "18 eller eldre" in page
    assert reload(db, school_form.id).draft_version == 1


def test_publishing_refuses_a_draft_with_problems_and_publishes_a_clean_one(client, world, login, db, school_form):
    rector = world.users["school_admin"]
    login(rector)
    client.post(
        forms_url(world, f"/{school_form.id}/fields"), data={"type": "single_choice", "label": "Sted", "version": "1"}
    )
    url = forms_url(world, f"/{school_form.id}/publish?lang=en")
    refused = client.post(url, data={"version": "2", "note": "Sted lagt til"})
    assert refused.status_code == 422
    assert "“Sted”: add at least one choice" in refused.get_data(as_text=True)
    assert [v.number for v in reload(db, school_form.id).versions] == [1]

    client.post(forms_url(world, f"/{school_form.id}/fields/sted/remove"), data={"version": "2"})
    unchanged = client.post(url, data={"version": "3", "note": "Ingenting"})
    assert unchanged.status_code == 422 and "Nothing has changed since version 1" in unchanged.get_data(as_text=True)

    move = forms_url(world, f"/{school_form.id}/fields/call_guardians/move")
    client.post(move, data={"direction": "up", "version": "3"})
    later = client.post(url, data={"version": "4", "note": "Rekkefølge"})
    page = later.get_data(as_text=True)
    assert later.status_code == 422
    assert "“Call the guardians”: it is shown depending on “Age”, which comes after" in page
    client.post(move, data={"direction": "down", "version": "4"})
    client.post(forms_url(world, f"/{school_form.id}/texts"), data={"version": "5", "title_nb": "Beruset elev"})
    assert client.post(url, data={"version": "6", "note": "Ny tittel"}).status_code == 303
    form = reload(db, school_form.id)
    assert [(v.number, v.note, v.published_by_id) for v in form.versions] == [
        (2, "Ny tittel", rector.id),
        (1, "First", rector.id),
    ]
    assert form.versions[0].definition["title"] == {"nb": "Beruset elev"}
    assert form.versions[1].definition["title"] == AGE_CHECKLIST["title"], "a published version never changes"


def test_a_field_other_fields_depend_on_cannot_be_removed(client, world, login, db, school_form):
    login(world.users["school_admin"])
    response = client.post(forms_url(world, f"/{school_form.id}/fields/age/remove?lang=en"), data={"version": "1"})
    assert response.status_code == 303
    page = client.get(response.location + "?lang=en").get_data(as_text=True)
    assert "change their conditions first" in page and "Ring foresatte" in page
    assert len(reload(db, school_form.id).draft["fields"]) == 2


def test_editing_a_published_form_starts_a_draft_of_the_next_version(client, world, login, db, school_form):
    login(world.users["school_admin"])
    data = {"version": "1", "title_nb": "Ruspåvirket elev", "title_en": "A student under the influence"}
    assert client.post(forms_url(world, f"/{school_form.id}/texts"), data=data).status_code == 303
    page = client.get(forms_url(world, f"/{school_form.id}?lang=en")).get_data(as_text=True)
    assert "draft of version 2" in page
    assert reload(db, school_form.id).versions[0].definition["title"]["en"] == "Intoxicated student"
    client.post(forms_url(world, f"/{school_form.id}/discard"))
    assert reload(db, school_form.id).draft == AGE_CHECKLIST


def test_preview_shows_a_conditional_step_only_when_its_condition_holds(
    client, world, login, db, school_form, contacts
):
    login(world.users["school_admin"])
    url = forms_url(world, f"/{school_form.id}/preview?lang=en&content=en")
    first = client.get(url).get_data(as_text=True)
    assert "Age" in first and "Call the guardians" not in first
    answered = client.post(url, data={"age": "under_18"}, headers={"HX-Request": "true"})
    fragment = answered.get_data(as_text=True)
    assert "Call the guardians" in fragment and "<html" not in fragment, "htmx gets the form only"
    assert 'id="run-form"' in fragment and 'class="step"' in fragment, "the very run a case shows"
    assert "Due " in fragment and "Responsible: " in fragment, "due as if the case had opened now"
    assert 'name="age" value="under_18"' in fragment.split('id="step-form-call_guardians"')[1], "carried along"
    assert "Call the guardians" not in client.post(url, data={"age": "adult"}).get_data(as_text=True)


def test_the_preview_offers_the_schools_people_in_a_contact_picker_as_a_case_does(client, world, login, db, contacts):
    from intranet.formsadmin import operations as ops

    data = {
        "key": "handover",
        "kind": "checklist",
        "default_language": "nb",
        "title": {"nb": "Overlevering"},
        "fields": [{"key": "who", "type": "contact", "label": {"nb": "Hvem tar det videre?"}}],
    }
    form = ops.import_form(world.school, data, user=None)
    db.session.commit()
    login(world.users["school_admin"])
    page = client.get(forms_url(world, f"/{form.id}/preview?lang=en")).get_data(as_text=True)
    picker = page[page.index('name="who"') :].split("</select>")[0]
    assert "Rita Rektor" in picker and 'value="person:' in picker


def test_the_municipalitys_forms_are_for_its_admins_only(client, world, login):
    url = f"/app/organisations/{world.org.slug}/forms/"
    assert login(world.users["school_admin"]).get(url).status_code == 404
    assert login(world.users["org_admin_other_org"]).get(url).status_code == 404
    assert login(world.users["org_admin"]).get(url).status_code == 200


def test_the_forms_list_takes_a_fixed_number_of_queries(client, world, login, db, school_form, query_counter):
    from intranet.formsadmin import operations as ops

    login(world.users["school_admin"])
    with query_counter() as few:
        assert client.get(forms_url(world, "/")).status_code == 200
    for number in range(3):
        data = copy.deepcopy(AGE_CHECKLIST) | {"key": f"extra_{number}"}
        ops.publish(ops.import_form(world.school, data, user=None), note="x", user=None)
    db.session.commit()
    with query_counter() as many:
        assert client.get(forms_url(world, "/")).status_code == 200
    assert many.count == few.count
    assert db.session.scalar(select(FormVersion.id).where(FormVersion.note == "x")) is not None


def test_tampered_or_odd_submissions_get_a_message_never_a_500(client, world, login, db, school_form):
    login(world.users["school_admin"])
    field = forms_url(world, f"/{school_form.id}/fields/call_guardians?lang=en")
    tampered = {
        "version": "1",
        "label_nb": "Ring",
        "conditions-0-id": "c",
        "conditions-0-field": "age",
        "conditions-0-op": "equals",
        "conditions-0-values": "{not json",
        "action": "save",
    }
    assert client.post(field, data=tampered).status_code == 422
    assert client.post(field, data=tampered | {"conditions-0-op": "bigger"}).status_code == 422
    assert client.post(field, data=tampered | {"due_unit": "weeks", "due_amount": "2"}).status_code == 422
    gone = client.post(forms_url(world, f"/{school_form.id}/fields/no_such_field"), data={"version": "1"})
    assert gone.status_code == 409
    assert client.get(forms_url(world, f"/{school_form.id}?edit=no_such_field")).status_code == 404
    deep = "[" * 100_000 + "]" * 100_000
    assert client.post(forms_url(world, "/import?lang=en"), data={"text": deep}).status_code == 422
    added = client.post(forms_url(world, f"/{school_form.id}/fields"), data={"type": "stamp", "label": "x"})
    assert added.status_code == 422
    assert reload(db, school_form.id).draft == AGE_CHECKLIST
