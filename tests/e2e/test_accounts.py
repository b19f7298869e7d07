"""Signing in, invitations, password reset and who sees what, clicked through in a real browser."""

import secrets
from urllib.parse import parse_qs, urlsplit

from intranet.demo import DEMO_PASSWORD

from .conftest import (DESKTOP, PHONE, assert_accessible, assert_no_external_requests, link_in, login, mail_to,
                       submit_main_form, unique_email)
from .pages import RECTOR, STAFF

FJORDVIK = "Fjordvik ungdomsskole"
PEOPLE = "/app/schools/fjordvik-us/people"
STRONG_PASSWORD = "Fjell og fjord 2026!"


def path_of(page) -> str:
    return urlsplit(page.url).path


def flash_texts(page) -> list[str]:
    return page.locator("main .flashes .flash").all_inner_texts()


def test_anonymous_visitor_is_sent_to_login_and_lands_back_on_the_page_asked_for(desktop):
    response = desktop.goto(PEOPLE)
    assert response.status == 200
    assert path_of(desktop) == "/auth/login"
    assert parse_qs(urlsplit(desktop.url).query)["next"] == [PEOPLE]
    assert "Sign in to see this page." in flash_texts(desktop)
    assert desktop.get_by_role("heading", level=1).inner_text() == "Sign in"

    login(desktop, RECTOR, DEMO_PASSWORD, navigate=False)
    assert path_of(desktop) == PEOPLE
    assert desktop.get_by_role("heading", level=1).inner_text() == f"People at {FJORDVIK}"
    assert_no_external_requests(desktop)


def test_rector_invites_staff_on_a_phone_and_the_invitee_joins_through_the_mailed_link(
        live_server, phone, new_page):
    login(phone, RECTOR, DEMO_PASSWORD)
    phone.goto("/app/?lang=en")
    with phone.expect_navigation():
        phone.get_by_role("link", name="People and invitations").click()
    assert path_of(phone) == PEOPLE

    invitee = unique_email("nyansatt")
    invite_form = phone.locator("main form", has=phone.locator("input[name=email]"))
    invite_form.get_by_label("Name").fill("Nina Nyansatt")
    invite_form.get_by_label("Email").fill(invitee)
    invite_form.get_by_label("Role").select_option(label="Staff")
    with phone.expect_navigation() as sent:
        invite_form.get_by_role("button", name="Send invitation").click()
    assert sent.value.status == 200
    assert path_of(phone) == PEOPLE
    assert f"An invitation has been sent to {invitee}." in flash_texts(phone)
    pending = phone.locator("main ul.people li", has_text=invitee)
    assert pending.count() == 1 and "Staff" in pending.inner_text()

    mail = mail_to(live_server, invitee)
    assert FJORDVIK in mail["Subject"]
    link = link_in(mail, live_server, "/auth/invitation/")

    invited = new_page(**PHONE)  # a different person on a different phone: not signed in
    response = invited.goto(link)
    assert response.status == 200
    assert invited.get_by_role("heading", level=1).inner_text() == f"Welcome to {FJORDVIK}"
    assert_accessible(invited, "accept invitation [phone]")
    invited.get_by_label("Your name").fill("Nina Nyansatt")
    invited.get_by_label("New password", exact=True).fill(STRONG_PASSWORD)
    invited.get_by_label("Repeat the new password", exact=True).fill(STRONG_PASSWORD)
    with invited.expect_navigation():
        invited.get_by_role("button", name="Accept the invitation").click()
    assert path_of(invited) == "/app/"
    assert f"Welcome to {FJORDVIK}." in flash_texts(invited)
    assert invited.get_by_role("heading", level=1).inner_text() == "Hello, Nina Nyansatt"
    school_card = invited.locator("main section.card", has=invited.get_by_role("heading", name=FJORDVIK))
    assert "Your role: Staff" in school_card.inner_text()

    again = invited.goto(link)
    assert again.status == 410
    assert invited.get_by_role("heading", level=1).inner_text() == "Link no longer valid"

    phone.reload()
    members = phone.locator("main section", has=phone.locator("#members-heading")).locator("ul.people").first
    assert invitee in members.inner_text(), "the new member is not listed at the school"
    assert_no_external_requests(phone)
    assert_no_external_requests(invited)


def create_staff_member(live_server, email: str, password: str, name: str) -> None:
    """A fresh account straight in the database, so this test never changes a demo password."""
    from intranet.auth.models import Membership, Role, User
    from intranet.auth.passwords import hash_password
    from intranet.extensions import db
    from intranet.schools.models import School

    with live_server.app.app_context():
        school = db.session.scalar(db.select(School).where(School.slug == "fjordvik-us"))
        user = User(email=email, name=name, password_hash=hash_password(password))
        user.memberships.append(Membership(role=Role.STAFF, school=school))
        db.session.add(user)
        db.session.commit()


def test_forgotten_password_is_reset_through_the_mailed_link_once(live_server, desktop, new_page):
    address = unique_email("glemsk")
    old_password = f"gammelt passord {secrets.token_hex(4)}"
    new_password = "Ny vår ved fjorden 2026!"
    create_staff_member(live_server, address, old_password, "Gunnar Glemsk")

    desktop.goto("/auth/login?lang=en")
    with desktop.expect_navigation():
        desktop.get_by_role("link", name="Forgot your password?").click()
    assert path_of(desktop) == "/auth/forgot"
    desktop.get_by_label("Email").fill(address)
    submit_main_form(desktop)
    assert path_of(desktop) == "/auth/login"
    assert any("Check your email" in text for text in flash_texts(desktop))

    link = link_in(mail_to(live_server, address), live_server, "/auth/reset/")
    response = desktop.goto(link)
    assert response.status == 200
    desktop.get_by_label("New password", exact=True).fill(new_password)
    desktop.get_by_label("Repeat the new password", exact=True).fill(new_password)
    with desktop.expect_navigation():
        desktop.get_by_role("button", name="Save password").click()
    assert path_of(desktop) == "/app/"
    assert "Your new password is saved." in flash_texts(desktop)
    assert desktop.get_by_role("heading", level=1).inner_text() == "Hello, Gunnar Glemsk"
    assert desktop.get_by_role("heading", level=2, name=FJORDVIK).is_visible()

    assert desktop.goto(link).status == 410, "a reset link must work only once"

    elsewhere = new_page(**DESKTOP)
    login(elsewhere, address, new_password)
    assert path_of(elsewhere) == "/app/"
    old = new_page(**DESKTOP)
    old.goto("/auth/login")
    old.locator("input[name=email]").fill(address)
    old.locator("input[name=password]").fill(old_password)
    assert submit_main_form(old).status == 401, "the old password still works"
    assert_no_external_requests(desktop)


def test_staff_sees_no_people_link_gets_403_on_own_school_and_404_on_another(desktop):
    login(desktop, STAFF, DEMO_PASSWORD)
    desktop.goto("/app/?lang=en")
    card = desktop.locator("main section.card", has=desktop.get_by_role("heading", name=FJORDVIK))
    assert card.get_by_role("link", name="Public page").is_visible()  # the school's card is there...
    assert desktop.get_by_role("link", name="People and invitations").count() == 0  # ...without People
    assert desktop.locator(f"a[href^='{PEOPLE}']").count() == 0

    own = desktop.goto(PEOPLE)
    assert own.status == 403
    assert desktop.get_by_role("heading", level=1).inner_text() == "Not allowed"
    assert "helse.fjordvik@example.no" not in desktop.content(), "the member list leaked"

    other = desktop.goto("/app/schools/lyngheia-vgs/people")
    assert other.status == 404
    assert desktop.get_by_role("heading", level=1).inner_text() == "Page not found"
    assert "Lyngheia" not in desktop.locator("main").inner_text()
    assert_no_external_requests(desktop)


def test_school_admin_does_see_the_people_link(desktop):
    """The other half of the staff test: the link exists for those who may use it."""
    login(desktop, RECTOR, DEMO_PASSWORD)
    desktop.goto("/app/?lang=en")
    link = desktop.get_by_role("link", name="People and invitations")
    assert link.count() == 1 and link.get_attribute("href") == PEOPLE
