"""Parents read the public plan on a phone, in their language and as a PDF; staff jump to a routine."""

import subprocess
from urllib.parse import urlsplit

from playwright.sync_api import expect

from intranet.demo import DEMO_PASSWORD

from .conftest import PHONE, assert_no_external_requests, html_lang, login
from .pages import STAFF
from .plan_data import SHIPPED, add_school, publish, shipped_body, shipped_title
from .plan_steps import click_through, path_of

INTERNAL = [key for key, section in SHIPPED.items() if not section["public"]]
PUBLIC = [key for key, section in SHIPPED.items() if section["public"]]


def first_sentence(key: str) -> str:
    """A section's opening words: an internal section's title may be named in a public routine's step."""
    return shipped_body(key, "en").split(".")[0]


def words(text: str) -> str:
    return " ".join(text.split())


def switch_to_english(page) -> None:
    languages = page.locator("header nav.languages")
    if languages.locator("summary").count():  # a school offering many languages lists them behind a disclosure
        languages.locator("summary").click()
    click_through(page, languages.get_by_role("link", name="English", exact=True))
    assert html_lang(page) == "en"


def test_parent_on_a_phone_reads_the_public_plan_in_english_without_internal_routines_and_gets_the_pdf(
    new_page, tmp_path
):
    phone = new_page(**PHONE, locale="nb-NO")  # a Norwegian phone: the pages start in bokmål
    phone.goto("/fjordvik-us/")
    assert html_lang(phone) == "nb"
    click_through(phone, phone.locator("main a[href='/fjordvik-us/plan']"))
    assert path_of(phone) == "/fjordvik-us/plan"
    assert html_lang(phone) == "nb"

    switch_to_english(phone)
    assert path_of(phone) == "/fjordvik-us/plan"
    expect(phone.locator("main h1")).to_have_text("Drug-prevention plan: Fjordvik ungdomsskole")
    for key in PUBLIC:
        expect(phone.locator(f"section#{key} h2")).to_have_text(shipped_title(key, "en"))
    text = words(phone.locator("main").inner_text())
    for key in INTERNAL:
        assert phone.locator(f"#{key}").count() == 0, f"the internal section {key} is on the public page"
        assert phone.get_by_role("heading", name=shipped_title(key, "en")).count() == 0
        assert first_sentence(key) not in text
    assert first_sentence("routine_intoxicated") in text
    assert phone.locator(".fallback-note").count() == 0, "the demo plan is translated: no fallback notes"

    link = phone.get_by_role("link", name="Download as PDF")
    href = link.get_attribute("href")
    assert urlsplit(href).path == "/fjordvik-us/plan.pdf" and "lang=en" in href
    response = phone.request.get(href)
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    pdf = response.body()
    assert pdf.startswith(b"%PDF")
    saved = tmp_path / "plan.pdf"
    saved.write_bytes(pdf)
    extracted = subprocess.run(["pdftotext", str(saved), "-"], capture_output=True, text=True, check=True)
    pdf_text = words(extracted.stdout)
    assert "Fjordvik ungdomsskole" in pdf_text and "Revision" in pdf_text
    assert first_sentence("routine_intoxicated") in pdf_text
    assert not [key for key in INTERNAL if first_sentence(key) in pdf_text], "internal routines are in the PDF"
    assert_no_external_requests(phone)


def test_a_public_section_not_yet_in_english_is_shown_in_bokmal_with_a_note(live_server, new_page):
    school = add_school(live_server, plan=True)
    only_bokmal = "Formålet står foreløpig bare på bokmål."
    publish(live_server, school, "Formål bare på bokmål", bodies={"purpose": {"nb": only_bokmal}})

    phone = new_page(**PHONE, locale="nb-NO")
    phone.goto(f"/{school.slug}/plan")
    assert phone.locator(".fallback-note").count() == 0, "in bokmål nothing is missing"
    switch_to_english(phone)

    purpose = phone.locator("section#purpose")
    expect(purpose.locator("h2")).to_have_text(shipped_title("purpose", "en"))
    note = purpose.locator(".fallback-note")
    expect(note).to_contain_text("This part is not translated yet; it is shown in")
    assert note.get_attribute("lang") == "en"
    fallback = purpose.locator(".prose[lang=nb]")
    expect(fallback).to_have_text(only_bokmal)  # marked as Norwegian for screen readers
    assert phone.locator("section#routine_intoxicated .fallback-note").count() == 0
    assert phone.locator(".fallback-note").count() == 1
    assert_no_external_requests(phone)


def test_staff_on_a_phone_opens_the_plan_and_jumps_to_the_intoxicated_student_routine(phone):
    login(phone, STAFF, DEMO_PASSWORD)
    phone.goto("/app/?lang=en")
    click_through(phone, phone.get_by_role("link", name="Read the plan"))
    assert path_of(phone) == "/app/schools/fjordvik-us/plan/read"

    quick = phone.locator("main nav.quick-routines")
    expect(quick).to_contain_text(shipped_title("routine_suspicion_persists", "en"))  # staff see internal routines
    routine = phone.locator("section#routine_intoxicated")
    expect(routine).not_to_be_in_viewport()
    phone.evaluate("window.__marker = 'same page'")

    quick.get_by_role("link", name=shipped_title("routine_intoxicated", "en"), exact=True).click()
    expect(routine).to_be_in_viewport()
    assert urlsplit(phone.url).fragment == "routine_intoxicated"
    assert phone.evaluate("window.__marker") == "same page", "the jump reloaded the page"
    heading_top = routine.locator("h2").evaluate("element => element.getBoundingClientRect().top")
    assert 0 <= heading_top < 100, f"the routine's heading is {heading_top}px from the top, not at the top"
    assert_no_external_requests(phone)
