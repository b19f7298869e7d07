"""The municipality's Feide page: sign-in mode, automatic staff membership, organisation numbers, links."""

import secrets

from intranet.auth.access import AccessEvent
from intranet.auth.models import Role
from intranet.extensions import db
from intranet.feide.models import FeideLink, SchoolOrgNumber, SignInMode, SignInSetting


def form(world, mode="both", auto_staff=True, numbers=("999111001", "")):
    data = {"mode": mode}
    if auto_staff:
        data["auto_staff"] = "y"
    for index, (school, number) in enumerate(zip([world.other_school, world.school], numbers, strict=False)):
        data[f"schools-{index}-school_id"] = str(school.id)
        data[f"schools-{index}-number"] = number
    return data


def link(user):
    db.session.add(FeideLink(user_id=user.id, subject=secrets.token_hex(8), feide_name=f"{user.name}@feide"))
    db.session.commit()


def test_org_admin_chooses_mode_automatic_staff_and_numbers(world, login):
    client = login(world.users["org_admin"])
    response = client.post(f"/app/feide?org={world.org.id}", data=form(world, numbers=("999 111 001", "")))
    assert response.status_code == 302
    setting = db.session.get(SignInSetting, world.org.id)
    assert (setting.mode, setting.auto_staff) == (SignInMode.BOTH, True)
    assert db.session.get(SchoolOrgNumber, world.other_school.id).number == "999111001"  # spaces dropped
    assert db.session.get(SchoolOrgNumber, world.school.id) is None
    page = client.get(f"/app/feide?org={world.org.id}").get_data(as_text=True)
    assert 'value="999111001"' in page


def test_looking_at_the_page_changes_nothing(world, login):
    assert login(world.users["org_admin"]).get(f"/app/feide?org={world.org.id}").status_code == 200
    assert db.session.get(SignInSetting, world.org.id) is None


def test_a_bad_number_is_explained_and_what_was_typed_is_kept(world, login):
    client = login(world.users["org_admin"])
    response = client.post(
        f"/app/feide?org={world.org.id}",
        data=form(world, numbers=("12345", "999111002")),
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "An organisation number has nine digits." in page and 'value="12345"' in page
    assert db.session.get(SignInSetting, world.org.id) is None  # nothing saved


def test_one_number_belongs_to_one_school(world, login):
    db.session.add(SchoolOrgNumber(school_id=world.far_school.id, number="999111001"))
    db.session.commit()
    client = login(world.users["org_admin"])
    response = client.post(f"/app/feide?org={world.org.id}", data=form(world), headers={"Accept-Language": "en"})
    assert response.status_code == 400 and "belongs to another school" in response.get_data(as_text=True)


def test_feide_only_needs_the_administrator_signed_in_with_feide_first(world, login):
    admin = world.users["org_admin"]
    client = login(admin)
    response = client.post(f"/app/feide?org={world.org.id}", data=form(world, mode="feide"))
    assert response.status_code == 400 and db.session.get(SignInSetting, world.org.id) is None
    link(admin)
    response = client.post(f"/app/feide?org={world.org.id}", data=form(world, mode="feide"))
    assert response.status_code == 302 and db.session.get(SignInSetting, world.org.id).mode == SignInMode.FEIDE


def test_administrators_remove_a_link_and_it_is_on_record(world, login, create_user):
    teacher = world.users["staff"]
    link(teacher)
    client = login(world.users["school_admin"])
    assert client.post(f"/app/feide/links/{teacher.id}/remove").status_code == 302
    assert db.session.scalar(db.select(FeideLink)) is None
    event = db.session.scalar(db.select(AccessEvent).where(AccessEvent.kind == "feide_unlinked"))
    assert (event.actor_id, event.subject_id) == (world.users["school_admin"].id, teacher.id)


def test_nobody_removes_their_own_link(world, login):
    teacher = world.users["staff"]
    link(teacher)
    assert login(teacher).post(f"/app/feide/links/{teacher.id}/remove").status_code == 403
    assert db.session.scalar(db.select(FeideLink)) is not None


def test_the_page_costs_the_same_queries_however_many_links(world, login, create_user, query_counter):
    client = login(world.users["org_admin"])
    link(world.users["staff"])
    url = f"/app/feide?org={world.org.id}"
    client.get(url)
    with query_counter() as few:
        client.get(url)
    for number in range(5):
        link(create_user(Role.STAFF, school=world.school, name=f"Lærer {number}"))
    with query_counter() as many:
        assert client.get(url).status_code == 200
    assert many.count == few.count == 7


def test_a_tampered_school_id_is_ignored(world, login):
    client = login(world.users["org_admin"])
    data = {**form(world), "schools-0-school_id": "not a number", "schools-1-school_id": str(world.far_school.id)}
    data["schools-1-number"] = "999111009"
    assert client.post(f"/app/feide?org={world.org.id}", data=data).status_code == 302
    assert db.session.scalar(db.select(SchoolOrgNumber)) is None  # another municipality's school is untouched


def test_a_rector_sees_and_removes_the_links_at_their_school(world, login, create_user):
    link(world.users["staff"])
    link(world.users["staff_other_school"])
    client = login(world.users["school_admin"])
    page = client.get(f"/app/schools/{world.school.slug}/feide").get_data(as_text=True)
    assert "Stina Staff" in page and "Otto Annen" not in page  # only the school's own people
    response = client.post(
        f"/app/feide/links/{world.users['staff'].id}/remove", data={"next": f"/app/schools/{world.school.slug}/feide"}
    )
    assert response.headers["Location"].endswith(f"/app/schools/{world.school.slug}/feide")
    assert db.session.scalar(db.select(db.func.count()).select_from(FeideLink)) == 1


def test_the_remove_button_returns_to_the_page_it_is_on(world, login):
    link(world.users["staff"])
    client = login(world.users["school_admin"])
    page = client.get(f"/app/schools/{world.school.slug}/feide").get_data(as_text=True)
    assert f'name="next" value="/app/schools/{world.school.slug}/feide"' in page
