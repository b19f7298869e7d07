"""Staff work a case: open it, answer steps row by row, notes, members, closing, the record, the trail."""

import copy
import subprocess
import threading
from datetime import timedelta

import pytest
from sqlalchemy import select

from intranet.cases import operations as ops
from intranet.cases.models import Answer, Case, CaseEvent
from intranet.formsadmin import operations as form_ops

from ...conftest import session_id_for
from ..conftest import AGE_CHECKLIST


def case_url(world, rest="", case_id=None):
    return f"/app/schools/{world.school.slug}/cases/{case_id or world.case_id}{rest}"


def answer_url(world, key):
    return case_url(world, f"/runs/{world.run_id}/fields/{key}")


def events(db, case_id, kind=None):
    db.session.expire_all()
    query = select(CaseEvent).where(CaseEvent.case_id == case_id).order_by(CaseEvent.id)
    return [e for e in db.session.scalars(query) if kind is None or e.kind == kind]


def answers(db, run_id):
    db.session.expire_all()
    return {a.field_key: a for a in db.session.scalars(select(Answer).where(Answer.run_id == run_id))}


def test_opening_a_case_gives_the_next_reference_of_the_year_and_makes_the_opener_a_member(
    client, world, login, db, school_form
):
    login(world.users["staff"])
    page = client.get(f"/app/schools/{world.school.slug}/cases/new?lang=en").get_data(as_text=True)
    assert "Never the student&#39;s name" in page and "Intoxicated student" in page  # a hint is escaped text
    data = {"checklist": str(school_form.latest.id), "label": "10B mandag", "archive_reference": "24/1234"}
    first = client.post(f"/app/schools/{world.school.slug}/cases/new", data=data)
    second = client.post(f"/app/schools/{world.school.slug}/cases/new", data={"checklist": str(school_form.latest.id)})
    assert first.status_code == second.status_code == 303
    cases = db.session.scalars(select(Case).order_by(Case.id)).all()
    assert [case.number for case in cases] == [1, 2]
    assert cases[0].reference.endswith("-001") and cases[0].label == "10B mandag"
    assert [m.user_id for m in cases[0].members] == [world.users["staff"].id]
    assert [e.kind for e in events(db, cases[0].id)] == ["opened", "checklist_started"]
    refused = client.post(f"/app/schools/{world.school.slug}/cases/new?lang=en", data={"label": "x"})
    assert refused.status_code == 422 and "Choose the situation." in refused.get_data(as_text=True)


def test_a_tick_is_saved_with_who_and_when_and_a_double_submit_changes_nothing(client, world, login, db, cases):
    login(world.users["staff"])
    client.post(answer_url(world, "age"), data={f"r{world.run_id}-age": "under_18"})
    for _ in range(2):
        response = client.post(
            answer_url(world, "call_guardians"),
            data={f"r{world.run_id}-call_guardians": "y"},
            headers={"HX-Request": "true"},
        )
        assert response.status_code == 200 and "<html" not in response.get_data(as_text=True)
    saved = answers(db, world.run_id)
    assert saved["call_guardians"].value is True and saved["call_guardians"].answered_by_id == world.users["staff"].id
    assert len(events(db, world.case_id, "answered")) == 2, "age once, the tick once"
    assert "Stina Staff" in response.get_data(as_text=True)


def test_a_step_hidden_by_the_answers_a_wrong_value_and_a_closed_case_are_refused(client, world, login, db, cases):
    login(world.users["staff"])
    hidden = client.post(
        answer_url(world, "call_guardians") + "?lang=en",
        data={f"r{world.run_id}-call_guardians": "y"},
        headers={"HX-Request": "true"},
    )
    assert hidden.status_code == 409 and "an earlier answer has changed" in hidden.get_data(as_text=True)
    wrong = client.post(
        answer_url(world, "age") + "?lang=en", data={f"r{world.run_id}-age": "teen"}, headers={"HX-Request": "true"}
    )
    assert wrong.status_code == 409
    assert answers(db, world.run_id) == {}
    closed_run = db.session.get(Case, world.closed_case_id).runs[0].id
    url = case_url(world, f"/runs/{closed_run}/fields/age?lang=en", world.closed_case_id)
    closed = client.post(url, data={f"r{closed_run}-age": "adult"}, headers={"HX-Request": "true"})
    assert closed.status_code == 409 and "The case is closed" in closed.get_data(as_text=True)
    assert answers(db, closed_run) == {}


def test_changing_an_answer_hides_the_steps_that_depended_on_it(client, world, login, db, cases):
    login(world.users["staff"])
    client.post(answer_url(world, "age"), data={f"r{world.run_id}-age": "under_18"})
    shown = client.get(case_url(world, "?lang=en")).get_data(as_text=True)
    assert "Call the guardians" in shown and "Due " in shown and "Responsible: " in shown
    client.post(answer_url(world, "age"), data={f"r{world.run_id}-age": "adult"})
    assert "Call the guardians" not in client.get(case_url(world, "?lang=en")).get_data(as_text=True)


def test_a_note_is_kept_on_the_step_and_logged(client, world, login, db, cases):
    login(world.users["staff"])
    response = client.post(answer_url(world, "age") + "/note", data={"note": "Ringte mor kl. 10"})
    assert response.status_code == 303
    assert answers(db, world.run_id)["age"].note == "Ringte mor kl. 10"
    assert [e.data["note"] for e in events(db, world.case_id, "noted")] == ["Ringte mor kl. 10"]


def test_only_members_and_the_schools_admins_see_a_case(client, world, login, db, cases, create_user):
    from intranet.auth.models import Role

    colleague = create_user(Role.STAFF, school=world.school, email="kollega@example.no", name="Kari Kollega")
    login(colleague)
    assert client.get(case_url(world)).status_code == 404
    listing = client.get(f"/app/schools/{world.school.slug}/cases/?lang=en").get_data(as_text=True)
    assert "10B" not in listing
    login(world.users["school_admin"])
    assert "10B" in client.get(f"/app/schools/{world.school.slug}/cases/?lang=en").get_data(as_text=True)
    client.post(case_url(world, "/members"), data={"user": str(colleague.id)})
    login(colleague)
    assert client.get(case_url(world)).status_code == 200
    assert [e.data["member"] for e in events(db, world.case_id, "member_added")] == ["Kari Kollega"]


def test_every_view_is_in_the_trail_and_events_cannot_be_changed(client, world, login, db, cases):
    login(world.users["school_admin"])
    client.get(case_url(world))
    (viewed,) = events(db, world.case_id, "viewed")
    assert viewed.user_id == world.users["school_admin"].id
    viewed.kind = "nothing"
    with pytest.raises(RuntimeError, match="append-only"):
        db.session.flush()
    db.session.rollback()
    with pytest.raises(RuntimeError, match="append-only"):
        db.session.delete(events(db, world.case_id)[0])
        db.session.flush()
    db.session.rollback()


def test_closing_needs_a_note_only_an_admin_reopens_and_the_record_is_a_pdf(client, world, login, db, cases, tmp_path):
    login(world.users["staff"])
    client.post(answer_url(world, "age"), data={f"r{world.run_id}-age": "under_18"})
    refused = client.post(case_url(world, "/close?lang=en"), data={"note": ""})
    assert refused.status_code == 422 and "Write why the case is closed" in refused.get_data(as_text=True)
    assert client.post(case_url(world, "/close"), data={"note": "Fulgt opp"}).status_code == 303
    assert client.post(case_url(world, "/reopen")).status_code == 403
    record = client.get(case_url(world, "/record.pdf?lang=en"))
    assert record.status_code == 200 and record.data.startswith(b"%PDF")
    pdf = tmp_path / "record.pdf"
    pdf.write_bytes(record.data)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    case = db.session.get(Case, world.case_id)
    assert f"Case {case.reference}" in text and "Under 18" in text and "Stina Staff" in text and "Fulgt opp" in text
    login(world.users["school_admin"])
    assert client.post(case_url(world, "/reopen")).status_code == 303
    assert [e.kind for e in events(db, world.case_id)][-3:] == ["closed", "exported", "reopened"]


def test_an_open_case_keeps_the_checklist_version_it_started_with(client, world, login, db, cases, school_form):
    school_form.draft = copy.deepcopy(AGE_CHECKLIST) | {"title": {"nb": "Ny tittel", "en": "New title"}}
    form_ops.publish(school_form, note="v2", user=None)
    db.session.commit()
    login(world.users["staff"])
    page = client.get(case_url(world, "?lang=en")).get_data(as_text=True)
    heading = page[page.index(f'id="run-{world.run_id}-heading"') :].split("</h2>")[0]
    assert "Intoxicated student" in heading and "version 1" in heading


def test_two_people_ticking_different_steps_at_once_both_count(app, world, db, cases):
    """Each answer is its own row: parallel requests never overwrite each other (on PostgreSQL too)."""
    from intranet.auth.models import Role

    two_steps = copy.deepcopy(AGE_CHECKLIST)
    two_steps["key"] = "two_steps"
    for index in range(2, 12):
        two_steps["fields"].append({"key": f"step_{index}", "type": "check", "label": {"nb": f"Steg {index}"}})
    form = form_ops.import_form(world.school, two_steps, user=None)
    version = form_ops.publish(form, note="v1", user=None)
    staff = world.users["staff"]
    case = ops.open_case(world.school, version, user=staff)
    db.session.commit()
    run_id = case.runs[0].id
    url = f"/app/schools/{world.school.slug}/cases/{case.id}/runs/{run_id}/fields/"
    admin = world.users["school_admin"]
    assert admin.memberships[0].role == Role.SCHOOL_ADMIN
    barrier = threading.Barrier(10)
    statuses = []

    people = {"staff": session_id_for(staff), "admin": session_id_for(admin)}

    def tick(index, who):
        client = app.test_client()
        with client.session_transaction() as session:
            session["_user_id"], session["_fresh"] = people[who], True
        barrier.wait(timeout=30)
        statuses.append(client.post(url + f"step_{index}", data={f"r{run_id}-step_{index}": "y"}).status_code)

    threads = [threading.Thread(target=tick, args=(i, "staff" if i % 2 else "admin")) for i in range(2, 12)]
    for thread in threads:
        thread.start()
    db.session.close()  # the test's own connection must not sit idle in a transaction meanwhile
    for thread in threads:
        thread.join(timeout=60)
    assert statuses == [303] * 10
    saved = answers(db, run_id)
    assert {key for key, answer in saved.items() if answer.value is True} == {f"step_{i}" for i in range(2, 12)}


def test_the_case_page_takes_a_fixed_number_of_queries(client, world, login, db, cases, query_counter):
    login(world.users["staff"])
    client.get(case_url(world))  # the first request of the test also loads what later ones find in the session
    with query_counter() as few:
        client.get(case_url(world))
    client.post(answer_url(world, "age"), data={f"r{world.run_id}-age": "under_18"})
    client.post(answer_url(world, "call_guardians"), data={f"r{world.run_id}-call_guardians": "y"})
    for _ in range(5):
        client.get(case_url(world))
    with query_counter() as many:
        client.get(case_url(world))
    assert many.count == few.count


def test_a_long_timeline_shows_the_newest_events_and_links_to_all_of_them(client, world, login, db, cases):
    from intranet.cases.views import TIMELINE_SHOWN

    login(world.users["staff"])
    for _ in range(TIMELINE_SHOWN + 5):  # every view is an event
        client.get(case_url(world))
    total = len(events(db, world.case_id))
    page = client.get(case_url(world, "?lang=en")).get_data(as_text=True)
    timeline = page[page.index('id="timeline-heading"') :]
    assert timeline.count("<li>") == TIMELINE_SHOWN
    assert f"The newest {TIMELINE_SHOWN} of {total} events." in timeline, "a page's own view is recorded after it"
    whole = client.get(case_url(world, "?lang=en&timeline=all")).get_data(as_text=True)
    whole_timeline = whole[whole.index('id="timeline-heading"') :]
    assert whole_timeline.count("<li>") == total + 1 and "The newest" not in whole_timeline


def test_purge_deletes_only_expired_closed_cases_and_says_what_it_did(app, world, db, cases):
    closed = db.session.get(Case, world.closed_case_id)
    reference = closed.reference
    runner = app.test_cli_runner()
    assert "0 expired case(s) found" in runner.invoke(args=["purge-cases", "--dry-run"]).output
    closed.closed_at = closed.closed_at - timedelta(days=181)
    closed.filed_at = closed.closed_at  # filed in the archive: purge may delete it (archive tests: unfiled)
    db.session.commit()
    dry = runner.invoke(args=["purge-cases", "--dry-run"])
    assert f"would delete {world.school.slug} case {reference}" in dry.output
    assert db.session.get(Case, world.closed_case_id) is not None
    result = runner.invoke(args=["purge-cases"])
    assert "1 expired case(s) deleted" in result.output
    db.session.expire_all()
    assert db.session.get(Case, world.closed_case_id) is None
    assert events(db, world.closed_case_id) == []
    assert db.session.get(Case, world.case_id) is not None


def test_overdue_steps_show_on_the_list_and_the_dashboard(client, world, login, db, cases):
    case = db.session.get(Case, world.case_id)
    case.opened_at = case.opened_at - timedelta(hours=3)
    db.session.commit()
    login(world.users["staff"])
    client.post(answer_url(world, "age"), data={f"r{world.run_id}-age": "under_18"})
    listing = client.get(f"/app/schools/{world.school.slug}/cases/?lang=en").get_data(as_text=True)
    assert "1 step overdue" in listing
    dashboard = client.get("/app/?lang=en").get_data(as_text=True)
    assert "1 overdue step on your cases" in dashboard and "Call the guardians" in dashboard


def test_text_number_date_and_contact_answers_save_the_same_way(client, world, login, db, cases, contacts):
    definition = {
        "key": "other_types",
        "kind": "checklist",
        "default_language": "nb",
        "title": {"nb": "Andre felt"},
        "fields": [
            {"key": "where", "type": "text", "label": {"nb": "Hvor?"}},
            {"key": "how_many", "type": "number", "label": {"nb": "Hvor mange?"}, "settings": {"integer": True}},
            {"key": "when", "type": "date", "label": {"nb": "Når?"}},
            {"key": "who", "type": "contact", "label": {"nb": "Hvem tar det videre?"}},
        ],
    }
    form = form_ops.import_form(world.school, definition, user=None)
    version = form_ops.publish(form, note="v1", user=None)
    case = ops.open_case(world.school, version, user=world.users["staff"])
    db.session.commit()
    run = case.runs[0].id
    login(world.users["staff"])
    url = f"/app/schools/{world.school.slug}/cases/{case.id}/runs/{run}/fields/"
    page = client.get(f"/app/schools/{world.school.slug}/cases/{case.id}?lang=en").get_data(as_text=True)
    person = page[page.index(f'name="r{run}-who"') :].split('value="person:')[1].split('"')[0]
    posted = {
        "where": "Skolegården",
        "how_many": "3",
        "when": "2026-11-20",
        "who": f"person:{person}",
    }
    for key, value in posted.items():
        assert client.post(url + key, data={f"r{run}-{key}": value}).status_code == 303
    wrong = client.post(url + "how_many?lang=en", data={f"r{run}-how_many": "mange"}, headers={"HX-Request": "true"})
    assert wrong.status_code == 409 and 'value="mange"' in wrong.get_data(as_text=True), "what was typed stays"
    saved = {key: answer.value for key, answer in answers(db, run).items()}
    assert saved == {"where": "Skolegården", "how_many": 3, "when": "2026-11-20", "who": f"person:{person}"}
