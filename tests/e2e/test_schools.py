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
        desktop.get_by_role("link", name="Add a school").click()
    assert urlsplit(desktop.url).path == "/app/schools/new"

    form = desktop.locator("main form")
    form.get_by_label("School name").fill(name)
    form.get_by_label("Short address").fill(slug)
    form.get_by_label("Kind of school").select_option(label="Combined primary and lower secondary school")
    languages = form.get_by_role("group", name="Languages")
    for language in ("Norsk bokmål", "Norsk nynorsk", "English"):
        assert languages.get_by_label(language, exact=True).is_checked(), f"{language} is not on by default"
    form.get_by_label("Default language").select_option("nn")
    form.get_by_label("Email of the first school administrator").fill(admin_email)
    with desktop.expect_navigation() as created:
        form.get_by_role("button", name="Create the school").click()

    assert created.value.status == 200
    assert urlsplit(desktop.url).path == f"/app/schools/{slug}/people"
    assert desktop.get_by_role("heading", level=1).inner_text() == f"People at {name}"
    flash = desktop.locator("main .flashes").inner_text()
    assert name in flash and admin_email in flash
    pending = desktop.locator("main ul.people li", has_text=admin_email)
    assert pending.count() == 1
    assert "School administrator" in pending.inner_text()
    assert link_in(mail_to(live_server, admin_email), live_server, "/auth/invitation/")

    response = desktop.goto(f"/{slug}/")
    assert response.status == 200
    assert desktop.get_by_role("heading", level=1).inner_text() == name

    desktop.goto("/")  # and the front door lists it
    assert desktop.get_by_role("link", name=name).get_attribute("href") == f"/{slug}/"
    assert_no_external_requests(desktop)
