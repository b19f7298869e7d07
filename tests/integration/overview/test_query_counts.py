"""The overview's pages send a fixed number of SQL statements, however many schools and cases."""

from intranet.auth.models import Role

from ...conftest import login_as

ORG = "/app/organisations/testvik/overview"
# session with user and memberships; the organisation; then the page's own statements
PINNED = {
    f"{ORG}/": 9,  # + schools with plan, revision, template, staff, open cases; adopted checklists; overdue
    # steps; sections; contacts with their roles; role catalogues; municipal checklists (titles)
    f"{ORG}/schools.csv": 9,
    f"{ORG}/statistics": 6,  # + cases per school/situation/term; titles; steps per school and term; schools
    f"{ORG}/checklists": 4,  # + municipal checklists; steps per checklist and step
}
SCHOOL_PAGE = "/app/schools/testvik-us/statistics"
SCHOOL_PINNED = 5  # session; school; cases per situation and term; titles; steps per term


def _counts(client, query_counter, paths):
    found = {}
    for path in paths:
        with query_counter() as counter:
            response = client.get(path)
        assert response.status_code == 200, path
        found[path] = counter.count
    return found


def test_overview_pages_send_the_same_statements_for_more_schools_and_cases(
    client, world, step_cases, published_plan, contacts, query_counter, create_school, create_user
):
    step_cases.open(world.school, hours_ago=5)
    login_as(client, world.users["org_admin"])
    before = _counts(client, query_counter, PINNED)
    for n in range(4):
        school = create_school(world.org, name=f"Skole {n}", slug=f"skole-{n}")
        create_user(Role.STAFF, school=school, email=f"staff{n}@example.no")
        for hours in (1, 30, 80):
            step_cases.open(school, hours_ago=hours, answers=[("call", 1)], closed=hours > 50)
    after = _counts(client, query_counter, PINNED)
    assert before == after == PINNED


def test_a_schools_own_statistics_send_a_pinned_number_of_statements(client, world, step_cases, query_counter):
    login_as(client, world.users["school_admin"])
    step_cases.open(world.school, hours_ago=5)
    before = _counts(client, query_counter, [SCHOOL_PAGE])
    for hours in range(1, 12):
        step_cases.open(world.school, hours_ago=hours * 300, answers=[("meet", 3)])
    assert before == _counts(client, query_counter, [SCHOOL_PAGE]) == {SCHOOL_PAGE: SCHOOL_PINNED}


def test_plan_status_statements_do_not_grow_with_hundreds_of_contacts(client, world, db, query_counter):
    """A loader that batches (selectin loads take 500 keys a statement) would add statements here."""
    from intranet.contacts.models import ContactPerson, ContactRole

    login_as(client, world.users["org_admin"])
    path = f"{ORG}/"
    for n in range(520):
        contact = ContactPerson(
            school_id=world.school.id, name=f"Person {n}", title={}, phone="+4791111111", position=n
        )
        contact.role_links = [ContactRole(role_key="rector")]
        db.session.add(contact)
    db.session.commit()
    assert _counts(client, query_counter, [path]) == {path: PINNED[path]}
