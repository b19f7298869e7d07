"""The municipality admin creates schools and appoints each school's first administrator."""

import pytest
from sqlalchemy import func, select

from intranet.auth.models import Invitation, Role
from intranet.schools.models import School, SchoolKind

from ..conftest import outbox

VALID = {
    "name": "Nyby ungdomsskole",
    "slug": "nyby-us",
    "kind": "ungdomsskole",
    "languages": ["nb", "nn", "en"],
    "default_language": "nb",
    "admin_name": "Rune Rektor",
    "admin_email": "rune@example.no",
}


def count(db, model):
    return db.session.scalar(select(func.count()).select_from(model))


def test_org_admin_creates_a_school_and_invites_its_first_admin(app, client, world, login, db):
    login(world.users["org_admin"])
    response = client.post(f"/app/schools/new?org={world.org.id}", data=VALID)
    assert response.status_code == 302
    assert response.location == "/app/schools/nyby-us/people"
    school = db.session.scalar(select(School).where(School.slug == "nyby-us"))
    assert (school.name, school.kind, school.language_list, school.organisation_id) == (
        "Nyby ungdomsskole",
        SchoolKind.LOWER_SECONDARY,
        ["nb", "nn", "en"],
        world.org.id,
    )
    invitation = db.session.scalar(select(Invitation).where(Invitation.school_id == school.id))
    assert (invitation.email, invitation.role) == ("rune@example.no", Role.SCHOOL_ADMIN)
    assert outbox(app)[-1]["To"] == "rune@example.no"
    people = client.get(response.location).get_data(as_text=True)
    assert "rune@example.no" in people
    assert client.get("/nyby-us/").status_code == 200


def test_the_new_school_is_listed_for_the_org_admin(client, world, login):
    login(world.users["org_admin"])
    client.post(f"/app/schools/new?org={world.org.id}", data=VALID)
    page = client.get("/app/schools/").get_data(as_text=True)
    assert "Nyby ungdomsskole" in page and world.school.name in page
    assert world.far_school.name not in page


def test_duplicate_slug_is_refused_keeping_what_was_typed(app, client, world, login, db):
    login(world.users["org_admin"])
    schools_before = count(db, School)
    response = client.post(f"/app/schools/new?org={world.org.id}&lang=en", data={**VALID, "slug": "andreby"})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Another school already uses the address “andreby”." in page
    assert 'value="Nyby ungdomsskole"' in page and 'value="rune@example.no"' in page
    assert count(db, School) == schools_before
    assert count(db, Invitation) == 0
    assert outbox(app) == []


def test_slug_already_taken_in_another_municipality_is_refused(client, world, login):
    login(world.users["org_admin"])
    response = client.post(
        f"/app/schools/new?org={world.org.id}&lang=en", data={**VALID, "slug": world.far_school.slug}
    )
    assert response.status_code == 400


@pytest.mark.parametrize("slug", ["app", "static", "auth", "admin", "health"])
def test_slugs_that_collide_with_our_own_paths_are_refused(client, world, login, db, slug):
    login(world.users["org_admin"])
    response = client.post(f"/app/schools/new?org={world.org.id}&lang=en", data={**VALID, "slug": slug})
    assert response.status_code == 400
    assert f"The address “{slug}” is reserved." in response.get_data(as_text=True)
    assert db.session.scalar(select(School).where(School.slug == slug)) is None


@pytest.mark.parametrize("slug", ["Æsj skole", "-nyby", "nyby-", "n", "ny/by", "x" * 41, "blåbær"])
def test_invalid_slugs_get_a_clear_message(client, world, login, slug):
    login(world.users["org_admin"])
    response = client.post(f"/app/schools/new?org={world.org.id}&lang=en", data={**VALID, "slug": slug})
    assert response.status_code == 400
    assert "Use 2 to 40 lowercase letters" in response.get_data(as_text=True)


def test_uppercase_slug_is_lowered_rather_than_refused(client, world, login, db):
    login(world.users["org_admin"])
    response = client.post(f"/app/schools/new?org={world.org.id}", data={**VALID, "slug": " Nyby-US "})
    assert response.status_code == 302
    assert db.session.scalar(select(School.slug).where(School.name == "Nyby ungdomsskole")) == "nyby-us"


def test_default_language_must_be_one_of_the_chosen(client, world, login):
    login(world.users["org_admin"])
    response = client.post(
        f"/app/schools/new?org={world.org.id}&lang=en",
        data={**VALID, "languages": ["nb", "en"], "default_language": "nn"},
    )
    assert response.status_code == 400
    assert "The default language must be one of the chosen languages." in response.get_data(as_text=True)


def test_no_language_chosen_is_refused(client, world, login):
    login(world.users["org_admin"])
    data = {k: v for k, v in VALID.items() if k != "languages"}
    response = client.post(f"/app/schools/new?org={world.org.id}&lang=en", data=data)
    assert response.status_code == 400
    assert "Choose at least one language." in response.get_data(as_text=True)


def test_missing_fields_each_get_a_message(client, world, login):
    login(world.users["org_admin"])
    response = client.post(
        f"/app/schools/new?org={world.org.id}&lang=en", data={"languages": ["nb"], "default_language": "nb"}
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    for message in (
        "Enter the school's name.",
        "Choose a short address.",
        "Enter the school administrator's email address.",
    ):
        assert message in page or message.replace("'", "&#39;") in page


def test_org_admin_cannot_create_a_school_in_another_municipality(client, world, login, db):
    login(world.users["org_admin"])
    response = client.post(f"/app/schools/new?org={world.other_org.id}", data=VALID)
    assert response.status_code == 404
    assert db.session.scalar(select(School).where(School.slug == "nyby-us")) is None


def test_school_admin_cannot_create_schools(client, world, login, db):
    login(world.users["school_admin"])
    assert client.post(f"/app/schools/new?org={world.org.id}", data=VALID).status_code == 404
    assert db.session.scalar(select(School).where(School.slug == "nyby-us")) is None


def test_people_page_lists_members_and_pending_invitations(client, world, login):
    login(world.users["school_admin"])
    client.post(
        f"/app/schools/{world.school.slug}/invitations",
        data={"email": "pending@example.no", "name": "Per Pending", "role": "staff"},
    )
    page = client.get(f"/app/schools/{world.school.slug}/people").get_data(as_text=True)
    assert "Stina Staff" in page and "Rita Rektor" in page
    assert "pending@example.no" in page
    assert "Otto Annen" not in page  # another school's staff
