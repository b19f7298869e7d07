"""A school administrator takes a colleague off a case; every grant of access names who gave it."""

import pytest
from sqlalchemy import select

from intranet.auth.models import Role, User
from intranet.cases.models import Case, CaseEvent, CaseMember


@pytest.fixture
def kari(world, db, cases, create_user, client, login):
    """A colleague the staff member added to the open case."""
    kari = create_user(Role.STAFF, school=world.school, email="kari@example.no", name="Kari Kollega")
    login(world.users["staff"])
    assert client.post(case_path(world, "/members"), data={"user": str(kari.id)}).status_code == 303
    return kari


def case_path(world, rest="", case_id=None):
    return f"/app/schools/{world.school.slug}/cases/{case_id or world.case_id}{rest}"


def member_ids(db, case_id):
    db.session.expire_all()
    return {m.user_id for m in db.session.scalars(select(CaseMember).where(CaseMember.case_id == case_id))}


def kinds(db, case_id, kind):
    db.session.expire_all()
    return db.session.scalars(select(CaseEvent).where(CaseEvent.case_id == case_id, CaseEvent.kind == kind)).all()


def test_an_admin_takes_a_colleague_off_the_case_and_the_trail_keeps_the_name(client, world, login, db, kari):
    admin = world.users["school_admin"]
    login(admin)
    response = client.post(case_path(world, f"/members/{kari.id}/remove"))
    assert response.status_code == 303
    assert member_ids(db, world.case_id) == {world.users["staff"].id}
    (removed,) = kinds(db, world.case_id, "member_removed")
    assert removed.user_id == admin.id and removed.data == {"member": "Kari Kollega"}
    page = client.get(case_path(world, "?lang=en")).get_data(as_text=True)
    assert "took Kari Kollega off the case" in page and "added Kari Kollega to the case" in page
    login(kari)
    assert client.get(case_path(world)).status_code == 404, "need to know has ended"


def test_a_closed_case_member_can_be_taken_off_and_so_can_the_last_one(client, world, login, db, cases):
    staff = world.users["staff"]
    login(world.users["school_admin"])
    response = client.post(case_path(world, f"/members/{staff.id}/remove", world.closed_case_id))
    assert response.status_code == 303
    assert member_ids(db, world.closed_case_id) == set()
    assert client.get(case_path(world, case_id=world.closed_case_id)).status_code == 200, "the admins still see it"
    login(staff)
    assert client.get(case_path(world, case_id=world.closed_case_id)).status_code == 404


def test_taking_off_someone_not_on_the_case_is_refused_with_a_message(client, world, login, db, cases):
    login(world.users["school_admin"])
    response = client.post(case_path(world, f"/members/{world.users['school_admin'].id}/remove?lang=en"))
    assert response.status_code == 409
    assert "Rita Rektor is not on the case." in response.get_data(as_text=True)
    assert kinds(db, world.case_id, "member_removed") == []
    assert client.post(case_path(world, "/members/999999/remove")).status_code == 404


def test_a_member_who_is_not_an_admin_cannot_take_anyone_off(client, world, login, db, kari):
    login(world.users["staff"])
    assert client.post(case_path(world, f"/members/{kari.id}/remove")).status_code == 403
    assert kari.id in member_ids(db, world.case_id)
    page = client.get(case_path(world, "?lang=en")).get_data(as_text=True)
    assert "/remove" not in page, "no button for what they may not do"


def test_every_grant_names_who_gave_it_and_the_page_shows_it(client, world, login, db, kari):
    db.session.expire_all()
    case = db.session.get(Case, world.case_id)
    granted = {member.user_id: (member.added_by_id, member.added_by.name) for member in case.members}
    staff = world.users["staff"]
    assert granted == {staff.id: (staff.id, "Stina Staff"), kari.id: (staff.id, "Stina Staff")}
    login(world.users["school_admin"])
    page = client.get(case_path(world, "?lang=en")).get_data(as_text=True)
    members = page[page.index('id="members-heading"') : page.index('id="close-heading"')]
    assert members.count("added by Stina Staff, ") == 2
    assert f'action="{case_path(world, f"/members/{kari.id}/remove")}"' in members
    assert 'aria-label="Remove Kari Kollega from the case"' in members and 'name="csrf_token"' in members


def test_the_grant_outlives_the_account_that_gave_it(world, db, kari):
    """added_by is set to nothing when the granting account is deleted; the access itself stays."""
    db.session.delete(db.session.get(User, world.users["staff"].id))
    db.session.commit()
    (membership,) = db.session.scalars(select(CaseMember).where(CaseMember.user_id == kari.id)).all()
    assert membership.added_by_id is None and membership.case_id == world.case_id


def test_taking_someone_off_needs_the_form_token(client, world, login, db, kari, csrf_enabled):
    login(world.users["school_admin"])
    assert client.post(case_path(world, f"/members/{kari.id}/remove")).status_code == 400
    assert kari.id in member_ids(db, world.case_id)
