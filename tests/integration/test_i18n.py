"""Language: explicit choice (session) > user preference > Accept-Language > school default."""

import re

import pytest
from flask_babel import force_locale, gettext

from intranet.auth.models import User


def html_lang(response) -> str:
    return re.search(r'<html lang="([^"]+)"', response.get_data(as_text=True)).group(1)


def test_compiled_catalogs_translate_the_interface(app):
    with app.test_request_context():
        expectations = (("nb", "Glemt passordet?"), ("nn", "Gløymt passordet?"), ("en", "Forgot your password?"))
        for lang, expected in expectations:
            with force_locale(lang):
                assert gettext("Forgot your password?") == expected


def test_switching_language_by_link_sets_html_lang_and_sticks_for_the_session(client, world):
    assert html_lang(client.get("/auth/login?lang=nn")) == "nn"
    assert html_lang(client.get("/")) == "nn"
    assert html_lang(client.get("/auth/login?lang=en")) == "en"
    assert html_lang(client.get(f"/{world.school.slug}/")) == "en"


def test_page_text_follows_the_language(client, world):
    assert "Forgot your password?" in client.get("/auth/login?lang=en").get_data(as_text=True)
    assert "Gløymt passordet?" in client.get("/auth/login?lang=nn").get_data(as_text=True)
    assert "Glemt passordet?" in client.get("/auth/login?lang=nb").get_data(as_text=True)


def test_unknown_language_is_ignored(client, world):
    assert html_lang(client.get("/auth/login?lang=xx", headers={"Accept-Language": "en"})) == "en"


def test_accept_language_decides_without_a_choice(client, world):
    assert html_lang(client.get("/", headers={"Accept-Language": "en-GB,en;q=0.9"})) == "en"
    assert html_lang(client.get("/", headers={"Accept-Language": "nn-NO,nn;q=0.9"})) == "nn"
    assert html_lang(client.get("/", headers={"Accept-Language": "no"})) == "nb"
    assert html_lang(client.get("/", headers={"Accept-Language": "de-DE"})) == "nb"


def test_school_default_language_decides_on_its_pages_when_nothing_else_does(client, create_school):
    create_school(slug="bekkely", languages="nn,nb,en", default_language="nn")
    assert html_lang(client.get("/bekkely/", headers={"Accept-Language": "de"})) == "nn"


def test_user_preference_beats_the_browser_and_an_explicit_choice_beats_both(client, world, login, db):
    user = world.users["staff"]
    db.session.get(User, user.id).language = "nn"
    db.session.commit()
    login(user)
    assert html_lang(client.get("/app/", headers={"Accept-Language": "en"})) == "nn"
    assert html_lang(client.get("/app/?lang=en")) == "en"
    assert html_lang(client.get("/app/", headers={"Accept-Language": "nb"})) == "en"


def test_account_page_saves_the_preferred_language(client, world, login, db):
    user = world.users["staff"]
    login(user)
    client.get("/app/?lang=en")
    response = client.post("/app/account", data={"name": "Stina Staff", "language": "nn"})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(User, user.id).language == "nn"
    assert html_lang(client.get("/app/", headers={"Accept-Language": "en"})) == "nn"


def test_switcher_links_keep_the_current_page_and_its_query(client, world, login):
    login(world.users["org_admin"])
    page = client.get(f"/app/schools/?org={world.org.id}").get_data(as_text=True)
    links = re.findall(r'<a href="([^"]+)" lang="(\w+)" hreflang', page)
    assert {lang for _, lang in links} == {"nb", "nn", "en"}
    for href, lang in links:
        assert href.startswith("/app/schools/?")
        assert f"org={world.org.id}" in href and f"lang={lang}" in href


def test_switcher_on_a_school_page_offers_only_the_schools_languages(client, create_school):
    create_school(slug="tospraak", languages="nb,en", default_language="nb")
    page = client.get("/tospraak/").get_data(as_text=True)
    assert set(re.findall(r'hreflang="(\w+)"', page)) == {"nb", "en"}


def test_error_pages_are_translated(client, world):
    for lang, title in (("nn", "Fann ikkje sida"), ("en", "Page not found")):
        page = client.get(f"/no-such-school/?lang={lang}")
        assert page.status_code == 404
        assert title in page.get_data(as_text=True)


def test_staff_page_of_a_nynorsk_school_speaks_nynorsk_without_other_wishes(client, world, login):
    """The school in the URL is loaded for staff pages too, so its default language decides when the
    user has no preference and the browser asks for none; staff pages still offer every site language."""
    world.school.default_language = "nn"
    world.school.languages = "nn"
    staff = world.users["staff"]
    assert staff.language is None
    login(staff)
    page = client.get(f"/app/schools/{world.school.slug}/cases/")
    assert page.status_code == 200 and html_lang(page) == "nn"
    assert "?lang=en" in page.get_data(as_text=True), "a staff page offers every site language"
    assert html_lang(client.get(f"/app/schools/{world.school.slug}/cases/?lang=en")) == "en"


@pytest.mark.parametrize("path", ["plan/", "plan/read", "wheel", "who-does-what"])
def test_every_staff_page_of_a_nynorsk_school_speaks_nynorsk(client, world, login, path):
    """Issue 15, item 2: the plan editor, the plan reader, the wheel and the school's own pages all learn the
    school's default language when neither the user nor the browser names one."""
    world.school.default_language = "nn"
    login(world.users["school_admin"])
    page = client.get(f"/app/schools/{world.school.slug}/{path}")
    assert page.status_code == 200 and html_lang(page) == "nn"


def test_the_dashboard_of_someone_only_at_a_nynorsk_school_speaks_nynorsk(client, world, login):
    world.school.default_language = "nn"
    login(world.users["staff"])
    page = client.get("/app/")
    assert page.status_code == 200 and html_lang(page) == "nn"
