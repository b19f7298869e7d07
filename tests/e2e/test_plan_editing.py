"""A rector makes, edits and publishes the school's plan; the municipality updates its template.

Each test works on a school (or municipality) of its own, made in the live server's database, so
the demo plans other tests read stay untouched. Pages are in English (browser locale en-US).
"""

import re

from playwright.sync_api import expect

from intranet.demo import DEMO_PASSWORD

from .conftest import DESKTOP, assert_no_external_requests, login
from .plan_data import SHIPPED, add_organisation, add_school, plan_body, shipped_body, shipped_title
from .plan_steps import (
    body_field,
    click_through,
    flashes,
    path_of,
    publish_with_note,
    save_section_text,
    section_link,
)


def test_rector_creates_the_plan_previews_markdown_live_adds_a_row_hides_a_section_and_publishes(live_server, desktop):
    school = add_school(live_server)
    login(desktop, school.rector, DEMO_PASSWORD)
    desktop.goto("/app/?lang=en")
    click_through(desktop, desktop.get_by_role("link", name="Edit the plan"))
    assert path_of(desktop) == school.plan_url

    click_through(desktop, desktop.get_by_role("button", name=re.compile(r"^Create the plan from the template")))
    assert "created from the municipality's template" in flashes(desktop, "success")
    assert desktop.locator("main ol.section-list > li").count() == len(SHIPPED)

    # The live preview renders Markdown as it is typed, without leaving the page.
    click_through(desktop, section_link(desktop, "purpose"))
    editor_url = desktop.url
    desktop.evaluate("window.__marker = 'same page'")
    with desktop.expect_response(lambda response: "/app/markdown-preview" in response.url) as preview:
        body_field(desktop).fill("Alle klasser har en samtale om rus **hver høst**.")
    assert preview.value.status == 200 and preview.value.request.method == "POST"
    expect(desktop.locator("main #preview strong")).to_have_text("hver høst")
    assert desktop.url == editor_url
    assert desktop.evaluate("window.__marker") == "same page", "the page was reloaded for the preview"

    click_through(desktop, desktop.get_by_role("button", name="Save", exact=True))
    assert "Saved" in flashes(desktop, "success")
    assert body_field(desktop).input_value() == "Alle klasser har en samtale om rus **hver høst**."

    # A routine gets one more step through "Add a row".
    click_through(desktop, desktop.locator("main .breadcrumb a"))
    click_through(desktop, section_link(desktop, "routine_intoxicated"))
    rows = desktop.locator("main #section-editor fieldset.item")
    steps = rows.count()
    assert steps == len(SHIPPED["routine_intoxicated"]["data"]["items"])
    click_through(desktop, desktop.get_by_role("button", name="Add a row"))
    assert rows.count() == steps + 1
    assert "Not saved yet" in desktop.locator("main [role=status]").last.inner_text()
    new_step = "Ring foresatte og avtal hvem som henter eleven."
    rows.last.locator("textarea[name$='-step']").fill(new_step)
    rows.last.locator("input[name$='-when']").fill("Samme dag")
    click_through(desktop, desktop.get_by_role("button", name="Save", exact=True))
    assert "Saved" in flashes(desktop, "success"), desktop.locator("main .error").all_inner_texts()
    assert rows.count() == steps + 1
    assert rows.last.locator("textarea[name$='-step']").input_value() == new_step

    # A public section is hidden.
    click_through(desktop, desktop.locator("main .breadcrumb a"))
    resources = desktop.locator("main ol.section-list > li").filter(has=section_link(desktop, "resources"))
    click_through(desktop, resources.get_by_role("button", name=re.compile(r"^Hide")))
    expect(resources).to_have_class(re.compile(r"\bis-hidden\b"))
    expect(resources.locator(".badge.warning")).to_contain_text(["hidden"])

    publish_with_note(desktop, "Første versjon, med egen rutine for henting")
    assert "Revision 1 is published." in flashes(desktop, "success")
    click_through(desktop, desktop.get_by_role("link", name="History", exact=True))
    revisions = desktop.locator("main table tbody tr")
    assert revisions.count() == 1
    assert revisions.first.locator("th").inner_text() == "1"
    cells = revisions.first.locator("td").all_inner_texts()
    assert cells[1:] == ["Rita Rektor", "Første versjon, med egen rutine for henting"]

    # What parents now see in bokmål: the Markdown rendered, the new step, and not the hidden section.
    desktop.goto(f"/{school.slug}/plan?lang=nb")
    expect(desktop.locator("section#purpose strong")).to_have_text("hver høst")
    expect(desktop.locator("section#routine_intoxicated")).to_contain_text("avtal hvem som henter eleven")
    assert desktop.locator("section#resources").count() == 0
    assert_no_external_requests(desktop)


def test_template_update_makes_the_rector_choose_for_an_edited_section_and_follows_for_the_rest(live_server, new_page):
    organisation = add_organisation(live_server)
    school = add_school(live_server, organisation=organisation.slug, plan=True)
    template_url = f"/app/organisations/{organisation.slug}/template/"
    own_text = "Ved vår skole skriver vi formålet med egne ord."
    new_text = "Kommunens nye formålstekst for alle skolene."
    new_confidentiality = "Kommunens nye tekst om taushetsplikt og opplysningsplikt."

    rector = new_page(**DESKTOP)
    login(rector, school.rector, DEMO_PASSWORD)
    rector.goto(f"{school.plan_url}?lang=en")
    assert "The template has changed" not in rector.locator("main").inner_text()
    save_section_text(rector, school.plan_url, "purpose", own_text)

    admin = new_page(**DESKTOP)
    login(admin, organisation.admin, DEMO_PASSWORD)
    admin.goto("/app/?lang=en")
    click_through(admin, admin.get_by_role("link", name="Plan template"))
    assert path_of(admin) == template_url
    save_section_text(admin, template_url, "purpose", new_text)
    save_section_text(admin, template_url, "confidentiality", new_confidentiality)
    admin.goto(template_url)
    publish_with_note(admin, "Nytt formål og ny tekst om taushetsplikt")
    assert "Version 2 of the template is published" in flashes(admin, "success")

    rector.goto(school.plan_url)
    notice = rector.locator("main .notice")
    expect(notice).to_contain_text("The template has changed")
    expect(notice).to_contain_text("2 sections are affected")
    click_through(rector, notice.get_by_role("link", name="Review the changes"))
    assert "Nytt formål og ny tekst om taushetsplikt" in rector.locator("main").inner_text()
    conflict = rector.locator("main section.change-conflict")
    assert conflict.count() == 1
    old, new, mine = (conflict.locator(".three-way > div").nth(i) for i in range(3))
    expect(old.locator(":scope > h3")).to_have_text("The template's old text")
    expect(old).to_contain_text(shipped_body("purpose").split(".")[0])
    expect(new.locator(":scope > h3")).to_have_text("The template's new text")
    expect(new).to_contain_text(new_text)
    expect(mine.locator(":scope > h3")).to_have_text("Your text")
    expect(mine).to_contain_text(own_text)
    expect(rector.locator("main section.change-follow")).to_contain_text(shipped_title("confidentiality"))

    # Applying without choosing is refused, and changes nothing.
    apply = rector.get_by_role("button", name="Apply the update")
    assert click_through(rector, apply).status == 400
    expect(rector.get_by_role("alert")).to_contain_text("Choose, for every section you changed")
    assert plan_body(live_server, school.slug, "purpose") == own_text
    assert plan_body(live_server, school.slug, "confidentiality") == shipped_body("confidentiality")

    conflict.get_by_label("Keep my text").check()
    click_through(rector, apply)
    assert path_of(rector) == school.plan_url
    assert "The plan now follows template version 2" in flashes(rector, "success")
    assert "The template has changed" not in rector.locator("main").inner_text()

    click_through(rector, section_link(rector, "purpose"))
    assert body_field(rector).input_value() == own_text
    rector.goto(school.plan_url)
    click_through(rector, section_link(rector, "confidentiality"))
    assert body_field(rector).input_value() == new_confidentiality, "the unedited section did not follow"
    assert_no_external_requests(rector)
    assert_no_external_requests(admin)


def test_script_and_javascript_links_typed_in_a_section_never_run_or_become_links(live_server, desktop):
    school = add_school(live_server, plan=True)
    login(desktop, school.rector, DEMO_PASSWORD)
    desktop.goto(f"{school.plan_url}?lang=en")
    click_through(desktop, section_link(desktop, "purpose"))
    body_field(desktop).fill(
        "Trygg tekst.\n\n<script>window.__xss=1</script>\n\n[klikk](javascript:window.__xss=1)\n\n"
        '[klikk igjen](JaVaScRiPt:window.__xss=2)\n\n<img src=x onerror="window.__xss=3">'
    )
    preview = desktop.locator("main #preview")
    expect(preview).to_contain_text("klikk igjen")
    assert preview.locator("script, img, a").count() == 0
    click_through(desktop, desktop.get_by_role("button", name="Save", exact=True))
    assert "Saved" in flashes(desktop, "success")
    click_through(desktop, desktop.locator("main .breadcrumb a"))
    publish_with_note(desktop, "Prøver farlig tekst")
    assert "Revision 1 is published." in flashes(desktop, "success")

    for page_url in (f"/{school.slug}/plan?lang=nb", f"{school.plan_url}read?lang=nb"):
        desktop.goto(page_url)
        purpose = desktop.locator("section#purpose")
        expect(purpose).to_contain_text("Trygg tekst.")
        expect(purpose).to_contain_text("klikk igjen")  # shown as words, not as a link
        assert purpose.locator("script, img, a").count() == 0, page_url
        assert desktop.locator("a[href^='javascript' i]").count() == 0, page_url
        assert desktop.evaluate("typeof window.__xss") == "undefined", f"the script ran on {page_url}"
    assert_no_external_requests(desktop)
