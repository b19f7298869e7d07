"""Access is granted, never taken: nobody appoints themselves, the municipality does not appoint its own
accounts, every appointment is recorded and told to the school's administrators, people can be removed."""

import secrets
from datetime import timedelta

from sqlalchemy import func, select

from intranet.auth.access import AccessEvent
from intranet.auth.models import Invitation, Membership, Role, User, hash_token
from intranet.auth.sessions import LoginSession
from intranet.db import utcnow

from ..conftest import PASSWORD, outbox
from .test_invitations import NEW_PASSWORD, invitation_link, invite


def count(db, model, *where) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def membership_of(db, user, school) -> Membership | None:
    return db.session.scalar(select(Membership).where(Membership.user_id == user.id, Membership.school_id == school.id))


def test_a_municipality_admin_cannot_appoint_their_own_address_as_school_admin(client, world, login, db, app):
    login(world.users["org_admin"])
    response = client.post(
        f"/app/schools/{world.school.slug}/invitations?lang=en",
        data={"email": "ORG@example.no", "name": "Me", "role": "school_admin"},
    )
    assert response.status_code == 400
    assert "You cannot give yourself access." in response.get_data(as_text=True)
    assert count(db, Invitation) == 0 and outbox(app) == []
    assert client.get(f"/app/schools/{world.school.slug}/cases/").status_code == 403


def test_a_municipality_admin_cannot_appoint_another_municipality_account(client, world, login, create_user, db):
    colleague = create_user(Role.ORG_ADMIN, organisation=world.org, email="org2@example.no", name="Kari Kommune")
    login(world.users["org_admin"])
    response = invite(client, world, email=colleague.email, role="school_admin")
    assert response.status_code == 400
    assert "Kari Kommune" in response.get_data(as_text=True)
    assert count(db, Invitation) == 0


def test_an_invitation_to_oneself_made_before_the_rule_cannot_be_accepted(app, world, db):
    """A link still pending from earlier, inviting the inviter: using it gives nothing."""
    org_admin = world.users["org_admin"]
    token = secrets.token_urlsafe(16)
    db.session.add(
        Invitation(
            email=org_admin.email,
            role=Role.SCHOOL_ADMIN,
            school_id=world.school.id,
            invited_by_id=org_admin.id,
            token_hash=hash_token(token),
            expires_at=utcnow() + timedelta(hours=1),
        )
    )
    db.session.commit()
    response = app.test_client().post(f"/auth/invitation/{token}?lang=en", data={"password": PASSWORD})
    assert response.status_code == 400
    assert "You cannot give yourself access." in response.get_data(as_text=True)
    assert membership_of(db, org_admin, world.school) is None


def test_the_municipality_still_appoints_a_new_schools_first_administrator(app, client, world, login, db):
    login(world.users["org_admin"])
    assert invite(client, world, email="new.rector@example.no", role="school_admin").status_code == 302
    link = invitation_link(app)
    app.test_client().post(link, data={"name": "Nils Ny", "password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    user = db.session.scalar(select(User).where(User.email == "new.rector@example.no"))
    membership = membership_of(db, user, world.school)
    assert membership.role == Role.SCHOOL_ADMIN
    assert membership.granted_by_id == world.users["org_admin"].id and membership.granted_at is not None


def test_an_appointment_is_mailed_shown_on_the_dashboard_and_on_the_access_page(app, client, world, login, db):
    login(world.users["org_admin"])
    invite(client, world, email="deputy@example.no", role="school_admin", name="Dina Deputy")
    link = invitation_link(app)
    app.test_client().post(link, data={"name": "Dina Deputy", "password": NEW_PASSWORD, "confirm": NEW_PASSWORD})

    told = [mail for mail in outbox(app) if mail["To"] == "rector@example.no"]
    assert len(told) == 1
    assert "Dina Deputy" in told[0].get_content() and "Olav Kommune" in told[0].get_content()

    rector = app.test_client()
    rector.post("/auth/login", data={"email": "rector@example.no", "password": PASSWORD})
    dashboard = rector.get("/app/?lang=en").get_data(as_text=True)
    assert (
        "New administrators" in dashboard
        and "Dina Deputy became school administrator, given by Olav Kommune" in dashboard
    )
    access = rector.get(f"/app/schools/{world.school.slug}/access?lang=en").get_data(as_text=True)
    assert "appointed by Olav Kommune" in access
    assert "Olav Kommune invited deputy@example.no as school administrator." in access


def test_promoting_staff_is_an_appointment_and_demoting_the_last_admin_is_refused(app, client, world, login, db):
    login(world.users["school_admin"])
    staff, rector = world.users["staff"], world.users["school_admin"]
    rector_membership = membership_of(db, rector, world.school)
    refused = client.post(
        f"/app/schools/{world.school.slug}/people/{rector_membership.id}/role?lang=en", data={"role": "staff"}
    )
    assert refused.status_code == 409
    assert "only administrator" in refused.get_data(as_text=True)

    promoted = client.post(
        f"/app/schools/{world.school.slug}/people/{membership_of(db, staff, world.school).id}/role",
        data={"role": "school_admin"},
    )
    assert promoted.status_code == 303
    db.session.expire_all()
    assert membership_of(db, staff, world.school).role == Role.SCHOOL_ADMIN
    assert count(db, AccessEvent, AccessEvent.kind == "role_changed") == 1
    now_demoted = client.post(
        f"/app/schools/{world.school.slug}/people/{rector_membership.id}/role", data={"role": "staff"}
    )
    assert now_demoted.status_code == 303  # two administrators now: one may step down


def test_the_municipality_cannot_promote_its_own_account_held_as_staff(client, world, login, db, create_user):
    org_admin = world.users["org_admin"]
    db.session.add(Membership(user_id=org_admin.id, school_id=world.school.id, role=Role.STAFF))
    db.session.commit()
    login(org_admin)
    membership = membership_of(db, org_admin, world.school)
    response = client.post(
        f"/app/schools/{world.school.slug}/people/{membership.id}/role?lang=en", data={"role": "school_admin"}
    )
    assert response.status_code == 409
    assert "You cannot give yourself access." in response.get_data(as_text=True)
    db.session.expire_all()
    assert membership_of(db, org_admin, world.school).role == Role.STAFF


def test_removing_a_person_ends_their_sessions_and_is_recorded(app, client, world, login, db):
    staff = world.users["staff"]
    phone = app.test_client()
    phone.post("/auth/login", data={"email": staff.email, "password": PASSWORD})
    assert phone.get(f"/app/schools/{world.school.slug}/cases/").status_code == 200
    login(world.users["school_admin"])
    response = client.post(
        f"/app/schools/{world.school.slug}/people/{membership_of(db, staff, world.school).id}/remove"
    )
    assert response.status_code == 303
    assert phone.get("/app/").status_code == 302
    assert membership_of(db, staff, world.school) is None
    assert count(db, LoginSession, LoginSession.user_id == staff.id, LoginSession.ended_at.is_(None)) == 0
    entry = db.session.scalar(select(AccessEvent).where(AccessEvent.kind == "removed"))
    assert entry.data["subject_name"] == "Stina Staff" and entry.actor_id == world.users["school_admin"].id


def test_the_last_administrator_cannot_be_removed(client, world, login, db):
    login(world.users["org_admin"])
    rector = membership_of(db, world.users["school_admin"], world.school)
    response = client.post(f"/app/schools/{world.school.slug}/people/{rector.id}/remove?lang=en")
    assert response.status_code == 409
    assert "Appoint another one first." in response.get_data(as_text=True)
    assert membership_of(db, world.users["school_admin"], world.school) is not None


def test_a_municipality_admin_cannot_deactivate_people_elsewhere_or_themselves(client, world, login, db):
    login(world.users["org_admin"])
    far = world.users["org_admin_other_org"]
    assert (
        client.post(f"/app/schools/accounts/{far.id}/active?org={world.org.id}", data={"active": "0"}).status_code
        == 404
    )
    me = world.users["org_admin"]
    assert (
        client.post(f"/app/schools/accounts/{me.id}/active?org={world.org.id}", data={"active": "0"}).status_code == 403
    )
    db.session.expire_all()
    assert db.session.get(User, far.id).active and db.session.get(User, me.id).active
