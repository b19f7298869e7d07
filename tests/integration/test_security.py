"""Headers, cookies, CSRF, secrets: the protections every page relies on."""

import re

import pytest

from intranet import create_app

from ..conftest import PASSWORD, login_as, make_app


def pages_for(world):
    return [
        "/",
        f"/{world.school.slug}/",
        "/auth/login",
        "/auth/forgot",
        "/app/",
        "/app/account",
        f"/app/schools/?org={world.org.id}",
        f"/app/schools/new?org={world.org.id}",
        f"/app/schools/{world.school.slug}/people",
        "/auth/reset/bad",
        "/nope/",
    ]


def test_every_page_sends_a_strict_content_security_policy(client, world, login):
    login(world.users["org_admin"])
    for path in pages_for(world):
        headers = client.get(path).headers
        csp = headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp, path
        assert "frame-ancestors 'none'" in csp
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"


def test_pages_have_no_inline_script_or_style_and_load_nothing_from_elsewhere(client, world, login):
    login(world.users["org_admin"])
    for path in pages_for(world):
        html = client.get(path).get_data(as_text=True)
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), f"inline script on {path}"
        assert not re.search(r"\son[a-z]+\s*=", html), f"inline event handler on {path}"
        assert not re.search(r"\sstyle\s*=", html), f"inline style on {path}"
        own = client.application.config["PUBLIC_BASE_URL"] + "/"  # absolute, as alternates must be: our own
        for url in re.findall(r'(?:src|href|action)="([^"]+)"', html):
            assert url.startswith(own) or not re.match(r"(https?:)?//", url), f"{path} refers to another site: {url}"


def test_htmx_is_served_from_our_own_static_files_to_staff_only(client, world, login):
    assert "<script" not in client.get("/").get_data(as_text=True)  # public pages need no script
    login(world.users["staff"])
    html = client.get("/app/").get_data(as_text=True)
    src = re.search(r'<script src="(/static/vendor/htmx\.min\.js\?v=\w+)"', html).group(1)
    response = client.get(src)
    assert response.status_code == 200
    assert b"htmx" in response.data[:2000]
    assert response.headers["Cache-Control"].startswith("max-age=") and "immutable" in response.headers["Cache-Control"]
    compressed = client.get(src, headers={"Accept-Encoding": "gzip"})
    assert compressed.headers["Content-Encoding"] == "gzip" and len(compressed.data) < len(response.data) / 2


def test_staff_pages_are_never_cached(client, world, login):
    login(world.users["staff"])
    assert client.get("/app/").headers["Cache-Control"] == "no-store"
    assert client.get("/auth/login").headers["Cache-Control"] == "no-store"


def test_session_cookie_is_httponly_and_samesite_lax(client, world):
    client.post("/auth/login", data={"email": "staff@example.no", "password": PASSWORD})
    cookie = client.get_cookie("intranet_session", domain="intranet.test")
    assert cookie is not None and cookie.http_only and cookie.same_site == "Lax"


def test_session_cookie_is_secure_outside_debug_and_testing(database_url, tmp_path):
    production = create_app(
        {
            "SECRET_KEY": "a-long-random-production-secret" * 2,
            "SQLALCHEMY_DATABASE_URI": database_url,
            "PUBLIC_BASE_URL": "https://rusplan.example.no",
        }
    )
    assert production.config["SESSION_COOKIE_SECURE"] is True
    assert make_app(database_url, tmp_path).config["SESSION_COOKIE_SECURE"] is False


def test_refuses_to_start_in_production_with_the_default_secret(database_url, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("FLASK_DEBUG", raising=False)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app({"SQLALCHEMY_DATABASE_URI": database_url})


def test_post_without_csrf_token_is_refused_with_a_message(client, world, csrf_enabled):
    response = client.post("/auth/login?lang=en", data={"email": "staff@example.no", "password": PASSWORD})
    assert response.status_code == 400
    assert "The form had expired" in response.get_data(as_text=True)
    assert client.get("/app/").status_code == 302


def test_post_with_the_forms_csrf_token_works(client, world, csrf_enabled):
    page = client.get("/auth/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    response = client.post("/auth/login", data={"email": "staff@example.no", "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 302


def test_htmx_requests_carry_the_token_in_a_header(client, world, csrf_enabled):
    login_as(client, world.users["school_admin"])
    page = client.get("/app/").get_data(as_text=True)
    token = re.search(r"data-hx-headers='\{\"X-CSRFToken\": \"([^\"]+)\"\}'", page).group(1)
    url = f"/app/schools/{world.school.slug}/invitations"
    data = {"email": "htmx@example.no", "role": "staff", "name": ""}
    assert client.post(url, data=data).status_code == 400
    assert client.post(url, data=data, headers={"X-CSRFToken": token, "HX-Request": "true"}).status_code == 302


def test_a_database_error_still_gets_the_friendly_page_for_a_signed_in_user(database_url, tmp_path, world):
    from intranet.extensions import db as database
    from intranet.schools.models import Organisation

    application = make_app(database_url, tmp_path, PROPAGATE_EXCEPTIONS=False)

    @application.route("/broken")
    def broken():  # a failed flush leaves the session needing a rollback
        database.session.add(Organisation(name="Dobbel", slug=world.org.slug))
        database.session.flush()

    client = application.test_client()
    login_as(client, world.users["staff"])
    response = client.get("/broken?lang=en")
    assert response.status_code == 500
    assert "Something went wrong" in response.get_data(as_text=True)


def test_unexpected_errors_get_a_friendly_page_in_the_users_language(database_url, tmp_path):
    application = make_app(database_url, tmp_path, PROPAGATE_EXCEPTIONS=False)

    @application.route("/boom")
    def boom():
        raise RuntimeError("boom")

    response = application.test_client().get("/boom?lang=nn")
    assert response.status_code == 500
    page = response.get_data(as_text=True)
    assert '<html lang="nn"' in page and "Noko gjekk gale" in page
    assert "RuntimeError" not in page and "Traceback" not in page
