"""The public pages in each of the twelve public languages (issue 19), at 360 px and on a desktop: axe finds
nothing, no sideways scroll, `lang` and `dir` right, tel: links intact, no request leaves the site. One
browser context per language and width, reused for every page (cheap enough to run for all twelve)."""

from urllib.parse import parse_qs, urlsplit

import pytest

from intranet.demo import DEMO_PASSWORD, DEMO_SCHOOLS

from .conftest import DESKTOP, NARROW_PHONE, assert_accessible, assert_no_external_requests, html_lang, login
from .pages import ORG_ADMIN, RECTOR

PUBLIC_LANGUAGES = ("nb", "nn", "en", "uk", "ar", "pl", "so", "ti", "lt", "fa", "ru", "se")
RIGHT_TO_LEFT = {"ar", "fa"}
SCHOOL = "fjordvik-us"  # the demo school that offers every public language
PAGES = (f"/{SCHOOL}/", f"/{SCHOOL}/plan", f"/{SCHOOL}/wheel", "/", "/uu-statement", "/languages", "/no-such-school/")
DEVICES = {"360px": NARROW_PHONE, "desktop": DESKTOP}
# On a desktop the pages whose layout changes with the width (the wheel's grid, the statement's table).
DESKTOP_PAGES = (f"/{SCHOOL}/", f"/{SCHOOL}/wheel", "/uu-statement")


def test_the_demo_school_offers_every_public_language():
    offered = next(languages for _, slug, _, languages, _ in DEMO_SCHOOLS if slug == SCHOOL)
    assert tuple(offered.split(",")) == PUBLIC_LANGUAGES


@pytest.mark.parametrize("device", DEVICES)
@pytest.mark.parametrize("lang", PUBLIC_LANGUAGES)
def test_public_pages_read_well_in_language(new_page, lang, device):
    page = new_page(**DEVICES[device])
    for path in PAGES if device == "360px" else DESKTOP_PAGES:
        response = page.goto(f"{path}?lang={lang}")
        assert response.status == (404 if path == "/no-such-school/" else 200), path
        label = f"{path} [{lang}, {device}]"
        assert html_lang(page) == lang, label
        assert page.locator("html").get_attribute("dir") == ("rtl" if lang in RIGHT_TO_LEFT else "ltr"), label
        width = page.evaluate("document.documentElement.clientWidth")
        assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{label} scrolls sideways"
        for link in page.locator("a[href^='tel:']").all():  # a phone number reads left to right in any page
            number = link.get_attribute("href")[4:]
            assert number.lstrip("+").isdigit(), f"{label}: {number!r}"
            assert link.evaluate("el => getComputedStyle(el).direction") == "ltr", f"{label}: {number}"
        picker = page.locator("nav.languages details.language-picker")
        assert picker.locator(f"a[lang='{lang}'][aria-current='true']").count() == 1, label
        assert_accessible(page, label)
    assert page.locator("footer a[href^='/uu-statement']").count() == 1
    assert_no_external_requests(page)


def test_language_picker_works_without_javascript_and_names_each_language_in_itself(new_page):
    page = new_page(**NARROW_PHONE, java_script_enabled=False, locale="nb-NO")
    page.goto(f"/{SCHOOL}/")
    assert html_lang(page) == "nb"
    picker = page.get_by_role("navigation", name="Språk")
    picker.locator("summary").click()
    links = picker.locator("a")
    assert links.count() == len(PUBLIC_LANGUAGES)
    assert [links.nth(i).get_attribute("lang") for i in range(links.count())] == list(PUBLIC_LANGUAGES)
    with page.expect_navigation():
        picker.get_by_role("link", name="العربية", exact=True).click()
    assert parse_qs(urlsplit(page.url).query)["lang"] == ["ar"]
    assert (html_lang(page), page.locator("html").get_attribute("dir")) == ("ar", "rtl")
    page.goto(f"/{SCHOOL}/wheel")  # the choice sticks for the session
    assert html_lang(page) == "ar"


def test_accept_language_chooses_the_public_language(new_page):
    page = new_page(**DESKTOP, locale="ti-ER", extra_http_headers={"Accept-Language": "ti-ER,ti;q=0.9,en;q=0.5"})
    page.goto(f"/{SCHOOL}/")
    assert html_lang(page) == "ti"
    page.goto("/auth/login")  # the staff pages stay in nb, nn and en
    assert html_lang(page) in ("nb", "nn", "en")


@pytest.mark.parametrize("device", DEVICES)
def test_settings_pages_for_the_languages_and_the_statement_are_accessible(new_page, device):
    settings = ((RECTOR, f"/app/schools/{SCHOOL}/languages"), (ORG_ADMIN, "/app/organisations/fjordvik/accessibility"))
    for user, path in settings:
        page = new_page(**DEVICES[device])
        login(page, user, DEMO_PASSWORD)
        assert page.goto(f"{path}?lang=en").status == 200
        width = page.evaluate("document.documentElement.clientWidth")
        assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{path} [{device}] scrolls sideways"
        assert_accessible(page, f"{path} [{device}]")
