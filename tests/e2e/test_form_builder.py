"""School and municipality administrators build checklists in the browser: fields, choices, due
offsets, responsible roles and conditions, a live preview on a phone, publishing, JSON files and the
municipality's templates.

Every test works on forms of its own (at fresh schools, or with a random part in the title and key at
the demo municipality and Lyngheia), so the demo forms other tests read stay as they are; the demo
school's published checklist is only looked at. Pages are in English (?lang=en); the content the tests
type (labels, choices) is bokmål, the schools' main language.
"""

import json
import re
import secrets
from urllib.parse import urlsplit

from playwright.sync_api import expect

from intranet.demo import DEMO_PASSWORD

from .conftest import DESKTOP, NARROW_PHONE, assert_no_external_requests, login
from .htmx_steps import assert_not_reloaded, swapped, watch_for_reloads
from .pages import FJORDVIK_FORMS, LYNGHEIA_RECTOR, ORG_ADMIN, RECTOR, form_in_list
from .plan_data import add_school
from .plan_steps import click_through, flashes, path_of

UNDER_18, ADULT = "Under 18", "18 eller eldre"
DUE_TEXT = "Due "  # the preview is the case page's run, as if the case had opened now


def forms_url(slug: str, scope: str = "schools") -> str:
    return f"/app/{scope}/{slug}/forms/"


# ---------------------------------------------------------------- builder steps


def editor(page):
    return page.locator("main form.field-editor")


def field_card(page, label: str):
    return page.locator("main ol.field-list > li").filter(has=page.locator("strong", has_text=label))


def add_field(page, type_label: str, label: str) -> None:
    """Add a field through "Add a field"; its editor opens."""
    card = page.get_by_role("region", name="Add a field")
    card.get_by_label("Type").select_option(label=type_label)
    card.get_by_label("Label").fill(label)
    swapped(page, lambda: card.get_by_role("button", name="Add the field").click())
    expect(editor(page).locator("input[name=label_nb]")).to_have_value(label)


def add_choice(page, text: str) -> None:
    rows = editor(page).locator("fieldset.rows").filter(has_text="Choices").locator("li.row")
    count = rows.count()
    swapped(page, lambda: editor(page).get_by_role("button", name="Add a choice").click())
    expect(rows).to_have_count(count + 1)
    rows.nth(count).locator(f"input[name='choices-{count}-label_nb']").fill(text)


def save_field(page) -> None:
    swapped(page, lambda: editor(page).get_by_role("button", name="Save the field").click())
    expect(editor(page)).to_have_count(0)
    assert "The field is saved." in flashes(page, "success")


def answers_offered(row) -> list[str]:
    return row.get_by_role("group", name="Answers").locator("label").all_inner_texts()


def publish(page, note: str) -> None:
    card = page.get_by_role("region", name="Publish")
    card.get_by_label("What changed?").fill(note)
    swapped(page, lambda: card.get_by_role("button", name="Publish", exact=True).click())


def version_rows(page) -> list[list[str]]:
    rows = page.get_by_role("region", name="Versions").locator("tbody tr")
    return [row.locator("td").all_inner_texts() for row in rows.all()]


def new_form(page, owner_forms_url: str, title: str, kind: str = "Checklist: steps worked through per case") -> str:
    """Build a new form from the list page; returns the builder's path."""
    page.goto(owner_forms_url + "?lang=en")
    card = page.get_by_role("region", name="Build a new one")
    card.get_by_label("Title").fill(title)
    card.get_by_label("Kind").select_option(label=kind)
    click_through(page, card.get_by_role("button", name="Create"))
    assert "The form is created. Add its fields below." in flashes(page, "success")
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    return path_of(page)


def build_age_checklist(page) -> None:
    """On an open builder: an age question, a yes/no question and a step for the guardians, shown only
    for students under 18, due in 3 school days, for the rector. The condition is made with the pickers."""
    add_field(page, "One choice", "Alder")
    add_choice(page, UNDER_18)
    add_choice(page, ADULT)
    save_field(page)
    add_field(page, "Yes or no", "Er eleven trygg?")
    save_field(page)

    add_field(page, "Step to tick off", "Ring foresatte")
    form = editor(page)
    form.get_by_label("Responsible role").select_option(label="Rector")
    due = form.get_by_role("group", name="When is it due?")
    due.get_by_label("Due after").fill("3")
    due.get_by_label("Unit").select_option(label="school days (by the school's calendar)")
    swapped(page, lambda: form.get_by_role("button", name="Add a condition").click())
    row = form.locator("fieldset.rows").filter(has_text="Show this field only when").locator("li.row")
    expect(row).to_have_count(1)
    question = row.get_by_label("When the answer to")
    assert question.locator("option").all_inner_texts() == ["Alder", "Er eleven trygg?"]
    # Another question: its own answers come in over htmx; back to the age question, its choices.
    swapped(page, lambda: question.select_option(label="Er eleven trygg?"))
    assert answers_offered(row) == ["Yes", "No"]
    swapped(page, lambda: row.get_by_label("When the answer to").select_option(label="Alder"))
    assert answers_offered(row) == [UNDER_18, ADULT]
    # What was chosen before the refreshes is still there.
    expect(form.get_by_label("Responsible role")).to_have_value("rector")
    expect(form.get_by_label("Due after")).to_have_value("3")
    expect(form.get_by_label("Unit")).to_have_value("school_days")
    row.get_by_label("Comparison").select_option(label="is")
    row.get_by_role("group", name="Answers").get_by_label(UNDER_18, exact=True).check()
    save_field(page)


# ---------------------------------------------------------------- 1. build, preview on a phone, publish


def test_rector_builds_a_checklist_with_a_conditional_step_previews_it_on_a_phone_and_publishes_it(
    live_server, new_page
):
    school = add_school(live_server)
    page = new_page(**DESKTOP)
    login(page, school.rector, DEMO_PASSWORD)
    page.goto("/app/?lang=en")
    click_through(page, page.get_by_role("link", name="Checklists and forms", exact=True))
    assert path_of(page) == forms_url(school.slug)
    forms = page.get_by_role("region", name="Your checklists and forms")
    expect(forms).to_contain_text("There are none yet.")
    card = page.get_by_role("region", name="Build a new one")
    card.get_by_label("Title").fill("Elev ruset i timen")
    card.get_by_label("Kind").select_option(label="Checklist: steps worked through per case")
    click_through(page, card.get_by_role("button", name="Create"))
    assert "The form is created. Add its fields below." in flashes(page, "success")
    builder = path_of(page)
    expect(page.locator("main .status-line")).to_contain_text("Not published yet.")

    watch_for_reloads(page)
    build_age_checklist(page)
    assert page.locator("main ol.field-list > li strong").all_inner_texts() == [
        "Alder",
        "Er eleven trygg?",
        "Ring foresatte",
    ]
    badges = field_card(page, "Ring foresatte").locator(".badge")
    expect(badges).to_contain_text(["Step to tick off", "Rector", "due after 3 school days", "conditional"])
    expect(page.get_by_role("region", name="things to fix before publishing")).to_have_count(0)
    assert_not_reloaded(page)

    # The preview on a 360 px phone: the step for the guardians only shows for students under 18.
    phone = new_page(**NARROW_PHONE)
    login(phone, school.rector, DEMO_PASSWORD)
    phone.goto(f"{builder}/preview?lang=en")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Preview: Elev ruset i timen")
    watch_for_reloads(phone)
    run = phone.locator("main #run-form")
    step = run.get_by_role("checkbox", name="Ring foresatte")
    expect(run.get_by_role("radio", name=UNDER_18)).to_be_visible()
    expect(run.get_by_role("radio", name="Yes")).to_be_visible()
    expect(step).to_have_count(0)

    swapped(phone, lambda: run.get_by_role("radio", name=UNDER_18).tap())
    expect(step).to_be_visible()
    expect(run.get_by_role("radio", name=UNDER_18)).to_be_checked()
    meta = run.locator(".step").filter(has=phone.get_by_role("checkbox", name="Ring foresatte")).locator(".meta")
    expect(meta).to_contain_text("Responsible: Rektor")
    expect(meta).to_contain_text(DUE_TEXT)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360, "the preview scrolls sideways on a phone"

    swapped(phone, lambda: run.get_by_role("radio", name=ADULT).tap())
    expect(step).to_have_count(0)
    expect(run.get_by_role("radio", name=ADULT)).to_be_checked()
    expect(run).not_to_contain_text(DUE_TEXT)

    # Publish version 1 with a note; the versions table says who and why.
    publish(page, "Første utgave, gjennomgått med helsesykepleier")
    assert "Version 1 is published." in flashes(page, "success")
    rows = version_rows(page)
    assert len(rows) == 1
    number, _when, by, note, _open = rows[0]
    assert (number, by, note) == ("1", "Rita Rektor", "Første utgave, gjennomgått med helsesykepleier")
    expect(page.locator("main .status-line")).to_contain_text("Published: version 1")
    expect(page.locator("main .status-line")).to_contain_text("by Rita Rektor")

    # Changing a field after publishing makes a draft of version 2.
    expect(page.locator("main .status-line .badge.warning")).to_have_count(0)
    swapped(page, lambda: page.get_by_role("link", name="Edit Alder", exact=True).click())
    editor(page).locator("input[name=label_en]").fill("Age")
    save_field(page)
    expect(page.locator("main .status-line .badge.warning")).to_have_text("draft of version 2")
    assert len(version_rows(page)) == 1
    assert_not_reloaded(page)

    page.goto(forms_url(school.slug) + "?lang=en")
    listed = page.get_by_role("region", name="Your checklists and forms").locator("li")
    expect(listed).to_have_count(1)
    expect(listed.locator(".badge")).to_contain_text(["checklist", "version 1", "unpublished changes"])
    assert_no_external_requests(page)
    assert_no_external_requests(phone)


# ---------------------------------------------------------------- 2. builder actions swap, not reload


def test_adding_and_moving_fields_swaps_the_builder_without_reloading_the_page(live_server, new_page):
    school = add_school(live_server)
    page = new_page(**DESKTOP)
    login(page, school.rector, DEMO_PASSWORD)
    builder = new_form(page, forms_url(school.slug), f"Rekkefølge {secrets.token_hex(2)}")
    watch_for_reloads(page)

    add_field(page, "Heading or info text", "Først")
    add_field(page, "Step to tick off", "Deretter")
    assert page.locator("main ol.field-list > li strong").all_inner_texts() == ["Først", "Deretter"]
    assert (path_of(page), urlsplit(page.url).query) == (builder, "edit=deretter"), "the new field's editor is open"

    swapped(page, lambda: page.get_by_role("button", name="Move down Først", exact=True).click())
    assert page.locator("main ol.field-list > li strong").all_inner_texts() == ["Deretter", "Først"]
    # The moved field's Edit link has the focus, so keyboard users keep their place.
    expect(page.get_by_role("link", name="Edit Først", exact=True)).to_be_focused()
    assert page.evaluate("window.swaps") >= 3
    assert_not_reloaded(page)


# ---------------------------------------------------------------- 3. bad input


def test_publishing_a_checklist_with_problems_is_refused_and_nothing_is_published_without_javascript(
    live_server, new_page
):
    school = add_school(live_server)
    page = new_page(**DESKTOP, java_script_enabled=False)
    login(page, school.rector, DEMO_PASSWORD)
    builder = new_form(page, forms_url(school.slug), f"Uferdig {secrets.token_hex(2)}")
    card = page.get_by_role("region", name="Add a field")
    card.get_by_label("Type").select_option(label="One choice")
    card.get_by_label("Label").fill("Alder")
    click_through(page, card.get_by_role("button", name="Add the field"))

    problems = page.get_by_role("region", name="1 thing to fix before publishing")
    expect(problems).to_contain_text("“Alder”: add at least one choice")
    publish_card = page.get_by_role("region", name="Publish")
    publish_card.get_by_label("What changed?").fill("Klar til bruk")
    response = click_through(page, publish_card.get_by_role("button", name="Publish", exact=True))

    assert response.status == 422
    assert path_of(page) == f"{builder}/publish"
    note = page.get_by_role("region", name="Publish").get_by_label("What changed?")
    expect(page.locator("main #note-error")).to_have_text("The form still has problems; fix those listed first.")
    expect(note).to_have_attribute("aria-invalid", "true")
    expect(note).to_have_value("Klar til bruk")
    expect(page.get_by_role("region", name="1 thing to fix before publishing")).to_contain_text(
        "“Alder”: add at least one choice"
    )
    expect(page.get_by_role("region", name="Versions")).to_contain_text("Not published yet.")
    page.goto(forms_url(school.slug) + "?lang=en")
    expect(page.get_by_role("region", name="Your checklists and forms").locator(".badge")).to_contain_text(
        ["checklist", "not published"]
    )


def test_publishing_a_checklist_with_problems_is_refused_in_the_builder_with_the_problem_listed(live_server, new_page):
    school = add_school(live_server)
    page = new_page(**DESKTOP)
    login(page, school.rector, DEMO_PASSWORD)
    new_form(page, forms_url(school.slug), f"Uferdig {secrets.token_hex(2)}")
    watch_for_reloads(page)
    add_field(page, "One choice", "Alder")
    problems = page.get_by_role("region", name="1 thing to fix before publishing")
    expect(problems).to_contain_text("“Alder”: add at least one choice")
    expect(field_card(page, "Alder").locator("ul.error")).to_have_count(1)

    publish_card = page.get_by_role("region", name="Publish")
    publish_card.get_by_label("What changed?").fill("Klar til bruk")
    with page.expect_response(lambda response: response.url.endswith("/publish")) as answer:
        swapped(page, lambda: publish_card.get_by_role("button", name="Publish", exact=True).click())
    assert answer.value.status == 422

    note = page.get_by_role("region", name="Publish").get_by_label("What changed?")
    expect(page.locator("main #note-error")).to_have_text("The form still has problems; fix those listed first.")
    expect(note).to_have_attribute("aria-invalid", "true")
    expect(note).to_have_value("Klar til bruk")
    expect(page.get_by_role("region", name="1 thing to fix before publishing")).to_contain_text(
        "“Alder”: add at least one choice"
    )
    expect(page.get_by_role("region", name="Versions")).to_contain_text("Not published yet.")
    expect(page.locator("main .status-line")).to_contain_text("Not published yet.")


def test_pasting_json_that_is_not_valid_shows_the_error_and_keeps_the_text(live_server, new_page):
    school = add_school(live_server)
    page = new_page(**DESKTOP)
    login(page, school.rector, DEMO_PASSWORD)
    page.goto(forms_url(school.slug) + "?lang=en")
    card = page.get_by_role("region", name="Import from a file")
    broken = '{"key": "halvferdig", "kind": "checklist", "fields": [}'
    card.get_by_label("Paste the JSON").fill(broken)
    response = click_through(page, card.get_by_role("button", name="Import"))

    assert response.status == 422
    card = page.get_by_role("region", name="Import from a file")
    pasted = card.get_by_label("Paste the JSON")
    expect(card.locator("#text-error")).to_contain_text("This is not valid JSON:")
    expect(pasted).to_have_attribute("aria-invalid", "true")
    expect(pasted).to_have_value(broken)
    expect(page.get_by_role("region", name="Your checklists and forms")).to_contain_text("There are none yet.")

    # Valid JSON that is no form definition: refused too, with its problems listed.
    not_a_form = '{"key": "halvferdig", "kind": "checklist", "fields": []}'
    pasted.fill(not_a_form)
    response = click_through(page, card.get_by_role("button", name="Import"))
    assert response.status == 422
    card = page.get_by_role("region", name="Import from a file")
    expect(card.locator("#text-error")).to_have_text("The file was not imported: it has the problems listed below.")
    expect(card.locator(".form-errors[role=alert] li").first).to_be_visible()
    expect(card.get_by_label("Paste the JSON")).to_have_value(not_a_form)
    expect(page.get_by_role("region", name="Your checklists and forms")).to_contain_text("There are none yet.")


# ---------------------------------------------------------------- 4. export and import


def test_a_published_checklist_exported_as_json_imports_with_the_same_fields_at_another_school(
    live_server, new_page, tmp_path
):
    school = add_school(live_server)
    page = new_page(**DESKTOP)
    login(page, school.rector, DEMO_PASSWORD)
    title = f"Rundtur {secrets.token_hex(3)}"
    builder = new_form(page, forms_url(school.slug), title)
    watch_for_reloads(page)
    build_age_checklist(page)
    publish(page, "Til deling")
    fields = page.locator("main ol.field-list > li strong").all_inner_texts()
    badges = page.locator("main ol.field-list > li .badges").all_inner_texts()

    with page.expect_download() as download_info:
        page.get_by_role("region", name="Versions").get_by_role("link", name="JSON version 1").click()
    download = download_info.value
    assert download.suggested_filename.endswith("-v1.json")
    exported = tmp_path / download.suggested_filename
    download.save_as(exported)
    definition = json.loads(exported.read_text(encoding="utf-8"))
    assert definition["title"] == {"nb": title}
    assert [field["key"] for field in definition["fields"]] == ["alder", "er_eleven_trygg", "ring_foresatte"]
    assert path_of(page) == builder

    other = new_page(**DESKTOP)
    login(other, LYNGHEIA_RECTOR, DEMO_PASSWORD)
    other.goto(forms_url("lyngheia-vgs") + "?lang=en")
    card = other.get_by_role("region", name="Import from a file")
    card.get_by_label("JSON file").set_input_files(exported)
    click_through(other, card.get_by_role("button", name="Import"))

    assert "The form is imported as a draft. Check it, then publish it." in flashes(other, "success")
    assert path_of(other).startswith(forms_url("lyngheia-vgs"))
    expect(other.get_by_role("heading", level=1)).to_have_text(title)
    assert other.locator("main ol.field-list > li strong").all_inner_texts() == fields
    assert other.locator("main ol.field-list > li .badges").all_inner_texts() == badges
    expect(other.locator("main .status-line")).to_contain_text("Not published yet.")

    # The draft exported at Lyngheia is the very definition the first school exported.
    with other.expect_download() as download_info:
        other.get_by_role("link", name="Export the draft as JSON").click()
    again = tmp_path / "again.json"
    download_info.value.save_as(again)
    assert json.loads(again.read_text(encoding="utf-8")) == definition


# ---------------------------------------------------------------- 5. the municipality's templates


def test_municipality_publishes_a_checklist_and_a_school_copies_it(live_server, new_page):
    title = f"Kommunens sjekkliste {secrets.token_hex(3)}"
    admin = new_page(**DESKTOP)
    login(admin, ORG_ADMIN, DEMO_PASSWORD)
    admin.goto("/app/?lang=en")
    click_through(admin, admin.get_by_role("link", name="Checklists and forms", exact=True))
    assert path_of(admin) == forms_url("fjordvik", "organisations")
    new_form(admin, forms_url("fjordvik", "organisations"), title)
    watch_for_reloads(admin)
    add_field(admin, "Step to tick off", "Varsle rektor")
    editor(admin).get_by_label("Responsible role").select_option(label="Contact teacher")
    save_field(admin)
    publish(admin, "Ny mal for alle skolene")
    assert "Version 1 is published." in flashes(admin, "success")

    school = add_school(live_server)
    page = new_page(**DESKTOP)
    login(page, school.rector, DEMO_PASSWORD)
    page.goto(forms_url(school.slug) + "?lang=en")
    templates = page.get_by_role("region", name="From the municipality")
    offered = templates.locator("li").filter(has_text=title)
    expect(offered).to_have_count(1)
    expect(offered.locator(".badge")).to_have_text("version 1")
    click_through(page, offered.get_by_role("button", name=re.compile(rf"^Copy and adapt\s*:\s*{re.escape(title)}$")))

    assert "The municipality's form is copied. Adapt it to the school, then publish it." in flashes(page, "success")
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(field_card(page, "Varsle rektor").locator(".badge")).to_contain_text(["Step to tick off", "Contact teacher"])
    expect(page.locator("main .status-line")).to_contain_text("Not published yet.")

    page.goto(forms_url(school.slug) + "?lang=en")
    expect(page.get_by_role("region", name="Your checklists and forms").get_by_role("link", name=title)).to_have_count(
        1
    )
    expect(page.get_by_role("region", name="From the municipality").locator("li").filter(has_text=title)).to_have_count(
        0
    )


# ---------------------------------------------------------------- app bugs found by these tests, now fixed


def open_published_demo_builder(page) -> None:
    """The builder of the demo school's published "suspicion" checklist (only looked at, never changed)."""
    login(page, RECTOR, DEMO_PASSWORD)
    page.goto(FJORDVIK_FORMS + "?lang=en")
    page.goto(form_in_list("suspicion")(page) + "?lang=en")
    expect(page.locator("main .status-line")).to_contain_text("Published: version 1")


def test_a_published_forms_builder_does_not_scroll_sideways_on_a_360px_phone(live_server, new_page):
    page = new_page(**NARROW_PHONE)
    open_published_demo_builder(page)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the builder is {width}px wide on a 360px phone"


def test_a_published_forms_builder_has_one_region_named_versions(live_server, new_page):
    page = new_page(**DESKTOP)
    open_published_demo_builder(page)
    expect(page.get_by_role("region", name="Versions", exact=True)).to_have_count(1, timeout=2000)


def test_reloading_the_builder_after_adding_a_choice_shows_the_field_editor_again(live_server, new_page):
    school = add_school(live_server)
    page = new_page(**DESKTOP)
    login(page, school.rector, DEMO_PASSWORD)
    new_form(page, forms_url(school.slug), f"Last på nytt {secrets.token_hex(2)}")
    watch_for_reloads(page)
    add_field(page, "One choice", "Alder")
    add_choice(page, UNDER_18)
    response = page.reload()
    assert response.status == 200, f"reloading {page.url} answered HTTP {response.status}"
    expect(editor(page).locator("input[name=label_nb]")).to_have_value("Alder")


def test_changing_a_conditions_question_keeps_the_keyboard_focus_on_it(live_server, new_page):
    school = add_school(live_server)
    page = new_page(**DESKTOP)
    login(page, school.rector, DEMO_PASSWORD)
    new_form(page, forms_url(school.slug), f"Fokus {secrets.token_hex(2)}")
    watch_for_reloads(page)
    add_field(page, "Yes or no", "Er eleven trygg?")
    add_field(page, "Yes or no", "Er foresatte varslet?")
    add_field(page, "Step to tick off", "Ring foresatte")
    swapped(page, lambda: editor(page).get_by_role("button", name="Add a condition").click())
    question = editor(page).get_by_label("When the answer to")
    question.focus()
    swapped(page, lambda: question.select_option(label="Er foresatte varslet?"))
    expect(question).to_have_value("er_foresatte_varslet")
    expect(question).to_be_focused(timeout=2000)
