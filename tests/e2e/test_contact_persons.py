"""A rector keeps the school's contact persons up to date from a phone, and parents can call them.

The test works on a school of its own (made in the live server's database), so Fjordvik's contacts,
which other tests read, stay as they are. Pages are in English (browser locale en-US); role names in
the form are in the school's default language (bokmål).
"""

import secrets

from playwright.sync_api import expect

from intranet.demo import DEMO_PASSWORD

from .conftest import PHONE, assert_no_external_requests, login
from .plan_data import add_school
from .plan_steps import flashes, path_of

PHONE_ERROR = "Enter a phone number someone can call, e.g. 98765432, +47 987 65 432 or 02800."


def tap_through(page, locator):
    """Tap (touch) a submit button and wait for the page it leads to; returns the response."""
    with page.expect_navigation() as navigation:
        locator.tap()
    return navigation.value


def test_rector_adds_a_contact_person_on_a_phone_and_parents_get_tap_to_call_and_mail_links(live_server, new_page):
    school = add_school(live_server)
    contacts_url = f"/app/schools/{school.slug}/contacts"
    name = f"Hanne Hope {secrets.token_hex(2)}"
    email = f"hanne.hope-{secrets.token_hex(3)}@example.no"
    phone = new_page(**PHONE)
    login(phone, school.rector, DEMO_PASSWORD)
    phone.goto(f"{contacts_url}?lang=en")
    expect(phone.locator("main")).to_contain_text("No contact persons yet.")

    form = phone.get_by_role("region", name="Add a person")
    name_field = form.get_by_label("Name", exact=True)
    title_field = form.get_by_label("Title (Norsk bokmål)")
    role_box = form.get_by_role("group", name="Roles").get_by_label("School nurse", exact=True)
    phone_field = form.get_by_label("Phone", exact=True)
    email_field = form.get_by_label("Email", exact=True)
    # Phones offer the right keyboard for each field.
    assert phone_field.get_attribute("type") == "tel"
    assert email_field.get_attribute("type") == "email"
    assert form.get_by_label("Public: shown to parents on the school's page").is_checked()

    name_field.fill(name)
    title_field.fill("Helsesykepleier")
    role_box.tap()
    assert role_box.is_checked()
    phone_field.fill("1234")
    email_field.fill(email)
    response = tap_through(phone, form.get_by_role("button", name="Add", exact=True))

    # A number nobody can call is refused, explained at the field, and everything typed is kept.
    assert response.status == 400
    assert path_of(phone) == contacts_url
    form = phone.get_by_role("region", name="Add a person")
    phone_field = form.get_by_label("Phone", exact=True)
    expect(form.locator("#phone-error")).to_have_text(PHONE_ERROR)
    expect(phone_field).to_have_attribute("aria-invalid", "true")
    assert "phone-error" in phone_field.get_attribute("aria-describedby").split()
    assert phone_field.input_value() == "1234"
    assert form.get_by_label("Name", exact=True).input_value() == name
    assert form.get_by_label("Title (Norsk bokmål)").input_value() == "Helsesykepleier"
    assert form.get_by_role("group", name="Roles").get_by_label("School nurse", exact=True).is_checked()
    assert form.get_by_label("Email", exact=True).input_value() == email
    assert form.get_by_label("Public: shown to parents on the school's page").is_checked()
    expect(phone.locator("main")).to_contain_text("No contact persons yet.")

    # Typed the way people write a mobile number, with +47 and spaces.
    phone_field.fill("+47 987 65 432")
    response = tap_through(phone, form.get_by_role("button", name="Add", exact=True))
    assert response.status == 200
    assert path_of(phone) == contacts_url
    assert f"{name} is added." in flashes(phone, "success")
    listed = phone.locator("main ol.section-list > li").filter(has_text=name)
    expect(listed).to_have_count(1)
    expect(listed.locator(".badge")).to_contain_text(["School nurse", "public"])
    expect(listed.locator("a.call")).to_have_attribute("href", "tel:+4798765432")
    expect(listed.locator(f"a[href='mailto:{email}']")).to_have_count(1)

    # The school's public page: the person once, with the role, a tap-to-call link and a mail link.
    parent = new_page(**PHONE)
    parent.goto(f"/{school.slug}/?lang=en")
    contacts = parent.get_by_role("region", name="Whom to contact at the school")
    person = contacts.locator("li.person").filter(has_text=name)
    expect(person).to_have_count(1)
    expect(person.locator(".roles")).to_have_text("School nurse")
    expect(person).to_contain_text("Helsesykepleier")
    call = person.locator("a[href^='tel:']")
    expect(call).to_have_attribute("href", "tel:+4798765432")
    expect(call).to_have_text("98 76 54 32")  # stored and shown in the usual grouping
    expect(person.get_by_role("link", name=email)).to_have_attribute("href", f"mailto:{email}")
    assert_no_external_requests(phone)
    assert_no_external_requests(parent)
