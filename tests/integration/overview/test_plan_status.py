"""The municipality's plan-status table: what each school shows, sorting, filtering, CSV and PDF."""

import csv
import io
import subprocess

from intranet.auth.models import Role
from intranet.cases.runs import overdue_steps
from intranet.contacts.overview import completeness
from intranet.overview.status import plan_status

from ...conftest import login_as

PAGE = "/app/organisations/testvik/overview/"


def _row(rows, school):
    return next(row for row in rows if row.school.id == school.id)


def test_open_cases_and_overdue_steps_are_counted_as_the_case_pages_count_them(db, world, step_cases):
    late = step_cases.open(world.school, hours_ago=3)  # call (2 h) overdue, meet (1 day) not yet
    done = step_cases.open(world.school, hours_ago=48, answers=[("call", 1)])  # meet overdue
    step_cases.open(world.school, hours_ago=72, closed=True)
    step_cases.open(world.other_school, hours_ago=1)
    rows = plan_status(world.org)
    mine = _row(rows, world.school)
    assert (mine.open_cases, mine.overdue) == (2, 2)
    assert mine.overdue == sum(len(overdue_steps(case.runs[0])) for case in (late, done))
    assert (_row(rows, world.other_school).open_cases, _row(rows, world.other_school).overdue) == (1, 0)
    assert {row.school.id for row in rows} == {world.school.id, world.other_school.id}  # not another municipality's


def test_contacts_complete_is_the_school_dashboards_own_rule(db, world, published_plan, contacts):
    rows = plan_status(world.org)
    for school in (world.school, world.other_school):
        assert _row(rows, school).contacts_complete == completeness(school).contacts_complete
    assert _row(rows, world.school).published and not _row(rows, world.other_school).published


def test_staff_count_and_template_state(db, world, published_plan, create_user):
    create_user(Role.STAFF, school=world.school, email="more@example.no")
    rows = plan_status(world.org)
    mine = _row(rows, world.school)
    assert mine.staff == 3  # staff, rector and the one added
    assert mine.template_behind is False and _row(rows, world.other_school).template_behind is None
    assert mine.revision == 1


def test_the_table_sorts_and_filters_from_the_query_string(client, world, published_plan, create_user):
    for n in range(3):
        create_user(Role.STAFF, school=world.other_school, email=f"s{n}@example.no")
    login_as(client, world.users["org_admin"])
    page = client.get(PAGE + "?sort=staff&dir=desc").get_data(as_text=True)
    assert page.index("Andreby skole") < page.index("Testvik ungdomsskole")
    assert 'aria-sort="descending"' in page
    page = client.get(PAGE + "?published=no").get_data(as_text=True)
    assert "Andreby skole" in page and "Testvik ungdomsskole" not in page
    page = client.get(PAGE + "?q=testvik").get_data(as_text=True)
    assert "Andreby skole" not in page and "Testvik ungdomsskole" in page
    for nonsense in ("?sort=__class__", "?dir=sideways&published=maybe", "?q=" + "x" * 5000):
        assert client.get(PAGE + nonsense).status_code == 200


def test_each_school_links_to_its_public_page(client, world):
    login_as(client, world.users["org_admin"])
    page = client.get(PAGE).get_data(as_text=True)
    assert f'href="/{world.school.slug}/"' in page and f'href="/{world.other_school.slug}/"' in page


def test_csv_has_a_row_per_school_and_no_formulas(client, world, create_school):
    create_school(world.org, name="=HYPERLINK(1)", slug="formula")
    login_as(client, world.users["org_admin"])
    response = client.get(PAGE + "schools.csv?lang=en")
    assert response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0][0] == "School" and rows[0][-1] == "Public page"
    names = [row[0] for row in rows[1:]]
    assert "'=HYPERLINK(1)" in names and "Testvik ungdomsskole" in names and len(names) == 3


def test_pdf_is_one_page_for_the_municipality(client, world, published_plan, tmp_path):
    login_as(client, world.users["org_admin"])
    response = client.get(PAGE + "schools.pdf")
    assert response.mimetype == "application/pdf"
    path = tmp_path / "status.pdf"
    path.write_bytes(response.data)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert "Pages:           1" in info
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "Testvik" in text and "Andreby" in text
