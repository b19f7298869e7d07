"""The public error pages (404, and the 503 of an unreachable database) speak every public language, right
to left included; the staff pages' errors stay in the staff languages."""

import re

import pytest
from flask_babel import force_locale, gettext

from intranet.extensions import db as _db

from ...conftest import make_app


def html_root(page: str) -> tuple[str, str]:
    found = re.search(r'<html lang="([^"]+)" dir="([^"]+)"', page)
    return found.group(1), found.group(2)


def translated(app, lang: str, message: str) -> str:
    with app.test_request_context(), force_locale(lang):
        return gettext(message)


@pytest.mark.parametrize(("lang", "direction"), [("fa", "rtl"), ("ti", "ltr"), ("uk", "ltr")])
def test_unknown_school_is_a_404_in_the_readers_language(app, client, db, lang, direction):
    response = client.get(f"/no-such-school/?lang={lang}")
    page = response.get_data(as_text=True)
    assert response.status_code == 404
    assert html_root(page) == (lang, direction)
    assert translated(app, lang, "Page not found") in page and "Page not found" not in page


def test_a_parent_gets_the_503_page_in_arabic_while_the_database_is_unreachable(tmp_path):
    app = make_app(f"sqlite:///{tmp_path / 'no-such-folder' / 'intranet.db'}", tmp_path)
    try:
        response = app.test_client().get("/testvik-us/", headers={"Accept-Language": "ar-EG,ar;q=0.9"})
        page = response.get_data(as_text=True)
        assert response.status_code == 503
        assert html_root(page) == ("ar", "rtl")
        assert translated(app, "ar", "Temporarily unavailable") in page
    finally:
        with app.app_context():
            _db.engine.dispose()


def test_staff_pages_errors_stay_in_the_staff_languages(client, db):
    response = client.get("/app/no-such-page?lang=ar", headers={"Accept-Language": "ar"})
    assert response.status_code == 404
    assert html_root(response.get_data(as_text=True))[0] == "nb"
