"""A school admin creates the plan from the template and adapts it, one language at a time."""

from sqlalchemy import select

from intranet.plans.models import Plan, PlanSection

from ...conftest import login_as


def plan_url(world, rest=""):
    return f"/app/schools/{world.school.slug}/plan{rest}"


def section(db, world, key):
    db.session.expire_all()
    return db.session.scalar(
        select(PlanSection).join(Plan).where(Plan.school_id == world.school.id, PlanSection.key == key)
    )


def test_create_the_plan_from_the_template_with_one_click(client, world, template, login, db):
    login(world.users["school_admin"])
    assert "Create the plan" in client.get(plan_url(world, "/?lang=en")).get_data(as_text=True)
    response = client.post(plan_url(world, "/create"))
    assert response.status_code == 302
    plan = db.session.scalar(select(Plan).where(Plan.school_id == world.school.id))
    assert [s.key for s in plan.sections] == ["purpose", "routine_intoxicated", "measures"]
    assert all(s.source_key == s.key for s in plan.sections)
    assert client.post(plan_url(world, "/create")).status_code == 409  # only one plan per school


def test_without_a_published_template_the_plan_cannot_be_created(client, world, login, db):
    login(world.users["school_admin"])
    response = client.post(plan_url(world, "/create?lang=en"))
    assert response.status_code == 409
    assert "has not published a plan template yet" in response.get_data(as_text=True)


def test_edit_one_language_keeps_the_others(client, world, published_plan, login, db):
    login(world.users["school_admin"])
    purpose = section(db, world, "purpose")
    response = client.post(
        plan_url(world, f"/sections/{purpose.id}?content=nn"),
        data={
            "title": "Føremålet vårt",
            "body": "Vår eigen tekst.",
            "public": "y",
            "version": str(purpose.version),
            "action": "save",
        },
    )
    assert response.status_code == 302
    purpose = section(db, world, "purpose")
    assert purpose.title == {"nb": "Formål", "nn": "Føremålet vårt", "en": "Purpose"}
    assert purpose.body["nn"] == "Vår eigen tekst." and purpose.body["nb"] == "Skolen skal forebygge rus."
    assert purpose.updated_by_id == world.users["school_admin"].id


def test_items_are_edited_as_form_rows_and_keep_other_languages(client, world, published_plan, login, db):
    login(world.users["school_admin"])
    routine = section(db, world, "routine_intoxicated")
    data = {
        "title": "Ruspåvirket elev",
        "body": "Slik gjør vi det.",
        "version": str(routine.version),
        "action": "save",
        "items-0-id": "s1",
        "items-0-step": "Sørg for trygghet og ring 113 ved behov.",
        "items-0-when": "Straks",
        "items-0-roles": ["rector", "contact_teacher"],
    }
    assert client.post(plan_url(world, f"/sections/{routine.id}"), data=data).status_code == 302
    item = section(db, world, "routine_intoxicated").data["items"][0]
    assert item["step"] == {
        "nb": "Sørg for trygghet og ring 113 ved behov.",
        "nn": "Sørg for tryggleik.",
        "en": "Ensure safety.",
    }
    assert item["roles"] == ["rector", "contact_teacher"]


def test_adding_a_row_shows_it_without_saving(client, world, published_plan, login, db):
    login(world.users["school_admin"])
    measures = section(db, world, "measures")
    data = {
        "title": "Tiltak",
        "body": "",
        "version": str(measures.version),
        "action": "add",
        "items-0-id": "m1",
        "items-0-title": "Foreldremøte",
        "items-0-months": ["9"],
    }
    response = client.post(plan_url(world, f"/sections/{measures.id}?lang=en"), data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'name="items-1-title"' in page and "Not saved yet" in page
    assert len(section(db, world, "measures").data["items"]) == 1


def test_required_item_field_missing_is_refused_and_nothing_is_saved(client, world, published_plan, login, db):
    login(world.users["school_admin"])
    measures = section(db, world, "measures")
    before = measures.data
    data = {
        "title": "Tiltak",
        "body": "Ny tekst",
        "version": str(measures.version),
        "action": "save",
        "items-0-id": "m1",
        "items-0-title": "",
        "items-0-months": ["13"],
    }
    response = client.post(plan_url(world, f"/sections/{measures.id}?lang=en"), data=data)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Fill in this field." in page
    after = section(db, world, "measures")
    assert after.data == before and after.body["nb"] == ""


def test_a_stale_edit_is_shown_and_nothing_is_lost(app, client, world, published_plan, login, db):
    login(world.users["school_admin"])
    purpose = section(db, world, "purpose")
    opened_at = str(purpose.version)
    colleague = app.test_client()
    login_as(colleague, world.users["school_admin"])
    colleague.post(
        plan_url(world, f"/sections/{purpose.id}"),
        data={"title": "Formål", "body": "Kollegaens tekst.", "public": "y", "version": opened_at, "action": "save"},
    )
    response = client.post(
        plan_url(world, f"/sections/{purpose.id}?lang=en"),
        data={"title": "Formål", "body": "Min tekst.", "public": "y", "version": opened_at, "action": "save"},
    )
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "Someone else saved this section" in page
    assert "Kollegaens tekst." in page and "Min tekst." in page
    assert section(db, world, "purpose").body["nb"] == "Kollegaens tekst."
    version_now = str(section(db, world, "purpose").version)
    again = client.post(
        plan_url(world, f"/sections/{purpose.id}"),
        data={"title": "Formål", "body": "Min tekst.", "public": "y", "version": version_now, "action": "save"},
    )
    assert again.status_code == 302
    assert section(db, world, "purpose").body["nb"] == "Min tekst."


def test_a_huge_paste_is_refused_with_a_clear_message(client, world, published_plan, login, db):
    login(world.users["school_admin"])
    purpose = section(db, world, "purpose")
    response = client.post(
        plan_url(world, f"/sections/{purpose.id}?lang=en"),
        data={"title": "Formål", "body": "x" * 20_001, "version": str(purpose.version), "action": "save"},
    )
    assert response.status_code == 400
    assert "The text is too long: 20001 characters, at most 20000." in response.get_data(as_text=True)


def test_a_request_too_large_gets_a_413_page(client, world, published_plan, login, db):
    login(world.users["school_admin"])
    purpose = section(db, world, "purpose")
    response = client.post(
        plan_url(world, f"/sections/{purpose.id}?lang=en"),
        data={"title": "Formål", "body": "x" * 3_000_000, "version": "1", "action": "save"},
    )
    assert response.status_code == 413
    assert "Too much data" in response.get_data(as_text=True)


def test_hide_show_and_own_sections(client, world, published_plan, login, db):
    login(world.users["school_admin"])
    measures = section(db, world, "measures")
    client.post(plan_url(world, f"/sections/{measures.id}/visibility"), data={"hidden": "1"})
    assert section(db, world, "measures").hidden is True
    assert client.post(plan_url(world, f"/sections/{measures.id}/remove")).status_code == 409
    response = client.post(
        plan_url(world, "/sections"), data={"title": "Vår skole", "kind": "text", "key": "our_school", "public": "y"}
    )
    assert response.status_code == 302
    own = section(db, world, "our_school")
    assert own.source_key is None and own.title == {"nb": "Vår skole"}
    assert client.post(plan_url(world, f"/sections/{own.id}/remove")).status_code == 302
    assert section(db, world, "our_school") is None


def test_markdown_preview_is_sanitised(client, world, login):
    login(world.users["staff"])
    response = client.post(
        "/app/markdown-preview",
        data={"body": "**Viktig** <script>alert(1)</script> [lenke](javascript:alert(1)) [ok](https://udir.no)"},
        headers={"HX-Request": "true"},
    )
    html = response.get_data(as_text=True)
    assert "<strong>Viktig</strong>" in html and '<a href="https://udir.no"' in html
    assert "<script>" not in html and 'href="javascript' not in html
    assert "<html" not in html  # a fragment for htmx


def test_an_unknown_content_language_falls_back_to_the_schools_default(client, world, published_plan, login, db):
    login(world.users["school_admin"])
    purpose = section(db, world, "purpose")
    page = client.get(plan_url(world, f"/sections/{purpose.id}?content=de&lang=en")).get_data(as_text=True)
    assert 'value="Formål"' in page  # the bokmål text is being edited
    client.post(
        plan_url(world, f"/sections/{purpose.id}?content=de"),
        data={"title": "Formål", "body": "Tekst", "public": "y", "version": str(purpose.version), "action": "save"},
    )
    assert set(section(db, world, "purpose").title) == {"nb", "nn", "en"}


def test_unknown_roles_and_months_in_items_are_refused(client, world, published_plan, login, db):
    login(world.users["school_admin"])
    measures = section(db, world, "measures")
    data = {
        "title": "Tiltak",
        "body": "",
        "version": str(measures.version),
        "action": "save",
        "items-0-id": "m1",
        "items-0-title": "Foreldremøte",
        "items-0-months": ["13"],
        "items-0-roles": ["wizard"],
    }
    response = client.post(plan_url(world, f"/sections/{measures.id}?lang=en"), data=data)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Choose months from January to December." in page and "Choose roles from the school" in page
    assert section(db, world, "measures").data["items"][0]["months"] == [9]


def test_the_schools_own_roles_can_be_chosen_in_the_plan(client, world, published_plan, login, db):
    login(world.users["school_admin"])
    client.post(f"/app/schools/{world.school.slug}/roles", data={"name_nb": "Miljøarbeider", "public": "y"})
    measures = section(db, world, "measures")
    data = {
        "title": "Tiltak",
        "body": "",
        "version": str(measures.version),
        "action": "save",
        "items-0-id": "m1",
        "items-0-title": "Foreldremøte",
        "items-0-months": ["9"],
        "items-0-roles": ["miljoarbeider"],
        "public": "y",
    }
    assert client.post(plan_url(world, f"/sections/{measures.id}"), data=data).status_code == 302
    client.post(plan_url(world, "/publish"), data={"note": "Egen rolle"})
    assert "Miljøarbeider" in client.get(f"/{world.school.slug}/plan?lang=nb").get_data(as_text=True)
