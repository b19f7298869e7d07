"""Inviting people to a school: a mailed link that works once, expires, and never stores the token."""

import hashlib
import re
from datetime import timedelta

from sqlalchemy import func, select

from intranet.auth.models import Invitation, Membership, Role, User
from intranet.db import utcnow

from ..conftest import PASSWORD, outbox

NEW_PASSWORD = "Fjell og fjord 2026!"


def invitation_link(app) -> str:
    body = outbox(app)[-1].get_content()
    return re.search(r"http://intranet\.test(/auth/invitation/\S+)", body).group(1)


def invite(client, world, email="new.teacher@example.no", role="staff", name="Nora Ny"):
    return client.post(
        f"/app/schools/{world.school.slug}/invitations", data={"email": email, "name": name, "role": role}
    )


def test_school_admin_invites_staff_who_sets_a_password_and_lands_on_the_dashboard(app, client, world, login, db):
    login(world.users["school_admin"])
    response = invite(client, world)
    assert response.status_code == 302
    mail = outbox(app)[-1]
    assert mail["To"] == "new.teacher@example.no"
    assert world.school.name in mail["Subject"]
    link = invitation_link(app)

    invitee = app.test_client()
    page = invitee.get(link)
    assert page.status_code == 200
    assert 'value="Nora Ny"' in page.get_data(as_text=True)  # the name the rector typed
    response = invitee.post(link, data={"name": "Nora Ny", "password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.status_code == 302 and response.location == "/app/"
    dashboard = invitee.get("/app/").get_data(as_text=True)
    assert world.school.name in dashboard

    user = db.session.scalar(select(User).where(User.email == "new.teacher@example.no"))
    assert [(m.school_id, m.role) for m in user.memberships] == [(world.school.id, Role.STAFF)]


def test_the_token_is_stored_only_as_a_hash(app, client, world, login, db):
    login(world.users["school_admin"])
    invite(client, world)
    token = invitation_link(app).rsplit("/", 1)[1]
    invitation = db.session.scalar(select(Invitation))
    assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in invitation.token_hash


def test_invitation_link_works_only_once(app, client, world, login):
    login(world.users["school_admin"])
    invite(client, world)
    link = invitation_link(app)
    first = app.test_client()
    first.post(link, data={"name": "Nora", "password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    again = app.test_client()
    assert again.get(link).status_code == 410
    response = again.post(link, data={"name": "Mallory", "password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.status_code == 410


def test_expired_invitation_is_refused(app, client, world, login, db):
    login(world.users["school_admin"])
    invite(client, world)
    link = invitation_link(app)
    invitation = db.session.scalar(select(Invitation))
    invitation.expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    response = app.test_client().get(link + "?lang=en")
    assert response.status_code == 410
    assert "Link no longer valid" in response.get_data(as_text=True)


def test_unknown_invitation_token_is_404(client, world):
    assert client.get("/auth/invitation/made-up-token").status_code == 404


def test_withdrawn_invitation_no_longer_works(app, client, world, login, db):
    login(world.users["school_admin"])
    invite(client, world)
    link = invitation_link(app)
    invitation_id = db.session.scalar(select(Invitation.id))
    response = client.post(f"/app/schools/{world.school.slug}/invitations/{invitation_id}/revoke")
    assert response.status_code == 302
    assert app.test_client().get(link).status_code == 410


def test_inviting_again_replaces_the_pending_invitation(app, client, world, login, db):
    login(world.users["school_admin"])
    invite(client, world)
    first_link = invitation_link(app)
    invite(client, world)
    assert app.test_client().get(first_link).status_code == 410
    assert app.test_client().get(invitation_link(app)).status_code == 200


def test_weak_password_on_invitation_keeps_the_name_and_creates_nothing(app, client, world, login, db):
    login(world.users["school_admin"])
    invite(client, world)
    link = invitation_link(app)
    response = app.test_client().post(
        link + "?lang=en", data={"name": "Nora Ny", "password": "kort", "confirm": "kort"}
    )
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Use at least 10 characters." in page
    assert 'value="Nora Ny"' in page
    assert db.session.scalar(select(func.count()).select_from(User).where(User.email == "new.teacher@example.no")) == 0


def test_existing_account_accepts_with_its_own_password(app, client, world, login, db):
    login(world.users["school_admin"])
    invite(client, world, email="other@example.no")  # staff at the other school already
    link = invitation_link(app)
    visitor = app.test_client()
    page = visitor.get(link + "?lang=en").get_data(as_text=True)
    assert "You already have an account." in page
    wrong = visitor.post(link + "?lang=en", data={"password": "not mine at all"})
    assert wrong.status_code == 400
    assert "The password is wrong." in wrong.get_data(as_text=True)
    right = visitor.post(link, data={"password": PASSWORD})
    assert right.status_code == 302
    user = db.session.scalar(select(User).where(User.email == "other@example.no"))
    assert {m.school_id for m in user.memberships} == {world.school.id, world.other_school.id}


def test_inviting_a_current_member_is_refused(app, client, world, login):
    login(world.users["school_admin"])
    response = client.post(
        f"/app/schools/{world.school.slug}/invitations?lang=en",
        data={"email": "staff@example.no", "name": "", "role": "staff"},
    )
    assert response.status_code == 400
    assert "staff@example.no is already a member of this school." in response.get_data(as_text=True)
    assert outbox(app) == []


def test_invalid_email_is_refused_keeping_what_was_typed(app, client, world, login, db):
    login(world.users["school_admin"])
    response = client.post(
        f"/app/schools/{world.school.slug}/invitations?lang=en",
        data={"email": "not-an-email", "name": "Nora Ny", "role": "staff"},
    )
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Enter a valid email address." in page
    assert 'value="not-an-email"' in page and 'value="Nora Ny"' in page
    assert db.session.scalar(select(func.count()).select_from(Invitation)) == 0
    assert outbox(app) == []


def test_school_admin_can_appoint_another_school_admin(app, client, world, login, db):
    login(world.users["school_admin"])
    invite(client, world, email="deputy@example.no", role="school_admin")
    link = invitation_link(app)
    app.test_client().post(link, data={"name": "Dina Deputy", "password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    membership = db.session.scalar(
        select(Membership).join(User, Membership.user_id == User.id).where(User.email == "deputy@example.no")
    )
    assert membership.role == Role.SCHOOL_ADMIN


def test_invitation_mail_is_in_the_schools_default_language(app, client, world, login, create_school, db):
    school = create_school(
        world.org, name="Bekkely skule", slug="bekkely-skule", languages="nn,nb", default_language="nn"
    )
    login(world.users["org_admin"])
    client.post(
        f"/app/schools/{school.slug}/invitations?lang=en", data={"email": "ny@example.no", "name": "", "role": "staff"}
    )
    mail = outbox(app)[-1]
    assert mail["Subject"] == "Invitasjon til Bekkely skule"
    assert "Opne lenkja" in mail.get_content()
