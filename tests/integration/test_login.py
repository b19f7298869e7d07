"""Signing in and out, throttling, and being sent back where you were going."""

from sqlalchemy import select

from intranet.auth.models import User

from ..conftest import PASSWORD


def test_anonymous_visitor_is_sent_to_login_and_back_after_signing_in(client, world):
    target = f"/app/schools/{world.school.slug}/people"
    response = client.get(target)
    assert response.status_code == 302
    login_url = response.location
    assert login_url == f"/auth/login?next={target}"
    response = client.post(login_url, data={"email": "rector@example.no", "password": PASSWORD})
    assert response.status_code == 302
    assert response.location == target
    assert client.get(target).status_code == 200


def test_email_is_case_and_space_insensitive(client, world):
    response = client.post("/auth/login", data={"email": "  Rector@Example.NO ", "password": PASSWORD})
    assert response.status_code == 302
    assert response.location == "/app/"


def test_wrong_password_says_so_and_keeps_the_email_but_not_the_password(client, world):
    response = client.post("/auth/login?lang=en", data={"email": "rector@example.no", "password": "wrong one"})
    assert response.status_code == 401
    page = response.get_data(as_text=True)
    assert "The email address or password is wrong." in page
    assert 'value="rector@example.no"' in page
    assert "wrong one" not in page
    assert client.get("/app/").status_code == 302  # still signed out


def test_unknown_email_gets_the_same_message_in_the_users_language(client, world):
    response = client.post("/auth/login?lang=nn", data={"email": "nobody@example.no", "password": "whatever12"})
    assert response.status_code == 401
    page = response.get_data(as_text=True)
    assert '<html lang="nn"' in page
    assert "The email address or password is wrong." not in page  # translated, not English
    assert 'value="nobody@example.no"' in page


def test_empty_login_form_gets_field_messages(client, world):
    response = client.post("/auth/login?lang=en", data={"email": "", "password": ""})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Enter your email address." in page
    assert "Enter your password." in page
    assert 'aria-invalid="true"' in page


def test_deactivated_account_cannot_sign_in(client, world, db):
    user = world.users["staff"]
    db.session.get(User, user.id).active = False
    db.session.commit()
    response = client.post("/auth/login", data={"email": "staff@example.no", "password": PASSWORD})
    assert response.status_code == 401


def test_login_is_throttled_after_ten_attempts_a_minute(client, world, rate_limited):
    for n in range(10):  # ten accounts, so only the limit per address applies (see test_throttling.py)
        assert client.post("/auth/login", data={"email": f"guess{n}@example.no", "password": "bad"}).status_code == 401
    response = client.post("/auth/login?lang=en", data={"email": "rector@example.no", "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many attempts" in response.get_data(as_text=True)
    assert client.get("/auth/login").status_code == 200  # reading the page is never throttled


def test_next_parameter_never_leads_to_another_site(client, world):
    for evil in ("https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)"):
        fresh = client.application.test_client()
        response = fresh.post(f"/auth/login?next={evil}", data={"email": "rector@example.no", "password": PASSWORD})
        assert response.status_code == 302
        assert response.location in ("/app/", evil) and response.location.startswith("/")
        assert "evil" not in response.location


def test_signing_in_records_the_time(client, world, db):
    client.post("/auth/login", data={"email": "rector@example.no", "password": PASSWORD})
    db.session.expire_all()
    user = db.session.scalar(select(User).where(User.email == "rector@example.no"))
    assert user.last_login_at is not None


def test_logout_needs_a_post_and_ends_the_session(client, world, login):
    login(world.users["staff"])
    assert client.get("/auth/logout").status_code == 405
    assert client.get("/app/").status_code == 200
    response = client.post("/auth/logout")
    assert response.status_code == 302
    assert client.get("/app/").status_code == 302


def test_logout_keeps_the_chosen_language(client, world, login):
    login(world.users["staff"])
    client.get("/app/?lang=en")
    client.post("/auth/logout")
    assert '<html lang="en"' in client.get("/auth/login").get_data(as_text=True)


def test_signing_in_keeps_the_language_chosen_on_the_login_page(client, world):
    assert '<html lang="nn"' in client.get("/auth/login?lang=nn").get_data(as_text=True)
    response = client.post("/auth/login", data={"email": "staff@example.no", "password": PASSWORD})
    assert response.status_code == 302
    assert '<html lang="nn"' in client.get("/app/", headers={"Accept-Language": "en"}).get_data(as_text=True)
