"""A school admin keeps the school's contact persons and roles."""

from sqlalchemy import select

from intranet.contacts.models import ContactPerson, FunctionRole


def url(world, rest):
    return f"/app/schools/{world.school.slug}{rest}"


def person(db, name):
    db.session.expire_all()
    return db.session.scalar(select(ContactPerson).where(ContactPerson.name == name))


VALID = {
    "name": "Sara Rådgiver",
    "title_nb": "Sosialrådgiver",
    "title_en": "Social counsellor",
    "roles": ["social_counsellor", "kjentmann"],
    "phone": "+47 987 65 432",
    "email": "sara@example.no",
    "public": "y",
}


def test_add_a_person_with_roles_phone_and_email(client, world, login, db):
    login(world.users["school_admin"])
    response = client.post(url(world, "/contacts"), data=VALID)
    assert response.status_code == 302
    sara = person(db, "Sara Rådgiver")
    assert sara.role_keys == ["kjentmann", "social_counsellor"]
    assert (sara.phone, sara.email, sara.public) == ("98 76 54 32", "sara@example.no", True)
    assert sara.title == {"nb": "Sosialrådgiver", "en": "Social counsellor"}
    page = client.get(f"/{world.school.slug}/").get_data(as_text=True)
    assert 'href="tel:+4798765432"' in page and 'href="mailto:sara@example.no"' in page


def test_a_person_without_a_role_is_refused_keeping_what_was_typed(client, world, login, db):
    login(world.users["school_admin"])
    response = client.post(url(world, "/contacts?lang=en"), data={**VALID, "roles": []})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Choose at least one role for the person." in page
    assert 'value="Sara Rådgiver"' in page and 'value="+47 987 65 432"' in page
    assert person(db, "Sara Rådgiver") is None


def test_invalid_phone_and_email_get_clear_messages(client, world, login, db):
    login(world.users["school_admin"])
    response = client.post(url(world, "/contacts?lang=en"), data={**VALID, "phone": "1234", "email": "sara@"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Enter a phone number someone can call" in page and "Enter a valid email address." in page
    assert 'value="1234"' in page
    assert person(db, "Sara Rådgiver") is None


def test_an_unknown_role_is_refused(client, world, login, db):
    login(world.users["school_admin"])
    response = client.post(url(world, "/contacts?lang=en"), data={**VALID, "roles": ["wizard"]})
    assert response.status_code == 400
    assert "Choose the person&#39;s roles from the list." in response.get_data(as_text=True)


def test_edit_reorder_and_remove(client, world, contacts, login, db):
    login(world.users["school_admin"])
    response = client.post(
        url(world, f"/contacts/{world.contact_id}"),
        data={**VALID, "name": "Rita Rektor", "roles": ["rector"], "phone": "02800"},
    )
    assert response.status_code == 302
    assert person(db, "Rita Rektor").phone == "02800"
    client.post(url(world, f"/contacts/{world.secret_contact_id}/move"), data={"direction": "up"})
    assert person(db, "Hemmelig Person").position == 0 and person(db, "Rita Rektor").position == 1
    client.post(url(world, f"/contacts/{world.contact_id}/delete"))
    assert person(db, "Rita Rektor") is None


def test_a_contact_of_another_school_is_404(client, world, contacts, login, create_school):
    other = create_school(world.org, slug="tredje")
    login(world.users["school_admin"])
    assert client.get(f"/app/schools/{world.school.slug}/contacts/{world.contact_id}").status_code == 200
    login(world.users["staff_other_school"])
    assert client.get(f"/app/schools/{other.slug}/contacts/{world.contact_id}").status_code == 404


def test_add_hide_and_delete_roles(client, world, contacts, login, db):
    login(world.users["school_admin"])
    response = client.post(
        url(world, "/roles"), data={"name_nb": "Miljøarbeider", "name_en": "Youth worker", "public": "y"}
    )
    assert response.status_code == 302
    role = db.session.scalar(select(FunctionRole).where(FunctionRole.key == "miljoarbeider"))
    assert role.custom and role.name == {"nb": "Miljøarbeider", "en": "Youth worker"}
    client.post(url(world, "/roles/ppt/visibility"), data={"hidden": "1"})
    form = client.get(url(world, "/contacts")).get_data(as_text=True)
    assert 'value="miljoarbeider"' in form and 'value="ppt"' not in form
    assert client.post(url(world, "/roles/miljoarbeider/delete")).status_code == 302


def test_deleting_a_role_in_use_says_where_it_is_used(client, world, contacts, login, db):
    login(world.users["school_admin"])
    client.post(url(world, "/roles"), data={"name_nb": "Miljøarbeider", "public": "y"})
    client.post(url(world, "/contacts"), data={**VALID, "roles": ["miljoarbeider"]})
    response = client.post(url(world, "/roles/miljoarbeider/delete?lang=en"))
    assert response.status_code == 409
    assert "The role is still used by: Sara Rådgiver." in response.get_data(as_text=True)
    assert db.session.scalar(select(FunctionRole).where(FunctionRole.key == "miljoarbeider")) is not None


def test_a_role_name_clash_is_refused(client, world, login):
    login(world.users["school_admin"])
    response = client.post(url(world, "/roles?lang=en"), data={"name_nb": "Rector", "public": "y"})
    assert response.status_code == 400
    assert "There is already a role called “Rector”." in response.get_data(as_text=True)
