"""What the service worker learns from the server (issue #22): whose page a response is (a key per signed-in
person that does not give their id away, or "visitor"), the public pages of the person's own schools, and
the offline page, the same for everybody, in nb, nn and en."""

import pytest

from intranet.offline.release import user_key


def owner_of(response) -> str | None:
    return response.headers.get("X-Offline-Owner")


def test_each_signed_in_person_has_their_own_key_that_is_not_their_id(client, world, login):
    keys = {}
    for role in ("staff", "school_admin"):
        user = world.users[role]
        login(user)
        response = client.get("/app/")
        keys[role] = owner_of(response)
        assert keys[role] == user_key(user.id)
        assert str(user.id) not in (keys[role], keys[role].lstrip("0"))
        assert client.get("/app/").headers["X-Offline-Owner"] == keys[role], "the same person, the same key"
    assert keys["staff"] != keys["school_admin"]


def test_the_key_depends_on_the_apps_secret(app, world):
    with app.app_context():
        first = user_key(world.users["staff"].id)
        app.config["SECRET_KEY"], secret = "another-secret-" * 3, app.config["SECRET_KEY"]
        try:
            assert user_key(world.users["staff"].id) != first
        finally:
            app.config["SECRET_KEY"] = secret


def test_a_visitor_reads_public_pages_as_visitor(client, world):
    assert owner_of(client.get(f"/{world.school.slug}/")) == "visitor"
    assert owner_of(client.get("/auth/login")) == "visitor"


def test_files_that_are_not_pages_name_nobody(client, world, login):
    login(world.users["staff"])
    assert owner_of(client.get("/sw.js")) is None
    assert owner_of(client.get("/manifest.webmanifest")) is None


def test_the_worker_keeps_the_public_pages_of_the_persons_own_schools_only(client, world, login):
    login(world.users["staff"])
    about = client.get("/app/offline.json").get_json()
    assert about["user"] == user_key(world.users["staff"].id)
    assert about["schools"] == [f"/{world.school.slug}/"]
    assert about["cases"] == [f"/app/schools/{world.school.slug}/cases/new"], "no checklist published yet"


def test_what_the_worker_keeps_needs_a_signed_in_person(client):
    response = client.get("/app/offline.json")
    assert response.status_code in (302, 401)


@pytest.mark.parametrize(
    ("lang", "heading"), [("nb", "Ingen tilkobling"), ("nn", "Inga tilkopling"), ("en", "No connection")]
)
def test_the_offline_page_is_in_the_readers_language_and_names_nobody(client, lang, heading):
    response = client.get(f"/offline?lang={lang}")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert f"<h1>{heading}</h1>" in html
    assert 'id="offline-cases"' in html and "/static/js/offline-page.js?v=" in html
