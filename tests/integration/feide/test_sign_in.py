"""Signing in with Feide: linking to an account or invitation, automatic staff membership, the rules."""

import secrets

import pytest

from intranet.auth.access import AccessEvent
from intranet.auth.models import Invitation, Role, User, hash_token
from intranet.db import utcnow
from intranet.extensions import db
from intranet.feide.models import FeideLink, SignInMode, SignInSetting

from .conftest import failure_kind


def count(model) -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(model))


@pytest.fixture
def auto_staff(fjordvik):
    """The municipality gives employees at its linked schools a staff account."""
    db.session.get(SignInSetting, fjordvik.org.id).auto_staff = True
    db.session.commit()
    return fjordvik


def invite(world, email: str, role=Role.STAFF, token_hash: str | None = None) -> None:
    db.session.add(
        Invitation(
            email=email,
            role=role,
            school_id=world.school.id,
            token_hash=token_hash or secrets.token_hex(32),
            invited_by_id=world.users["school_admin"].id,
            expires_at=utcnow().replace(year=2099),
        )
    )
    db.session.commit()


def refused_without_trace(response, kind: str) -> bool:
    return failure_kind(response) == kind and count(User) == 5 and count(FeideLink) == 0


def test_teacher_with_an_account_signs_in_and_is_linked_once(fjordvik, browser_for, create_user):
    teacher = create_user(Role.STAFF, school=fjordvik.school, email="larer.fjordvik@example.no", name="Ingrid")
    browser = browser_for()
    response = browser.sign_in("larer.fjordvik")
    assert response.status_code == 302 and response.headers["Location"].endswith("/app/")
    link = db.session.scalar(db.select(FeideLink))
    assert (link.user_id, link.feide_name) == (teacher.id, "larer.fjordvik@fjordvik.kommune.no")
    assert browser.client.get("/app/").status_code == 200  # signed in
    page = browser.client.get("/app/account", headers=browser.headers).get_data(as_text=True)
    assert "Linked to the Feide account larer.fjordvik@fjordvik.kommune.no" in page

    browser.client.post("/auth/logout")
    again = browser_for().sign_in("larer.fjordvik")  # by the Feide identity now
    assert again.status_code == 302
    assert count(FeideLink) == 1 and count(User) == 6
    assert [e.kind for e in db.session.scalars(db.select(AccessEvent))].count("feide_linked") == 1


def test_invitation_is_accepted_by_signing_in_with_feide(fjordvik, browser_for, create_user):
    invite(fjordvik, "ivar.invitert@fjordvik.kommune.no", Role.SCHOOL_ADMIN)
    response = browser_for().sign_in("invitert")
    assert response.status_code == 302
    user = db.session.scalar(db.select(User).where(User.email == "ivar.invitert@fjordvik.kommune.no"))
    # the role the administrator chose in the app, not anything Feide says
    assert [(m.school_id, m.role) for m in user.memberships] == [(fjordvik.school.id, Role.SCHOOL_ADMIN)]
    assert user.password_hash is None and user.feide_link.subject.startswith("a1f0c3f2-0005")
    assert db.session.scalar(db.select(Invitation)).accepted_at is not None


def test_employee_without_account_becomes_staff_when_the_municipality_chose_it(auto_staff, browser_for):
    fjordvik = auto_staff
    response = browser_for().sign_in("ny.larer")
    assert response.status_code == 302
    user = db.session.scalar(db.select(User).where(User.email == "nora.nyberg@fjordvik.kommune.no"))
    assert [(m.school_id, m.role) for m in user.memberships] == [(fjordvik.school.id, Role.STAFF)]
    assert user.name == "Nora Nyberg"


def test_employee_without_account_is_refused_when_automatic_membership_is_off(fjordvik, browser_for):
    response = browser_for().sign_in("ny.larer")
    assert response.status_code == 400 and refused_without_trace(response, "no_school")
    assert "not linked to any school" in response.get_data(as_text=True)


def test_teacher_at_no_linked_school_is_refused(auto_staff, browser_for):
    response = browser_for("nb").sign_in("vikar")
    assert refused_without_trace(response, "no_school")
    assert "ikke knyttet til noen skole" in response.get_data(as_text=True)  # bokmål, the reader's language


def test_a_pupil_never_gets_an_account(auto_staff, browser_for):
    response = browser_for().sign_in("elev")
    assert refused_without_trace(response, "student")
    assert "Pupils cannot sign in here" in response.get_data(as_text=True)


def test_password_only_municipality_refuses_feide(world, browser_for, create_user):
    create_user(Role.STAFF, school=world.school, email="larer.fjordvik@example.no")
    response = browser_for().sign_in("larer.fjordvik")
    assert failure_kind(response) == "not_feide" and count(FeideLink) == 0


def test_feide_only_stops_passwords_and_reset_mails(fjordvik, feide_client, create_user, app):
    from ...conftest import PASSWORD, outbox

    create_user(Role.STAFF, school=fjordvik.school, email="larer.fjordvik@example.no")
    db.session.get(SignInSetting, fjordvik.org.id).mode = SignInMode.FEIDE
    db.session.commit()
    response = feide_client.post(
        "/auth/login",
        data={"email": "larer.fjordvik@example.no", "password": PASSWORD},
        headers={"Accept-Language": "en"},
    )
    # a failed sign-in (401), counted by the per-account throttle like a wrong password
    assert response.status_code == 401 and "signs in with Feide only" in response.get_data(as_text=True)
    feide_client.post("/auth/forgot", data={"email": "larer.fjordvik@example.no"})
    assert outbox(feide_client.application) == []
    wrong = feide_client.post("/auth/login", data={"email": "larer.fjordvik@example.no", "password": "wrong one!"})
    assert wrong.status_code == 401  # a wrong password says nothing about the mode


def test_sign_out_offers_feide_sign_out(fjordvik, browser_for, create_user, local_feide):
    create_user(Role.STAFF, school=fjordvik.school, email="larer.fjordvik@example.no")
    browser = browser_for()
    browser.sign_in("larer.fjordvik")
    assert browser.client.post("/auth/logout").status_code == 302
    page = browser.client.get("/auth/login", headers=browser.headers).get_data(as_text=True)
    assert f'href="{local_feide.issuer}/session/end?id_token_hint=' in page
    assert "Sign out of Feide too" in page
    assert browser.client.get("/app/").status_code == 302  # the app's session has ended


def test_invitation_to_the_feide_name_is_accepted_too(fjordvik, browser_for):
    """Feide names (user@realm) are often the e-mail address the school knows; an invitation to it counts."""
    invite(fjordvik, "invitert@fjordvik.kommune.no")
    assert browser_for().sign_in("invitert").status_code == 302
    user = db.session.scalar(db.select(User).where(User.email == "ivar.invitert@fjordvik.kommune.no"))
    assert [(m.school_id, m.role) for m in user.memberships] == [(fjordvik.school.id, Role.STAFF)]


def test_invitation_page_offers_feide(fjordvik, feide_client):
    invite(fjordvik, "ny@fjordvik.kommune.no", token_hash=hash_token("the-token"))
    page = feide_client.get("/auth/invitation/the-token", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Accept with Feide" in page and 'href="/auth/feide"' in page


def test_an_account_links_to_one_feide_identity_only(fjordvik, browser_for, create_user):
    rector = create_user(Role.SCHOOL_ADMIN, school=fjordvik.school, email="rektor.fjordvik@example.no")
    db.session.add(FeideLink(user_id=rector.id, subject="someone-else", feide_name="other@feide"))
    db.session.commit()
    response = browser_for().sign_in("rektor.fjordvik")
    assert failure_kind(response) == "linked_elsewhere"
    assert db.session.scalar(db.select(FeideLink)).subject == "someone-else"


def test_a_deactivated_account_stays_out(fjordvik, browser_for, create_user):
    teacher = create_user(Role.STAFF, school=fjordvik.school, email="larer.fjordvik@example.no")
    teacher.active = False
    db.session.commit()
    response = browser_for().sign_in("larer.fjordvik")
    assert failure_kind(response) == "inactive" and count(FeideLink) == 0


def test_a_rector_keeps_the_rights_given_in_the_app_and_gets_none_from_feide(auto_staff, browser_for, create_user):
    rector = create_user(Role.SCHOOL_ADMIN, school=auto_staff.school, email="rektor.fjordvik@example.no")
    assert browser_for().sign_in("rektor.fjordvik").status_code == 302
    db.session.expire_all()
    assert [(m.school_id, m.role) for m in db.session.get(User, rector.id).memberships] == [
        (auto_staff.school.id, Role.SCHOOL_ADMIN)
    ]
    new = db.session.scalar(db.select(User).where(User.email == "nora.nyberg@fjordvik.kommune.no"))
    assert new is None  # nobody else was made


def test_the_page_asked_for_opens_after_signing_in_and_only_on_this_site(fjordvik, feide_client, create_user):
    from .conftest import FeideBrowser

    create_user(Role.STAFF, school=fjordvik.school, email="larer.fjordvik@example.no")
    for asked, landed in (("/app/account", "/app/account"), ("//evil.example/x", "/app/")):
        browser = FeideBrowser(feide_client.application.test_client())
        location = browser.client.get(f"/auth/feide?next={asked}").headers["Location"]
        response = browser.back(browser.at_provider(location, "larer.fjordvik"))
        assert response.headers["Location"] in (landed, f"http://intranet.test{landed}")


def test_abandoned_sign_ins_do_not_pile_up_in_the_cookie(fjordvik, feide_client):
    for _ in range(3):
        feide_client.get("/auth/feide")
    with feide_client.session_transaction() as session:
        assert len([key for key in session if key.startswith("_state_feide_")]) == 1
