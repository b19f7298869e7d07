"""Signing in, invitations, password reset and who sees what, clicked through in a real browser.

Form fields are found by their `name` (labels are checked by axe in test_accessibility and their
wording may change); the pages are asked for in English (?lang=en, browser locale en-US).
"""

import secrets
from urllib.parse import parse_qs, urlsplit

from intranet.demo import DEMO_PASSWORD

from .conftest import (
    DESKTOP,
    PHONE,
    assert_accessible,
    assert_no_external_requests,
    link_in,
    login,
    mail_to,
    submit_main_form,
    unique_email,
)
from .pages import RECTOR, STAFF

FJORDVIK = "Fjordvik ungdomsskole"
PEOPLE = "/app/schools/fjordvik-us/people"
STRONG_PASSWORD = "Fjell og fjord 2026!"


def path_of(page) -> str:
    return urlsplit(page.url).path


def heading(page) -> str:
    return page.locator("main h1").inner_text()


def flashes(page, category: str) -> str:
    return " ".join(page.locator(f"main .flashes .flash-{category}").all_inner_texts())


def test_anonymous_visitor_is_sent_to_login_and_lands_back_on_the_page_asked_for(desktop):
    response = desktop.goto(PEOPLE)
    assert response.status == 200
    assert path_of(desktop) == "/auth/login"
    assert parse_qs(urlsplit(desktop.url).query)["next"] == [PEOPLE]
    assert flashes(desktop, "info"), "the login page should say why the visitor is there"
    assert FJORDVIK not in desktop.content()

    login(desktop, RECTOR, DEMO_PASSWORD, navigate=False)
    assert path_of(desktop) == PEOPLE
    assert FJORDVIK in heading(desktop)
    assert desktop.locator("main input[name=email]").count() == 1  # the invitation form is there
    assert_no_external_requests(desktop)


def test_rector_invites_staff_on_a_phone_and_the_invitee_joins_through_the_mailed_link(live_server, phone, new_page):
    login(phone, RECTOR, DEMO_PASSWORD)
    phone.goto("/app/?lang=en")
    with phone.expect_navigation():
        phone.get_by_role("link", name="People and invitations").click()
    assert path_of(phone) == PEOPLE

    invitee = unique_email("nyansatt")
    invite_form = phone.locator("main form:has(input[name=email])")
    invite_form.locator("input[name=name]").fill("Nina Nyansatt")
    invite_form.locator("input[name=email]").fill(invitee)
    invite_form.locator("select[name=role]").select_option("staff")
    with phone.expect_navigation() as sent:
        invite_form.locator("button[type=submit]").click()
    assert sent.value.status == 200
    assert path_of(phone) == PEOPLE
    assert invitee in flashes(phone, "success")
    pending = phone.locator("main ul.people li", has_text=invitee)
    assert pending.count() == 1 and "Staff" in pending.inner_text()

    mail = mail_to(live_server, invitee)
    assert FJORDVIK in mail["Subject"]
    link = link_in(mail, live_server, "/auth/invitation/")

    invited = new_page(**PHONE)  # a different person on a different phone: not signed in
    response = invited.goto(link)
    assert response.status == 200
    assert FJORDVIK in heading(invited)
    assert_accessible(invited, "accept invitation [phone]")
    invited.locator("input[name=name]").fill("Nina Nyansatt")
    invited.locator("input[name=password]").fill(STRONG_PASSWORD)
    invited.locator("input[name=confirm]").fill(STRONG_PASSWORD)
    submit_main_form(invited)
    assert path_of(invited) == "/app/", f"not accepted: {invited.locator('main .error').all_inner_texts()}"
    assert FJORDVIK in flashes(invited, "success")
    assert "Nina Nyansatt" in heading(invited)
    school_card = invited.locator("main section.card", has=invited.get_by_role("heading", name=FJORDVIK))
    assert "Staff" in school_card.inner_text()

    again = invited.goto(link)
    assert again.status == 410, "an invitation link must work only once"
    assert invited.locator("main a[href='/auth/forgot']").count() == 1  # the page offers a way on

    phone.reload()
    entries = phone.locator("main ul.people li", has_text=invitee)
    assert entries.count() == 1, "the new member should be listed once"
    assert entries.locator("form[action$='/revoke']").count() == 0, "still listed as a pending invitation"
    assert entries.locator("form[action$='/remove']").count() == 1, "a member the rector can take off the school"
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


def try_login(page, email: str, password: str) -> int:
    page.goto("/auth/login")
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=password]").fill(password)
    return submit_main_form(page).status


def test_forgotten_password_is_reset_through_the_mailed_link_once(live_server, desktop, new_page):
    address = unique_email("glemsk")
    old_password = f"gammelt passord {secrets.token_hex(4)}"
    new_password = "Ny vår ved fjorden 2026!"
    create_staff_member(live_server, address, old_password, "Gunnar Glemsk")

    desktop.goto("/auth/login?lang=en")
    with desktop.expect_navigation():
        desktop.locator("main a[href='/auth/forgot']").click()
    assert path_of(desktop) == "/auth/forgot"
    desktop.locator("input[name=email]").fill(address)
    submit_main_form(desktop)
    assert path_of(desktop) == "/auth/login"
    assert flashes(desktop, "success"), "no confirmation that the link is on its way"

    link = link_in(mail_to(live_server, address), live_server, "/auth/reset/")
    response = desktop.goto(link)
    assert response.status == 200
    desktop.locator("input[name=password]").fill(new_password)
    desktop.locator("input[name=confirm]").fill(new_password)
    submit_main_form(desktop)
    assert path_of(desktop) == "/app/", f"not saved: {desktop.locator('main .error').all_inner_texts()}"
    assert flashes(desktop, "success")
    assert "Gunnar Glemsk" in heading(desktop)
    assert desktop.get_by_role("heading", level=2, name=FJORDVIK).is_visible()

    assert desktop.goto(link).status == 410, "a reset link must work only once"
    assert try_login(new_page(**DESKTOP), address, old_password) == 401, "the old password still works"
    elsewhere = new_page(**DESKTOP)
    login(elsewhere, address, new_password)
    assert path_of(elsewhere) == "/app/"
    assert_no_external_requests(desktop)


def test_staff_sees_no_people_link_gets_403_on_own_school_and_404_on_another(desktop):
    login(desktop, STAFF, DEMO_PASSWORD)
    desktop.goto("/app/?lang=en")
    card = desktop.locator("main section.card", has=desktop.get_by_role("heading", name=FJORDVIK))
    assert card.locator("a[href='/fjordvik-us/']").is_visible()  # the school's card is there...
    assert desktop.get_by_role("link", name="People and invitations").count() == 0  # ...without People
    assert desktop.locator(f"a[href^='{PEOPLE}']").count() == 0

    own = desktop.goto(PEOPLE)
    assert own.status == 403
    assert "helse.fjordvik@example.no" not in desktop.content(), "the member list leaked"

    other = desktop.goto("/app/schools/lyngheia-vgs/people")
    assert other.status == 404
    assert "Lyngheia" not in desktop.locator("main").inner_text()
    assert_no_external_requests(desktop)


def test_school_admin_does_see_the_people_link(desktop):
    """The other half of the staff test: the link exists for those who may use it."""
    login(desktop, RECTOR, DEMO_PASSWORD)
    desktop.goto("/app/?lang=en")
    link = desktop.get_by_role("link", name="People and invitations")
    assert link.count() == 1 and link.get_attribute("href") == PEOPLE


def test_rector_takes_a_teacher_off_the_school_and_the_teachers_phone_is_signed_out(live_server, desktop, new_page):
    """The teacher is signed in on a phone; the rector removes them (asked to confirm first); the phone's
    next tap lands on the sign-in page, and the rector's access record says who did it."""
    email = unique_email("slutter")
    create_staff_member(live_server, email, STRONG_PASSWORD, "Sara Slutter")
    phone = new_page(**PHONE)
    login(phone, email, STRONG_PASSWORD)
    assert phone.goto("/app/schools/fjordvik-us/cases/?lang=en").status == 200
    assert path_of(phone) == "/app/schools/fjordvik-us/cases/"

    login(desktop, RECTOR, DEMO_PASSWORD)
    desktop.goto(PEOPLE + "?lang=en")
    row = desktop.locator("main ul.people li", has_text=email)
    confirm = row.get_by_role("button", name="Yes, remove Sara Slutter")
    assert not confirm.is_visible(), "removing asks first"
    row.locator("summary").click()
    with desktop.expect_navigation():
        confirm.click()
    assert "Sara Slutter" in flashes(desktop, "success")
    assert desktop.locator("main ul.people li", has_text=email).count() == 0

    phone.goto("/app/schools/fjordvik-us/cases/")
    assert path_of(phone) == "/auth/login", "the removed teacher's session ended on the server"
    desktop.goto("/app/schools/fjordvik-us/access?lang=en")
    assert "removed Sara Slutter" in desktop.locator("main").inner_text()
    assert_accessible(desktop, "access page after a removal [desktop]")
    assert_no_external_requests(desktop)
