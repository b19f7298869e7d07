"""With Feide only, no way in runs through a password: not an invitation, not an older reset link."""

from intranet.auth.models import Invitation, Role, hash_token
from intranet.auth.tokens import make_reset_token
from intranet.db import utcnow
from intranet.extensions import db
from intranet.feide.models import SignInMode, SignInSetting

from ...conftest import PASSWORD


def feide_only(world):
    db.session.add(SignInSetting(organisation_id=world.org.id, mode=SignInMode.FEIDE, auto_staff=False))
    db.session.commit()


def test_an_invitation_is_accepted_with_feide_only(world, client):
    db.session.add(
        Invitation(
            email="ny@example.no",
            role=Role.STAFF,
            school_id=world.school.id,
            token_hash=hash_token("the-token"),
            expires_at=utcnow().replace(year=2099),
        )
    )
    db.session.commit()
    feide_only(world)
    page = client.get("/auth/invitation/the-token").get_data(as_text=True)
    assert 'name="password"' not in page
    data = {"name": "Ny Person", "password": PASSWORD, "confirm": PASSWORD}
    response = client.post("/auth/invitation/the-token", data=data, headers={"Accept-Language": "en"})
    assert response.status_code == 400 and "signs in with Feide only" in response.get_data(as_text=True)
    assert db.session.scalar(db.select(Invitation)).accepted_at is None


def test_an_older_reset_link_no_longer_sets_a_password(world, client, app):
    teacher = world.users["staff"]
    with app.test_request_context():
        token = make_reset_token(teacher)
    feide_only(world)
    assert client.get(f"/auth/reset/{token}").status_code == 410
    response = client.post(f"/auth/reset/{token}", data={"password": "a new long password", "confirm": "x"})
    assert response.status_code == 410
