"""A school administrator files a closed case with the archive's number; the journal lists closed cases'
metadata as CSV and Noark-5-shaped XML; purge keeps unfiled cases unless the school chose otherwise."""

import csv
import io
from datetime import timedelta
from xml.etree.ElementTree import fromstring

from sqlalchemy import select

from intranet.archive.journal import NOARK
from intranet.archive.metadata import ACCESS_CODE
from intranet.auth.access import AccessEvent
from intranet.cases.models import Case, CaseEvent
from intranet.schools.models import School

from ...conftest import count_queries


def archive_url(world, rest=""):
    return f"/app/schools/{world.school.slug}/archive{rest}"


def test_school_admin_files_a_closed_case_and_the_trail_says_so(client, world, login, db, cases):
    login(world.users["school_admin"])
    url = archive_url(world, f"/cases/{world.closed_case_id}/file?lang=en")
    empty = client.post(url, data={"archive_reference": "  "})
    assert empty.status_code == 422 and "Write the case number the archive gave." in empty.get_data(as_text=True)
    assert client.post(url, data={"archive_reference": "2026/1234"}).status_code == 303
    case = db.session.get(Case, world.closed_case_id)
    assert case.archive_reference == "2026/1234" and case.filed_at is not None
    assert case.filed_by_id == world.users["school_admin"].id
    kinds = db.session.scalars(select(CaseEvent.kind).where(CaseEvent.case_id == case.id)).all()
    assert "filed" in kinds
    page = client.get(f"/app/schools/{world.school.slug}/cases/{case.id}?lang=en").get_data(as_text=True)
    assert "marked the case filed in the archive as 2026/1234" in page and "Filed as 2026/1234" in page


def test_an_open_case_cannot_be_filed_and_staff_cannot_file(client, world, login, db, cases):
    login(world.users["school_admin"])
    assert (
        client.post(archive_url(world, f"/cases/{world.case_id}/file"), data={"archive_reference": "1"}).status_code
        == 403
    )
    login(world.users["staff"])
    url = archive_url(world, f"/cases/{world.closed_case_id}/file")
    assert client.post(url, data={"archive_reference": "1"}).status_code == 403
    assert db.session.get(Case, world.closed_case_id).filed_at is None


def test_journal_lists_closed_cases_metadata_in_csv_and_noark_xml(client, world, login, db, cases):
    closed = db.session.get(Case, world.closed_case_id)
    login(world.users["school_admin"])
    with count_queries(db.engine) as queries:
        response = client.get(archive_url(world, "/journal.csv"))
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert [row["case_reference"] for row in rows] == [closed.reference]  # the open case is not in it
    assert rows[0]["school"] == world.school.name and rows[0]["opened_by"] == "Stina Staff"
    assert rows[0]["access_code"] == ACCESS_CODE and rows[0]["closed_at"].startswith(str(closed.closed_at.year))
    first = queries.count
    xml = client.get(archive_url(world, "/journal.xml"))
    assert xml.status_code == 200 and xml.mimetype == "application/xml"
    root = fromstring(xml.data)  # noqa: S314 - our own export
    folder = root.find(f"{{{NOARK}}}arkivdel/{{{NOARK}}}mappe")
    assert folder.findtext(f"{{{NOARK}}}tittel") == closed.reference
    assert folder.findtext(f"{{{NOARK}}}saksansvarlig") == "Stina Staff"
    assert folder.findtext(f"{{{NOARK}}}administrativEnhet") == world.school.name
    assert folder.findtext(f"{{{NOARK}}}skjerming/{{{NOARK}}}skjermingshjemmel") == "offl. § 13 jf. fvl. § 13"
    assert folder.findtext(f"{{{NOARK}}}avsluttetDato") == closed.closed_at.isoformat(timespec="seconds")
    # The same number of queries however many cases are closed.
    from intranet.cases import operations as ops

    staff = world.users["staff"]
    for _ in range(3):
        ops.close_case(ops.open_case(world.school, closed.runs[0].form_version, user=staff), note="x", user=staff)
    db.session.commit()
    with count_queries(db.engine) as queries:
        again = client.get(archive_url(world, "/journal.csv"))
    assert again.get_data(as_text=True).count("\r\n") == 5 and queries.count == first


def test_purge_keeps_an_expired_unfiled_case_until_the_school_chooses_otherwise(app, client, world, login, db, cases):
    closed = db.session.get(Case, world.closed_case_id)
    closed.closed_at = closed.closed_at - timedelta(days=400)
    db.session.commit()
    runner = app.test_cli_runner()
    kept = runner.invoke(args=["purge-cases"]).output
    assert "0 expired case(s) deleted" in kept and "1 expired case(s) kept until filed in the archive" in kept
    assert db.session.get(Case, world.closed_case_id) is not None

    login(world.users["school_admin"])
    assert client.post(archive_url(world, "/purge-setting"), data={"purge_unfiled": "y"}).status_code == 303
    db.session.expire_all()
    assert db.session.get(School, world.school.id).purge_unfiled is True
    logged = db.session.scalars(select(AccessEvent).where(AccessEvent.kind == "purge_unfiled")).all()
    assert [(e.actor_id, e.data["allowed"]) for e in logged] == [(world.users["school_admin"].id, True)]
    log_page = client.get(f"/app/schools/{world.school.slug}/access?lang=en").get_data(as_text=True)
    assert "chose that expired cases are deleted even when not filed in the archive" in log_page

    assert "1 expired case(s) deleted" in runner.invoke(args=["purge-cases"]).output
    db.session.expire_all()
    assert db.session.get(Case, world.closed_case_id) is None


def test_purge_setting_is_for_the_school_admin_only(client, world, login, db, cases):
    login(world.users["staff"])
    assert client.post(archive_url(world, "/purge-setting"), data={"purge_unfiled": "y"}).status_code == 403
    assert db.session.get(School, world.school.id).purge_unfiled is False
