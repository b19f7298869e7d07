"""Small screens and the language switcher."""

from urllib.parse import parse_qs, urlsplit

import pytest

from .conftest import NARROW_PHONE, assert_assets_loaded, assert_no_external_requests, html_lang
from .pages import LANGUAGES, PAGES, open_page

# The elements that stick out past the right edge of the viewport, or whose content spills out of
# them (a long word, a wide table), for a readable failure.
OVERFLOWING = """() => {
  const width = document.documentElement.clientWidth;
  const spills = el => el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX === 'visible';
  return [...document.querySelectorAll('body *')]
    .filter(el => el.getBoundingClientRect().right > width + 0.5 || spills(el))
    .slice(0, 8)
    .map(el => `<${el.tagName.toLowerCase()}${el.className ? ' class="' + el.className + '"' : ''}> `
              + `right edge ${Math.round(el.getBoundingClientRect().right)}px, content ${el.scrollWidth}px`);
}"""


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("spec", PAGES, ids=lambda spec: spec.name)
def test_page_does_not_scroll_sideways_on_a_360px_phone(live_server, new_page, spec, lang):
    page = new_page(**NARROW_PHONE)
    open_page(page, spec, lang, live_server)
    assert_assets_loaded(page)
    assert page.evaluate("document.documentElement.clientWidth") == 360, "the viewport meta tag is not honoured"
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 360, (
        f"{spec.name} [{lang}] is {scroll_width}px wide at 360px; sticking out: {page.evaluate(OVERFLOWING)}"
    )
    assert_no_external_requests(page)


def test_language_switcher_works_without_javascript_and_sticks_for_the_session(new_page):
    page = new_page(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    page.goto("/auth/login")
    assert page.evaluate("1 + 1") == 2  # Playwright can still evaluate; the page's own scripts cannot run
    assert page.evaluate("typeof window.htmx") == "undefined", "page scripts ran: JavaScript is not off"
    assert html_lang(page) != "nn"

    switcher = page.get_by_role("navigation", name="Language")
    with page.expect_navigation() as navigation:
        switcher.get_by_role("link", name="Nynorsk", exact=True).click()
    assert navigation.value.status == 200
    assert urlsplit(page.url).path == "/auth/login"
    assert parse_qs(urlsplit(page.url).query)["lang"] == ["nn"]
    assert html_lang(page) == "nn"
    assert page.get_by_role("link", name="Nynorsk", exact=True).get_attribute("aria-current") == "true"

    page.goto("/")
    assert "lang=" not in page.url
    assert html_lang(page) == "nn", "the chosen language did not stick for the session"
    assert_no_external_requests(page)
