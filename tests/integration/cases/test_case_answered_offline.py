"""A case opened without a connection is worked through on the phone (issue #22): the phone keeps the page of
each checklist a new case starts with (every step on it, with the conditions that show a step), and the
answers given there arrive with the opening, each once, with the time it was given."""

import json
import re
import uuid
from datetime import UTC, datetime

from sqlalchemy import func, select

from intranet.cases.models import Answer, Case, CaseEvent
from intranet.offline.release import user_key

OPENED_OFFLINE = {"X-Offline": "opening"}


def blank_url(world, school_form) -> str:
    return f"/app/schools/{world.school.slug}/cases/new/{school_form.latest.id}"


def opening(world, school_form, key, **answers) -> dict:
    data = {"checklist": str(school_form.latest.id), "label": "Gymsal", "client_key": key}
    return data | answers


def test_the_checklist_of_a_new_case_shows_every_step_with_the_condition_that_shows_it(
    client, world, login, school_form
):
    login(world.users["staff"])
    response = client.get(blank_url(world, school_form))
    assert response.status_code == 200
    assert response.headers["X-Offline-Owner"] == user_key(world.users["staff"].id)
    html = response.get_data(as_text=True)
    assert 'name="rnew-age"' in html and 'name="rnew-call_guardians"' in html
    assert 'id="step-new-age-note"' in html, "a step takes a note on the phone too"
    hidden_step = re.search(r"<div id=\"step-new-call_guardians\"[^>]*>", html).group(0)
    rule = json.loads(re.search(r"data-show-if='([^']*)'", hidden_step).group(1))
    assert rule == {
        "mode": "all",
        "conditions": [{"name": "rnew-age", "op": "equals", "values": ["under_18"], "number": False}],
        "shown": False,
    }
    assert " hidden" in hidden_step
    assert "data-show-if" not in re.search(r"<div id=\"step-new-age\"[^>]*>", html).group(0)
    assert "data-hx-disable" in html, "nothing on the page posts: the answers wait with the opening"


def test_only_staff_of_the_school_get_a_published_checklist(client, world, login, school_form):
    url = blank_url(world, school_form)
    assert client.get(url).status_code in (302, 401)
    login(world.users["staff"])
    assert client.get(f"/app/schools/{world.school.slug}/cases/new/999999").status_code == 404


def test_the_worker_keeps_the_new_case_form_and_each_checklist_for_staff(client, world, login, school_form):
    login(world.users["staff"])
    about = client.get("/app/offline.json").get_json()
    assert about["cases"] == [f"/app/schools/{world.school.slug}/cases/new", blank_url(world, school_form)]


def test_answers_arrive_with_the_opening_in_order_with_the_time_each_was_given(client, world, login, db, school_form):
    login(world.users["staff"])
    key = str(uuid.uuid4())
    data = opening(
        world,
        school_form,
        key,
        **{
            "rnew-age": "under_18",
            "given-age": "2026-12-04T09:15:00+00:00",
            "rnew-call_guardians": "y",
            "given-call_guardians": "2026-12-04T09:17:00+00:00",
        },
    )
    response = client.post(f"/app/schools/{world.school.slug}/cases/new", data=data, headers=OPENED_OFFLINE)
    assert response.status_code == 201
    case = db.session.scalar(select(Case).where(Case.client_key == key))
    assert response.get_json() == {
        "reference": case.reference,
        "url": f"/app/schools/{world.school.slug}/cases/{case.id}",
    }
    answers = {a.field_key: a.value for a in db.session.scalars(select(Answer).where(Answer.run_id == case.runs[0].id))}
    assert answers == {"age": "under_18", "call_guardians": True}
    events = db.session.scalars(select(CaseEvent).where(CaseEvent.case_id == case.id, CaseEvent.kind == "answered"))
    given = {event.data["field"]: event.given_at.astimezone(UTC) for event in events}
    assert given == {
        "age": datetime(2026, 12, 4, 9, 15, tzinfo=UTC),
        "call_guardians": datetime(2026, 12, 4, 9, 17, tzinfo=UTC),
    }


def test_an_opening_sent_again_records_its_answers_once(client, world, login, db, school_form):
    login(world.users["staff"])
    key = str(uuid.uuid4())
    data = opening(world, school_form, key, **{"rnew-age": "adult", "given-age": "2026-12-04T09:15:00+00:00"})
    url = f"/app/schools/{world.school.slug}/cases/new"
    first = client.post(url, data=data, headers=OPENED_OFFLINE).get_json()
    again = client.post(url, data=data, headers=OPENED_OFFLINE).get_json()
    assert first == again
    case = db.session.scalar(select(Case).where(Case.client_key == key))
    answered = select(func.count()).where(CaseEvent.case_id == case.id, CaseEvent.kind == "answered")
    assert db.session.scalar(answered) == 1


def test_an_answer_the_answers_hide_is_left_out_and_the_person_told(client, world, login, db, school_form):
    """The phone hides a step whose condition stops holding; an answer to it that arrives anyway (an older
    page) is not saved, the case still opens, and the case page says which step's answer was left out."""
    login(world.users["staff"])
    key = str(uuid.uuid4())
    data = opening(world, school_form, key, **{"rnew-age": "adult", "rnew-call_guardians": "y"})
    response = client.post(f"/app/schools/{world.school.slug}/cases/new", data=data, headers=OPENED_OFFLINE)
    assert response.status_code == 201
    case = db.session.scalar(select(Case).where(Case.client_key == key))
    answers = {a.field_key: a.value for a in db.session.scalars(select(Answer).where(Answer.run_id == case.runs[0].id))}
    assert answers == {"age": "adult"}
    page = client.get(response.get_json()["url"]).get_data(as_text=True)
    assert "1 svar eller notat gitt på telefonen ble ikke lagret: Ring foresatte." in page


def test_an_opening_from_the_form_still_goes_to_the_case(client, world, login, school_form):
    login(world.users["staff"])
    data = opening(world, school_form, str(uuid.uuid4()))
    response = client.post(f"/app/schools/{world.school.slug}/cases/new", data=data)
    assert response.status_code == 303


def test_notes_written_on_the_phone_arrive_with_the_opening_once_and_one_on_a_hidden_step_is_named(
    client, world, login, db, school_form
):
    login(world.users["staff"])
    key = str(uuid.uuid4())
    data = opening(
        world,
        school_form,
        key,
        **{
            "rnew-age": "adult",
            "note-age": "  Sa selv at han er 19.  ",
            "note-given-age": "2026-12-04T09:16:00+00:00",
            "note-call_guardians": "Ringte mor før alderen var kjent.",  # hidden by "adult"
        },
    )
    url = f"/app/schools/{world.school.slug}/cases/new"
    response = client.post(url, data=data, headers=OPENED_OFFLINE)
    assert response.status_code == 201
    assert client.post(url, data=data, headers=OPENED_OFFLINE).get_json() == response.get_json()
    case = db.session.scalar(select(Case).where(Case.client_key == key))
    notes = {a.field_key: a.note for a in db.session.scalars(select(Answer).where(Answer.run_id == case.runs[0].id))}
    assert notes == {"age": "Sa selv at han er 19."}
    noted = db.session.scalars(select(CaseEvent).where(CaseEvent.case_id == case.id, CaseEvent.kind == "noted")).all()
    assert [(e.data["field"], e.given_at.astimezone(UTC)) for e in noted] == [
        ("age", datetime(2026, 12, 4, 9, 16, tzinfo=UTC))
    ]
    page = client.get(response.get_json()["url"]).get_data(as_text=True)
    assert "1 svar eller notat gitt på telefonen ble ikke lagret: Ring foresatte." in page
