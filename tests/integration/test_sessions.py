"""Sessions end on the server: signing out, signing out everywhere, a new password, a working day at most,
an hour without use; the cookie alone opens nothing once its session has ended."""

from datetime import timedelta

from sqlalchemy import select

from intranet.auth.sessions import LoginSession
from intranet.db import utcnow

from ..conftest import PASSWORD


def sign_in(app, email="staff@example.no", password=PASSWORD):
    client = app.test_client()
    response = client.post("/auth/login", data={"email": email, "password": password})
    assert response.status_code == 302, response.status_code
    return client


def cookie_of(client, app) -> str:
    return client.get_cookie(app.config["SESSION_COOKIE_NAME"], domain=app.config["SERVER_NAME"]).value


def client_with_cookie(app, value: str):
    other = app.test_client()
    other.set_cookie(app.config["SESSION_COOKIE_NAME"], value, domain=app.config["SERVER_NAME"])
    return other


def test_a_cookie_captured_before_signing_out_opens_nothing_afterwards(app, world):
    client = sign_in(app)
    captured = cookie_of(client, app)
    assert client_with_cookie(app, captured).get("/app/").status_code == 200
    client.post("/auth/logout")
    replayed = client_with_cookie(app, captured)
    assert replayed.get("/app/").status_code == 302
    assert replayed.get(f"/app/schools/{world.school.slug}/cases/").status_code == 302


def test_signing_out_ends_only_that_session(app, world):
    phone, desktop = sign_in(app), sign_in(app)
    phone.post("/auth/logout")
    assert phone.get("/app/").status_code == 302
    assert desktop.get("/app/").status_code == 200


def test_sign_out_everywhere_ends_every_session_of_the_account(app, world, db):
    phone, desktop = sign_in(app), sign_in(app)
    colleague = sign_in(app, "rector@example.no")
    page = desktop.get("/app/account?lang=en").get_data(as_text=True)
    assert "Sign out everywhere" in page and "this browser" in page
    assert desktop.post("/app/account/sessions").status_code == 302
    assert phone.get("/app/").status_code == 302
    assert desktop.get("/app/").status_code == 302
    assert colleague.get("/app/").status_code == 200
    reasons = db.session.scalars(
        select(LoginSession.ended_reason).where(LoginSession.user_id == world.users["staff"].id)
    )
    assert set(reasons) == {"everywhere"}


def test_a_new_password_ends_the_other_sessions_and_keeps_this_one(app, world):
    phone, desktop = sign_in(app), sign_in(app)
    response = desktop.post(
        "/app/account",
        data={
            "pw-current": PASSWORD,
            "pw-password": "a brand new passphrase 42",
            "pw-confirm": "a brand new passphrase 42",
        },
    )
    assert response.status_code == 302
    assert desktop.get("/app/").status_code == 200
    assert phone.get("/app/").status_code == 302


def test_a_session_ends_a_working_day_after_signing_in_however_much_it_is_used(app, world, db):
    client = sign_in(app)
    assert client.get("/app/").status_code == 200
    row = db.session.scalar(select(LoginSession).where(LoginSession.user_id == world.users["staff"].id))
    row.created_at = row.created_at - timedelta(hours=app.config["SESSION_MAX_HOURS"], minutes=1)
    db.session.commit()
    assert client.get("/app/?lang=en").status_code == 302
    said = client.get("/auth/login").get_data(as_text=True)
    assert "You were signed out: a session lasts at most 10 hours. Sign in again to go on." in said


def test_a_deactivated_account_cannot_sign_in_and_its_sessions_end(app, world, db):
    client = sign_in(app)
    admin = sign_in(app, "org@example.no")
    staff = world.users["staff"]
    response = admin.post(f"/app/schools/accounts/{staff.id}/active?org={world.org.id}", data={"active": "0"})
    assert response.status_code == 303
    assert client.get("/app/").status_code == 302
    retry = app.test_client().post("/auth/login", data={"email": "staff@example.no", "password": PASSWORD})
    assert retry.status_code == 401


def set_cookies(response, app) -> list[str]:
    name = app.config["SESSION_COOKIE_NAME"]
    return [value for value in response.headers.getlist("Set-Cookie") if value.startswith(f"{name}=")]


def test_a_request_that_changes_nothing_in_the_session_sends_no_cookie_that_could_undo_a_newer_choice(app, world):
    # A phone's service worker keeps pages with the cookie it had when it started; the reader chooses
    # nynorsk meanwhile. The worker's late responses must not put the older cookie (no language) back.
    client = sign_in(app)
    client.get("/app/")
    older = cookie_of(client, app)
    assert set_cookies(client.get("/app/?lang=nn"), app)
    late = client_with_cookie(app, older).get("/app/offline.json")
    assert late.status_code == 200
    assert set_cookies(late, app) == []
    assert set_cookies(client.get("/app/account"), app) == []
    assert 'lang="nn"' in client.get("/app/account").get_data(as_text=True)


def test_a_session_unused_for_longer_than_the_idle_limit_ends_and_one_in_use_goes_on(app, world, db):
    client = sign_in(app)
    row = db.session.scalar(select(LoginSession).where(LoginSession.user_id == world.users["staff"].id))
    idle = timedelta(minutes=app.config["SESSION_IDLE_MINUTES"])
    row.last_seen_at = row.last_seen_at - idle + timedelta(minutes=2)  # used a little under an hour ago
    db.session.commit()
    assert client.get("/app/").status_code == 200
    db.session.refresh(row)
    assert row.last_seen_at > utcnow() - timedelta(minutes=1)  # the request counts as use
    page = client.get("/app/account?lang=en").get_data(as_text=True)
    assert ", last used " in page  # the person sees when each of their sessions was last used
    row.last_seen_at = row.last_seen_at - idle - timedelta(minutes=1)
    db.session.commit()
    assert client.get("/app/?lang=en").status_code == 302
    said = client.get("/auth/login").get_data(as_text=True)
    assert "You were signed out after 60 minutes without use. Sign in again to go on." in said
    assert client.get("/app/").status_code == 302  # refused for good: a later request does not revive it
