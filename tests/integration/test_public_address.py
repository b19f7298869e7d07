"""Absolute links come from the configured public address only; other hosts are refused; a real secret."""

import re
import secrets

import pytest
from flask import template_rendered

from intranet import create_app

from ..conftest import outbox

PUBLIC = "https://rusplan.example.no"
FOREIGN = {"Host": "attacker.example"}


def production_app(database_url: str, tmp_path, **overrides):
    """The app as production runs it: no debug, no testing, a long secret and the public address."""
    config = {
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SECRET_KEY": secrets.token_hex(32),
        "PUBLIC_BASE_URL": PUBLIC,
        "MAIL_OUTBOX_DIR": str(tmp_path / "outbox"),
        **overrides,
    }
    return create_app(config)


@pytest.fixture
def no_address_in_environment(monkeypatch):
    for name in ("PUBLIC_BASE_URL", "TRUSTED_HOSTS", "FLASK_DEBUG", "SECRET_KEY"):
        monkeypatch.delenv(name, raising=False)


def signed_in_on_the_foreign_host(client) -> None:
    """The attacker's client carries a real session: its cookie is sent to the host the request names."""
    cookie = client.get_cookie("intranet_session", domain="intranet.test")
    client.set_cookie("intranet_session", cookie.value, domain=FOREIGN["Host"])


def mailed_link(app, path: str) -> str:
    body = outbox(app)[-1].get_content()
    return re.search(rf"\S+{path}\S+", body).group(0)


@pytest.mark.parametrize("configured", [None, PUBLIC], ids=["default address", "PUBLIC_BASE_URL"])
def test_reset_link_for_a_request_to_a_foreign_host_points_at_the_public_address(
    app, client, world, monkeypatch, configured
):
    if configured:
        monkeypatch.setitem(app.config, "PUBLIC_BASE_URL", configured)
    expected = configured or "http://intranet.test"  # the tests' address (SERVER_NAME) when none is set
    response = client.post("/auth/forgot", data={"email": "staff@example.no"}, headers=FOREIGN)
    assert response.status_code == 302
    link = mailed_link(app, "/auth/reset/")
    assert link.startswith(expected + "/auth/reset/"), link
    assert "attacker" not in outbox(app)[-1].get_content()


@pytest.mark.parametrize("configured", [None, PUBLIC], ids=["default address", "PUBLIC_BASE_URL"])
def test_invitation_link_for_a_request_to_a_foreign_host_points_at_the_public_address(
    app, client, world, login, monkeypatch, configured
):
    if configured:
        monkeypatch.setitem(app.config, "PUBLIC_BASE_URL", configured)
    expected = configured or "http://intranet.test"
    login(world.users["school_admin"])
    signed_in_on_the_foreign_host(client)
    response = client.post(
        f"/app/schools/{world.school.slug}/invitations",
        data={"email": "nina.ny@example.no", "name": "Nina Ny", "role": "staff"},
        headers=FOREIGN,
    )
    assert response.status_code == 302
    link = mailed_link(app, "/auth/invitation/")
    assert link.startswith(expected + "/auth/invitation/"), link


def test_calendar_feed_address_shown_to_a_foreign_host_is_the_public_one(app, client, world, login, monkeypatch):
    monkeypatch.setitem(app.config, "PUBLIC_BASE_URL", PUBLIC)
    login(world.users["staff"])
    signed_in_on_the_foreign_host(client)
    response = client.post(f"/app/schools/{world.school.slug}/calendar-feed", headers=FOREIGN)
    assert response.status_code == 302
    page = client.get(response.location, headers=FOREIGN).get_data(as_text=True)
    assert f"{PUBLIC}/{world.school.slug}/calendar/" in page and "attacker" not in page


@pytest.mark.parametrize("configured", [None, PUBLIC], ids=["default address", "PUBLIC_BASE_URL"])
def test_poster_for_a_request_to_a_foreign_host_prints_the_public_address(
    app, client, world, contacts, monkeypatch, configured
):
    if configured:
        monkeypatch.setitem(app.config, "PUBLIC_BASE_URL", configured)
    expected = configured or "http://intranet.test"
    printed = []

    def record(sender, template, context, **extra):
        if template.name == "public/poster.html":
            printed.append(context["url"])

    with template_rendered.connected_to(record, app):
        response = client.get(f"/{world.school.slug}/poster.pdf?lang=nb", headers=FOREIGN)
    assert response.status_code == 200 and response.data.startswith(b"%PDF")
    assert printed == [f"{expected}/{world.school.slug}/"]  # the address under the QR code, and in it


def test_refuses_to_start_outside_debug_without_a_public_address(database_url, no_address_in_environment):
    with pytest.raises(RuntimeError, match="PUBLIC_BASE_URL"):
        create_app({"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": secrets.token_hex(32)})


@pytest.mark.parametrize("address", ["rusplan.example.no", "ftp://rusplan.example.no", "https://", "https://x.no/?a=1"])
def test_refuses_to_start_with_a_public_address_that_is_not_one(database_url, no_address_in_environment, address):
    with pytest.raises(RuntimeError, match="PUBLIC_BASE_URL"):
        create_app(
            {"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": secrets.token_hex(32), "PUBLIC_BASE_URL": address}
        )


def test_debug_mode_starts_without_a_public_address_and_uses_the_local_one(
    database_url, no_address_in_environment, monkeypatch
):
    monkeypatch.setenv("FLASK_DEBUG", "1")
    monkeypatch.setenv("PORT", "5077")
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url})
    assert app.config["PUBLIC_BASE_URL"] == "http://127.0.0.1:5077"


@pytest.mark.parametrize("key", ["x" * 5, "x" * 31, "ø" * 15])
def test_refuses_to_start_outside_debug_with_a_short_secret(database_url, no_address_in_environment, key):
    with pytest.raises(RuntimeError, match="SECRET_KEY.*32"):
        create_app({"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": key, "PUBLIC_BASE_URL": PUBLIC})


def test_a_secret_of_32_bytes_is_enough(database_url, no_address_in_environment, tmp_path):
    assert production_app(database_url, tmp_path, SECRET_KEY="ø" * 16).config["SECRET_KEY"] == "ø" * 16


def test_a_foreign_host_is_refused_in_the_readers_language(database_url, no_address_in_environment, tmp_path, world):
    app = production_app(database_url, tmp_path)
    client = app.test_client()
    public_page = f"/{world.school.slug}/"
    assert client.get(public_page, base_url=PUBLIC).status_code == 200  # now kept by the public pages' cache
    for path in ("/auth/login?lang=en", public_page, "/auth/forgot"):
        response = client.get(path, headers={**FOREIGN, "Accept-Language": "en"})
        assert response.status_code == 400, path
        assert "Bad request" in response.get_data(as_text=True), path
    refused = client.post("/auth/forgot", data={"email": "staff@example.no"}, headers=FOREIGN)
    assert refused.status_code == 400 and outbox(app) == []


def test_hosts_listed_in_trusted_hosts_are_served_too(
    database_url, no_address_in_environment, tmp_path, world, monkeypatch
):
    monkeypatch.setenv("TRUSTED_HOSTS", "intern.example.no, .skole.example.no")
    client = production_app(database_url, tmp_path).test_client()
    for host in ("rusplan.example.no", "intern.example.no", "vest.skole.example.no", "rusplan.example.no:8443"):
        assert client.get("/auth/login", headers={"Host": host}).status_code == 200, host
    assert client.get("/auth/login", headers={"Host": "skole.example.no.attacker.example"}).status_code == 400
