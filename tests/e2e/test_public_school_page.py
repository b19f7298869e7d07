"""What parents see without signing in: the front door's search, a school's page and its poster.

These tests only read the demo data (Fjordvik ungdomsskole: three public contact persons, two
internal ones, and the municipality's services).
"""

import re
import subprocess

import pytest
from playwright.sync_api import expect

from .conftest import PHONE, assert_no_external_requests, html_lang
from .plan_steps import click_through, path_of

SCHOOL = "Fjordvik ungdomsskole"
SCHOOL_PAGE = "/fjordvik-us/"
PUBLIC_CONTACTS = {"Per Strand": "tel:+4791234567", "Lise Berg": "tel:+4792345678", "Amir Haddad": "tel:+4793456789"}
# The two internal contact persons: names, the one e-mail address only they have, their titles.
INTERNAL_CONTACTS = ("Ingrid Bakke", "Tor Nilsen", "larer.fjordvik@example.no", "Kontaktlærer 9B", "lensmannskontor")
SERVICES = {
    "Police": "tel:02800",
    "Out-of-hours medical service": "tel:116117",
    "Alarm telephone": "tel:116111",
    "Fjordvik child welfare service": "tel:+4755123456",
}
EMERGENCY = {"113": "tel:113", "112": "tel:112", "116 117": "tel:116117"}


def test_parent_on_a_phone_sees_emergency_numbers_and_whom_to_contact_on_the_first_screen(new_page):
    page = new_page(**PHONE, locale="nb-NO")
    response = page.goto(SCHOOL_PAGE)
    assert response.status == 200
    assert html_lang(page) == "nb", "a Norwegian browser should get the page in bokmål"

    languages = page.locator("header nav.languages")
    languages.locator("summary").click()  # the school offers twelve languages: a disclosure lists them
    click_through(page, languages.get_by_role("link", name="English", exact=True))
    assert path_of(page) == SCHOOL_PAGE
    assert html_lang(page) == "en"
    expect(languages.locator("a[lang=en]")).to_have_attribute("aria-current", "true")

    # The first screen, before any scrolling: the emergency numbers, and where the school's contacts begin.
    height = PHONE["viewport"]["height"]
    assert page.evaluate("window.scrollY") == 0
    emergency = page.get_by_role("region", name="In an emergency")
    for number, href in EMERGENCY.items():
        link = emergency.get_by_role("link", name=number, exact=True)
        expect(link).to_have_attribute("href", href)
        expect(link).to_be_visible()
        box = link.bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= height, f"{number} is not on the first screen: {box}"
    heading = page.get_by_role("heading", name="Whom to contact at the school", exact=True)
    expect(heading).to_be_visible()
    box = heading.bounding_box()
    assert box["y"] + box["height"] <= height, f"'Whom to contact' starts below the first screen ({height}px): {box}"

    # Public contacts with tap-to-call links; every phone link on the page is tel:.
    contacts = page.get_by_role("region", name="Whom to contact at the school")
    for name, href in PUBLIC_CONTACTS.items():
        expect(contacts.locator("li.person").filter(has_text=name).locator("a.call")).to_have_attribute("href", href)
    services = page.get_by_role("region", name="Help outside the school")
    for name, href in SERVICES.items():
        expect(services.locator("li.person").filter(has_text=name).locator("a.call")).to_have_attribute("href", href)
    calls = page.locator("main a.call")
    assert calls.count() >= len(EMERGENCY) + len(PUBLIC_CONTACTS) + len(SERVICES)
    hrefs = [calls.nth(i).get_attribute("href") for i in range(calls.count())]
    assert all(re.fullmatch(r"tel:\+?\d{3,12}", href) for href in hrefs), hrefs

    # Internal contacts are nowhere in the page, not even hidden in the HTML, in any language.
    for lang in ("en", "nb", "nn"):
        page.goto(f"{SCHOOL_PAGE}?lang={lang}")
        html = page.content()
        leaked = [text for text in INTERNAL_CONTACTS if text in html]
        assert not leaked, f"internal contacts on the public page [{lang}]: {leaked}"
    assert_no_external_requests(page)


def test_school_page_answers_304_not_modified_when_the_browser_already_has_it(new_page):
    page = new_page(**PHONE)
    page.goto(SCHOOL_PAGE)
    first = page.request.get(SCHOOL_PAGE)
    assert first.status == 200
    etag = first.headers.get("etag")
    assert etag, f"no ETag on the school page: {first.headers}"
    assert "must-revalidate" in first.headers.get("cache-control", "")
    again = page.request.get(SCHOOL_PAGE, headers={"If-None-Match": etag})
    assert again.status == 304, f"If-None-Match {etag} gave HTTP {again.status}"
    assert again.body() == b""
    changed = page.request.get(SCHOOL_PAGE, headers={"If-None-Match": '"something-else"'})
    assert changed.status == 200


@pytest.mark.parametrize("javascript", [True, False], ids=["with-javascript", "without-javascript"])
def test_parent_finds_the_school_by_typing_part_of_its_name_on_the_front_door(new_page, javascript):
    page = new_page(**PHONE, java_script_enabled=javascript)
    page.goto("/")
    assert page.locator("script").count() == 0, "public pages work without any script"
    everything = page.locator("main ul.school-list a").all_inner_texts()
    assert SCHOOL in everything and len(everything) > 1

    search = page.get_by_role("searchbox", name="Find your school")
    search.fill("UNGDOMS")
    click_through(page, page.get_by_role("button", name="Search", exact=True))
    assert path_of(page) == "/"
    assert "q=UNGDOMS" in page.url
    expect(page.get_by_role("status")).to_contain_text("1 school matches “UNGDOMS”.")
    assert search.input_value() == "UNGDOMS", "the search field should keep what was typed"
    listed = page.locator("main ul.school-list a")
    assert listed.all_inner_texts() == [SCHOOL], "only the matching school should be listed"

    click_through(page, listed.first)
    assert path_of(page) == SCHOOL_PAGE
    expect(page.get_by_role("heading", level=1)).to_have_text(SCHOOL)

    page.goto("/?q=no-school-is-called-this")
    expect(page.locator("main")).to_contain_text("No schools found.")
    assert page.locator("main ul.school-list a").count() == 0
    assert_no_external_requests(page)


def test_poster_is_an_a4_pdf_with_the_school_its_public_contacts_and_the_address_of_its_page(
    live_server, new_page, tmp_path
):
    page = new_page()
    response = page.request.get(SCHOOL_PAGE + "poster.pdf")
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    body = response.body()
    assert body.startswith(b"%PDF-")
    pdf = tmp_path / "poster.pdf"
    pdf.write_bytes(body)

    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Page size:.*\(A4\)", info, re.MULTILINE), info
    assert re.search(r"^Pages:\s+1$", info, re.MULTILINE), info

    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    words = " ".join(text.split())
    base = (live_server.app.config.get("PUBLIC_BASE_URL") or live_server.url).rstrip("/")
    assert SCHOOL in words
    assert "Per Strand" in words and "91 23 45 67" in words
    assert f"{base}{SCHOOL_PAGE}" in words, f"the school page's address is not on the poster:\n{text}"
    leaked = [name for name in INTERNAL_CONTACTS if name in words]
    assert not leaked, f"internal contacts on the poster: {leaked}"
