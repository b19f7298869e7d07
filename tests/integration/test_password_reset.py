"""Forgotten passwords: a mailed link that works once and expires."""

import re
import time

import itsdangerous.timed

from ..conftest import PASSWORD, outbox

NEW_PASSWORD = "Blåbærsyltetøy på brødskiva"


def reset_link(app) -> str:
    mails = outbox(app)
    assert mails, "no mail was sent"
    return re.search(r"http://intranet\.test(/auth/reset/\S+)", mails[-1].get_content()).group(1)


def test_reset_by_mail_sets_a_new_password_and_signs_in(app, client, world):
    response = client.post("/auth/forgot", data={"email": "staff@example.no"})
    assert response.status_code == 302
    mails = outbox(app)
    assert len(mails) == 1 and mails[0]["To"] == "staff@example.no"
    link = reset_link(app)
    assert client.get(link).status_code == 200
    response = client.post(link, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.status_code == 302 and response.location == "/app/"
    assert client.get("/app/").status_code == 200
    fresh = app.test_client()
    assert fresh.post("/auth/login", data={"email": "staff@example.no", "password": PASSWORD}).status_code == 401
    assert fresh.post("/auth/login", data={"email": "staff@example.no", "password": NEW_PASSWORD}).status_code == 302


def test_reset_link_works_only_once(app, client, world):
    client.post("/auth/forgot", data={"email": "staff@example.no"})
    link = reset_link(app)
    client.post(link, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    again = app.test_client().get(link + "?lang=en")
    assert again.status_code == 410
    assert "Link no longer valid" in again.get_data(as_text=True)


def test_reset_link_expires(app, client, world, monkeypatch):
    real_time = time.time
    monkeypatch.setattr(itsdangerous.timed.time, "time", lambda: real_time() - 61 * 60)
    client.post("/auth/forgot", data={"email": "staff@example.no"})
    monkeypatch.setattr(itsdangerous.timed.time, "time", real_time)
    assert client.get(reset_link(app)).status_code == 410


def test_forgot_password_does_not_reveal_whether_an_account_exists(app, client, world):
    known = client.post("/auth/forgot?lang=en", data={"email": "staff@example.no"}, follow_redirects=True)
    unknown = client.post("/auth/forgot?lang=en", data={"email": "nobody@example.no"}, follow_redirects=True)
    assert known.status_code == unknown.status_code == 200
    assert "If the address belongs to an account" in unknown.get_data(as_text=True)
    assert [m["To"] for m in outbox(app)] == ["staff@example.no"]


def test_weak_or_mismatched_new_password_is_refused_with_a_reason(app, client, world):
    client.post("/auth/forgot", data={"email": "staff@example.no"})
    link = reset_link(app)
    cases = [
        ("short", "short", "Use at least 10 characters."),
        ("passord123", "passord123", "This password is too common."),
        ("aaaaaaaaaaaa", "aaaaaaaaaaaa", "Use more different characters."),
        ("Good password 2026", "Other password 2026", "The passwords differ."),
    ]
    for password, confirm, message in cases:
        response = client.post(link + "?lang=en", data={"password": password, "confirm": confirm})
        assert response.status_code == 400, password
        page = response.get_data(as_text=True)
        assert message in page
        assert f'value="{password}"' not in page
    assert client.get("/app/").status_code == 302  # nothing changed, still signed out
    assert (
        app.test_client().post("/auth/login", data={"email": "staff@example.no", "password": PASSWORD}).status_code
        == 302
    )


def test_changing_password_on_the_account_page_ends_other_sessions(app, client, world):
    other_device = app.test_client()
    for c in (client, other_device):
        c.post("/auth/login", data={"email": "staff@example.no", "password": PASSWORD})
    response = client.post(
        "/app/account", data={"pw-current": PASSWORD, "pw-password": NEW_PASSWORD, "pw-confirm": NEW_PASSWORD}
    )
    assert response.status_code == 302
    assert client.get("/app/").status_code == 200
    assert other_device.get("/app/").status_code == 302


def test_wrong_current_password_is_refused_on_the_account_page(client, world, login):
    login(world.users["staff"])
    response = client.post(
        "/app/account?lang=en", data={"pw-current": "nope", "pw-password": NEW_PASSWORD, "pw-confirm": NEW_PASSWORD}
    )
    assert response.status_code == 400
    assert "The current password is wrong." in response.get_data(as_text=True)
