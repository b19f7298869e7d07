"""Access requests: a school administrator exports what the product holds about one staff member (JSON,
readable PDF), and one pupil's case found by its archive reference or case reference."""

import json
import subprocess

from sqlalchemy import select

from intranet.cases import operations as ops
from intranet.cases.models import Case, CaseEvent

from ...conftest import count_queries


def privacy_url(world, rest=""):
    return f"/app/schools/{world.school.slug}/privacy{rest}"


def test_staff_member_export_holds_account_memberships_events_and_answers(client, world, login, db, cases):
    staff = world.users["staff"]
    case = db.session.get(Case, world.case_id)
    ops.answer_field(case.runs[0], "age", "under_18", user=staff)
    db.session.commit()
    login(world.users["school_admin"])
    with count_queries(db.engine) as queries:
        response = client.get(privacy_url(world, f"/people/{staff.id}.json"))
    assert response.status_code == 200 and response.mimetype == "application/json"
    data = json.loads(response.data)
    assert data["account"]["email"] == "staff@example.no" and data["account"]["name"] == "Stina Staff"
    assert [m["role"] for m in data["memberships"]] == ["staff"]
    assert {e["kind"] for e in data["case_events"]} >= {"opened", "answered", "closed"}
    assert {e["case"] for e in data["case_events"]} == {
        case.reference,
        db.session.get(Case, world.closed_case_id).reference,
    }
    answer = data["answers"][0]
    assert len(data["answers"]) == 1
    assert (answer["case"], answer["field"]) == (case.reference, "age")
    assert answer["question"] == "Alder"  # in the reader's language (the school's default here)
    # What was answered about the pupil is the pupil's data, not the staff member's (art. 15(4)).
    assert "under_18" not in response.get_data(as_text=True)
    assert "reminders" in data and "access_log" in data and "sign_ins" in data
    first = queries.count
    ops.answer_field(case.runs[0], "call_guardians", True, user=staff)  # more data, same number of queries
    db.session.commit()
    with count_queries(db.engine) as queries:
        client.get(privacy_url(world, f"/people/{staff.id}.json"))
    assert queries.count == first


def test_staff_member_export_as_readable_pdf(client, world, login, db, cases, tmp_path):
    ops.answer_field(db.session.get(Case, world.case_id).runs[0], "age", "under_18", user=world.users["staff"])
    db.session.commit()
    login(world.users["school_admin"])
    response = client.get(privacy_url(world, f"/people/{world.users['staff'].id}.pdf?lang=en"))
    assert response.status_code == 200 and response.data.startswith(b"%PDF")
    pdf = tmp_path / "person.pdf"
    pdf.write_bytes(response.data)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "What Testvik ungdomsskole holds about" in text and "Stina Staff" in text
    assert "E-mail" in text and "staff@example.no" in text and "Case events they caused" in text
    assert "Staff at Testvik ungdomsskole" in text and "opened the case" in text and "closed the case" in text
    assert "answered “Alder”" in text and "Under 18" not in text  # the question as seen, not the answer
    for key in ("has_password", "reminder_setting", "'kind'", "True"):  # words, never keys or raw values
        assert key not in text


def test_a_person_of_another_school_is_not_found(client, world, login, db, cases):
    login(world.users["school_admin"])
    assert client.get(privacy_url(world, f"/people/{world.users['staff_other_school'].id}.json")).status_code == 404


def test_pupil_case_found_by_archive_reference_or_case_reference_and_exported(client, world, login, db, cases):
    case = db.session.get(Case, world.closed_case_id)
    case.archive_reference = "2026/777"
    db.session.commit()
    login(world.users["school_admin"])
    by_archive = client.get(privacy_url(world, "/?reference=2026/777&lang=en")).get_data(as_text=True)
    assert f"Export case {case.reference} as JSON" in by_archive
    by_reference = client.get(privacy_url(world, f"/?reference={case.reference}&lang=en")).get_data(as_text=True)
    assert f"Export case {case.reference} as JSON" in by_reference
    missing = client.get(privacy_url(world, "/?reference=1999-999&lang=en"))
    assert missing.status_code == 404
    assert "No case at the school has the reference “1999-999”." in missing.get_data(as_text=True)
    assert 'value="1999-999"' in missing.get_data(as_text=True)  # what was typed is kept

    exported = json.loads(client.get(privacy_url(world, f"/cases/{case.id}.json?lang=en")).data)
    assert exported["reference"] == case.reference and exported["archive_reference"] == "2026/777"
    assert exported["checklists"][0]["title"] == "Intoxicated student"
    assert exported["members"] == ["Stina Staff"] and exported["closing_note"] == "Done"
    last = db.session.scalars(
        select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.id.desc())
    ).first()
    assert (last.kind, last.data) == ("exported", {"purpose": "access_request"})
    timeline = client.get(f"/app/schools/{world.school.slug}/cases/{case.id}?lang=en").get_data(as_text=True)
    assert "exported the case for an access request" in timeline and "exported the record as PDF" not in timeline


def test_staff_cannot_answer_access_requests(client, world, login, db, cases):
    login(world.users["staff"])
    assert client.get(privacy_url(world, "/")).status_code == 403
    assert client.get(privacy_url(world, f"/cases/{world.case_id}.json")).status_code == 403
