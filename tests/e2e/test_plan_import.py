"""Importing a plan document in a real browser: upload a .docx the test made, review the proposal
beside the document's text (accessible, in bokmål, nynorsk and English, on a 360 px phone and a
desktop), change a section and a role, confirm, and find the draft in the plan (not published)."""

import pytest
from playwright.sync_api import expect

from intranet.demo import DEMO_PASSWORD

from ..plan_documents import docx_bytes
from .conftest import DESKTOP, NARROW_PHONE, assert_accessible, assert_no_external_requests, login
from .plan_data import add_school
from .plan_steps import flashes, section_link

HEADINGS = {"nb": "Gå gjennom importen", "nn": "Gå gjennom importen", "en": "Review the import"}


def upload_plan(page, school, lang: str) -> None:
    page.goto(f"/app/schools/{school.slug}/plan/import/?lang={lang}")
    page.set_input_files(
        "input[type=file]",
        files=[{"name": "plan.docx", "mimeType": "application/octet-stream", "buffer": docx_bytes()}],
    )
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
@pytest.mark.parametrize("device", [NARROW_PHONE, DESKTOP], ids=["360px", "desktop"])
def test_the_review_screen_is_accessible_and_fits_the_screen(live_server, new_page, lang, device):
    school = add_school(live_server, plan=True)
    page = new_page(**device)
    login(page, school.rector, DEMO_PASSWORD)
    page.goto(f"/app/schools/{school.slug}/plan/import/?lang={lang}")
    assert_accessible(page, f"upload page ({lang})")
    upload_plan(page, school, lang)
    expect(page.locator("main h1")).to_have_text(HEADINGS[lang])
    expect(page.locator("#document-heading")).to_be_visible()
    assert page.locator(".import-text").inner_text().count("Temadag om alkohol for Vg1") == 1
    page.locator("main details summary").first.click()  # an item's roles, opened
    assert_accessible(page, f"review page ({lang}, {device['viewport']['width']} px)")
    assert page.evaluate("document.documentElement.scrollWidth") <= device["viewport"]["width"]
    assert_no_external_requests(page)


def test_a_rector_reviews_changes_and_confirms_the_import(live_server, new_page):
    school = add_school(live_server, plan=True)
    page = new_page(**DESKTOP)
    login(page, school.rector, DEMO_PASSWORD)
    page.goto(f"{school.plan_url}?lang=en")
    page.get_by_role("link", name="Import a plan document").click()
    upload_plan(page, school, "en")

    contacts = page.get_by_role("group", name="Kontakter", exact=True)
    contacts.get_by_label("Put it in").select_option("drop")
    wheel = page.get_by_role("group", name="Årshjul", exact=True)
    item = wheel.locator(".import-items > li", has_text="Evaluering av planen")
    item.locator("summary").click()
    item.get_by_label("Rektor", exact=True).uncheck()  # roles are named in the document's language
    item.get_by_label("Elevrådet", exact=True).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Write the draft").click()

    assert "imported as a draft" in flashes(page, "success")
    assert (
        "Not published yet" in page.locator("main").inner_text()
        or "unpublished changes" in page.locator("main").inner_text()
    )
    section_link(page, "annual_wheel").click()
    activities = page.locator("main #section-editor input[name$='-title']")
    expect(activities).to_have_count(3)
    expect(activities.nth(2)).to_have_value("Evaluering av planen sammen med elevrådet")
    roles = page.locator("main #section-editor fieldset.item").nth(2).locator("input[type=checkbox]:checked")
    assert "student_council" in [roles.nth(i).get_attribute("value") for i in range(roles.count())]
