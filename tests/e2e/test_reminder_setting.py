"""A teacher chooses how reminders reach her under My account, in each language, with axe-core on
the account page and on the setting's own page (where a mail's unsubscribe link leads)."""

import pytest

from intranet.demo import DEMO_PASSWORD

from .conftest import DESKTOP, PHONE, assert_accessible, assert_no_external_requests, html_lang, login
from .pages import LANGUAGES, STAFF

CHOICES = {  # the three choices' labels, as each language names them
    "nb": ("På e-post med en gang", "Bare på oversikten"),
    "nn": ("På e-post med ein gong", "Berre på oversikta"),
    "en": ("By email at once", "Only on the dashboard"),
}
SAVED = {
    "nb": "Valget for påminnelser er lagret.",
    "nn": "Valet for påminningar er lagra.",
    "en": "Your reminder setting is saved.",
}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_reminder_setting_is_chosen_under_my_account_accessibly(live_server, new_page, lang):
    page = new_page(**PHONE)
    login(page, STAFF, DEMO_PASSWORD)
    page.goto(f"/app/account?lang={lang}")
    assert html_lang(page) == lang
    section = page.locator("main section[aria-labelledby=reminders-heading]")
    at_once, dashboard_only = CHOICES[lang]
    section.get_by_label(dashboard_only).check()
    with page.expect_navigation():
        section.locator("button[type=submit]").click()
    assert SAVED[lang] in page.locator("body").inner_text()
    assert page.locator("main section[aria-labelledby=reminders-heading]").get_by_label(dashboard_only).is_checked()
    assert_accessible(page, f"My account with the reminder setting [{lang}, phone]")
    desktop = new_page(**DESKTOP)
    login(desktop, STAFF, DEMO_PASSWORD)
    desktop.goto(f"/app/account/reminders?lang={lang}")
    assert desktop.get_by_label(dashboard_only).is_checked()
    desktop.get_by_label(at_once).check()
    with desktop.expect_navigation():
        desktop.locator("main form button[type=submit]").click()
    assert desktop.url.endswith("/app/account#reminders-heading")
    assert desktop.get_by_label(at_once).is_checked()
    desktop.goto(f"/app/account/reminders?lang={lang}")
    assert_accessible(desktop, f"The reminder setting's page [{lang}, desktop]")
    assert_no_external_requests(page)
    assert_no_external_requests(desktop)
