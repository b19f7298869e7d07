"""The municipality adds a school through the form; it gets a people page and a public page."""

import secrets
from urllib.parse import urlsplit

from intranet.demo import DEMO_PASSWORD

from .conftest import assert_no_external_requests, link_in, login, mail_to, unique_email
from .pages import ORG_ADMIN


def test_org_admin_creates_a_school_that_gets_an_invited_admin_and_a_public_page(live_server, desktop):
    token = secrets.token_hex(3)
    name = f"Testvika skule {token}"
    slug = f"testvika-{token}"
    admin_email = unique_email("rektor-testvika")

    login(desktop, ORG_ADMIN, DEMO_PASSWORD)
    desktop.goto("/app/?lang=en")
    with desktop.expect_navigation():
        desktop.locator("main a[href^='/app/schools/new']").click()
    assert urlsplit(desktop.url).path == "/app/schools/new"

    form = desktop.locator("main form")
    form.locator("input[name=name]").fill(name)
    form.locator("input[name=slug]").fill(slug)
    form.locator("select[name=kind]").select_option("kombinert")
    languages = form.locator("input[name=languages]")
    assert languages.count() == 12  # the public pages' languages (issue 19)
    for index in range(12):
        assert languages.nth(index).is_checked() == (index < 3), "bokmål, nynorsk and English on by default"
    form.locator("select[name=default_language]").select_option("nn")
    form.locator("input[name=admin_email]").fill(admin_email)
    with desktop.expect_navigation() as created:
        form.locator("button[type=submit]").click()

    assert created.value.status == 200, f"creating the school answered HTTP {created.value.status}"
    assert urlsplit(desktop.url).path == f"/app/schools/{slug}/people", (
        f"stayed on the form: {desktop.locator('main .error').all_inner_texts()}"
    )
    assert name in desktop.locator("main h1").inner_text()
    flash = desktop.locator("main .flashes .flash-success").inner_text()
    assert name in flash and admin_email in flash
    pending = desktop.locator("main ul.people li", has_text=admin_email)
    assert pending.count() == 1
    assert "School administrator" in pending.inner_text()
    assert link_in(mail_to(live_server, admin_email), live_server, "/auth/invitation/")

    response = desktop.goto(f"/{slug}/")
    assert response.status == 200
    assert desktop.locator("main h1").inner_text() == name

    desktop.goto("/")  # and the front door lists it
    assert desktop.get_by_role("link", name=name).get_attribute("href") == f"/{slug}/"
    assert_no_external_requests(desktop)
