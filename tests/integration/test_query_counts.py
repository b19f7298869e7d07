"""Pages send a fixed number of SQL statements however much data there is."""

from intranet.auth.models import Role

from ..conftest import login_as


def queries_for(client, query_counter, path):
    with query_counter() as counter:
        response = client.get(path)
    assert response.status_code == 200, path
    return counter.count


def test_staff_pages_use_a_fixed_number_of_queries(client, world, query_counter, create_school, create_user):
    admin = world.users["org_admin"]
    login_as(client, admin)
    paths = [
        "/app/",
        f"/app/schools/?org={world.org.id}",
        f"/app/schools/{world.school.slug}/people",
        "/",
        f"/{world.school.slug}/",
    ]
    before = {path: queries_for(client, query_counter, path) for path in paths}
    for number in range(8):
        school = create_school(world.org, name=f"Skole {number}", slug=f"skole-{number}")
        create_user(Role.STAFF, school=world.school, name=f"Tilsett {number}")
        create_user(Role.SCHOOL_ADMIN, school=school)
    after = {path: queries_for(client, query_counter, path) for path in paths}
    assert after == before


def test_dashboard_queries_do_not_grow_with_memberships(client, world, query_counter, create_school, db):
    from intranet.auth.models import Membership

    user = world.users["staff"]
    login_as(client, user)
    one = queries_for(client, query_counter, "/app/")
    for number in range(6):
        school = create_school(world.org, slug=f"flere-{number}")
        db.session.add(Membership(user_id=user.id, school_id=school.id, role=Role.STAFF))
    db.session.commit()
    assert queries_for(client, query_counter, "/app/") == one


CASE_PAGE_STATEMENTS = 9  # session; case with school, members and runs; answers; contacts with roles; the
# timeline with its count; its users with the school's staff; the checklists to start; the roles; the "viewed" event


def test_the_case_page_sends_a_pinned_number_of_statements_however_long_its_timeline(
    client, world, cases, query_counter
):
    login_as(client, world.users["staff"])
    path = f"/app/schools/{world.school.slug}/cases/{world.case_id}"
    client.get(path)  # the first request also loads what later ones find in the session
    counts = [queries_for(client, query_counter, path)]
    for key, value in (("age", "under_18"), ("call_guardians", "y")):
        client.post(f"{path}/runs/{world.run_id}/fields/{key}", data={f"r{world.run_id}-{key}": value})
    counts += [queries_for(client, query_counter, path), queries_for(client, query_counter, path + "?timeline=all")]
    assert counts == [CASE_PAGE_STATEMENTS] * 3
