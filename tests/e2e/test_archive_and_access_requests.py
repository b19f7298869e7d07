"""A rector files a closed case in the archive and answers an access request, in nb, nn and en; every
page passes axe."""

from playwright.sync_api import expect

from intranet.demo import DEMO_PASSWORD

from .case_steps import make_case, unique_label
from .conftest import DESKTOP, assert_accessible, assert_no_external_requests, login
from .pages import RECTOR, STAFF

SCHOOL = "fjordvik-us"


def test_rector_files_a_closed_case_and_finds_it_for_an_access_request(live_server, new_page):
    case = make_case(
        live_server,
        slug=SCHOOL,
        opener=STAFF,
        label=unique_label("9C, fredag"),
        answers={"age_band": "under_18"},
        closing_note="Avsluttet.",
    )
    page = new_page(**DESKTOP)
    login(page, RECTOR, DEMO_PASSWORD)
    archive = f"{live_server.url}/app/schools/{SCHOOL}/archive"
    privacy = f"{live_server.url}/app/schools/{SCHOOL}/privacy/"
    for language in ("nb", "nn", "en"):
        page.goto(f"{archive}/?lang={language}")
        assert_accessible(page, f"archive page ({language})")
        page.goto(f"{archive}/cases/{case.id}/file?lang={language}")
        assert_accessible(page, f"filing page ({language})")
        page.goto(f"{privacy}?lang={language}")
        assert_accessible(page, f"access requests ({language})")

    page.goto(f"{archive}/cases/{case.id}/file?lang=en")
    page.get_by_role("button", name="Mark as filed").click()
    expect(page.locator(".error")).to_contain_text("Write the case number the archive gave.")
    assert_accessible(page, "filing page with an error")
    page.get_by_label("Case number in the archive").fill("2026/5150")
    page.get_by_role("button", name="Mark as filed").click()
    expect(page.get_by_text(f"Case {case.reference} is filed in the archive.")).to_be_visible()
    expect(page.get_by_role("link", name="Filed as 2026/5150")).to_be_visible()

    page.goto(f"{privacy}?lang=en")
    page.get_by_label("Archive case number or case reference").fill("2026/5150")
    page.get_by_role("button", name="Find the case").click()
    expect(page.get_by_role("link", name=f"Export case {case.reference} as JSON")).to_be_visible()
    assert_accessible(page, "access requests with a case found")
    assert_no_external_requests(page)
