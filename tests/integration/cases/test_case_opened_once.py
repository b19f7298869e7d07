"""A case is opened once however often its opening is sent (issue #22): the new-case form carries a key,
and a phone that opened a case without a connection sends the same key until the opening arrives."""

import threading
import uuid

from sqlalchemy import func, select

from intranet.cases.models import Case, CaseEvent

from ...conftest import session_id_for


def new_case_url(world) -> str:
    return f"/app/schools/{world.school.slug}/cases/new"


def opening(school_form, key, label="Gymsal") -> dict:
    return {"checklist": str(school_form.latest.id), "label": label, "client_key": key}


def count(db, model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_the_new_case_form_carries_a_fresh_key_each_time(client, world, login, school_form):
    login(world.users["staff"])
    keys = []
    for _ in range(2):
        html = client.get(new_case_url(world)).get_data(as_text=True)
        keys.append(html.split('name="client_key" value="', 1)[1].split('"', 1)[0])
    assert len({str(uuid.UUID(key)) for key in keys}) == 2


def test_an_opening_sent_twice_opens_one_case_and_both_lead_to_it(client, world, login, db, school_form):
    login(world.users["staff"])
    key = str(uuid.uuid4())
    cases_before, events_before = count(db, Case), count(db, CaseEvent)
    first = client.post(new_case_url(world), data=opening(school_form, key))
    again = client.post(new_case_url(world), data=opening(school_form, key.upper(), label="sent again"))
    assert first.status_code == again.status_code == 303
    assert first.headers["Location"] == again.headers["Location"]
    assert count(db, Case) == cases_before + 1
    assert count(db, CaseEvent) == events_before + 2  # opened, checklist started: once
    case = db.session.scalar(select(Case).where(Case.client_key == key))
    assert case.label == "Gymsal" and first.headers["Location"].endswith(f"/cases/{case.id}")


def test_different_keys_and_no_key_open_different_cases(client, world, login, db, school_form):
    login(world.users["staff"])
    before = count(db, Case)
    for key in (str(uuid.uuid4()), str(uuid.uuid4()), "", "not-a-key"):
        assert client.post(new_case_url(world), data=opening(school_form, key)).status_code == 303
    assert count(db, Case) == before + 4


def test_a_key_another_person_used_never_leads_to_their_case(client, world, login, db, school_form):
    key = str(uuid.uuid4())
    login(world.users["staff"])
    theirs = client.post(new_case_url(world), data=opening(school_form, key)).headers["Location"]
    login(world.users["school_admin"])
    mine = client.post(new_case_url(world), data=opening(school_form, key, label="mine")).headers["Location"]
    assert mine != theirs
    case = db.session.get(Case, int(mine.rsplit("/", 1)[1]))
    assert case.opened_by_id == world.users["school_admin"].id and case.client_key is None


def test_a_refused_opening_keeps_its_key_for_the_next_try(client, world, login, school_form):
    login(world.users["staff"])
    key = str(uuid.uuid4())
    refused = client.post(new_case_url(world), data={"label": "x", "client_key": key})
    assert refused.status_code == 422
    assert f'name="client_key" value="{key}"' in refused.get_data(as_text=True)


def test_one_opening_sent_twice_at_the_same_moment_makes_one_case(app, world, db, school_form):
    """Two requests with one key at once (a phone retrying while the first is still on its way): the second
    meets the unique index, rolls back its savepoint and leads to the first one's case."""
    person = session_id_for(world.users["staff"])
    key = str(uuid.uuid4())
    url, data = new_case_url(world), opening(school_form, key, label="at once")
    barrier = threading.Barrier(2)
    answers = []

    def post():
        client = app.test_client()
        with client.session_transaction() as session:
            session["_user_id"], session["_fresh"] = person, True
        barrier.wait(timeout=30)
        response = client.post(url, data=data)
        answers.append((response.status_code, response.headers.get("Location")))

    threads = [threading.Thread(target=post) for _ in range(2)]
    for thread in threads:
        thread.start()
    db.session.close()  # the test's own connection must not sit idle in a transaction meanwhile
    for thread in threads:
        thread.join(timeout=60)
    assert [status for status, _ in answers] == [303, 303]
    assert answers[0][1] == answers[1][1]
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(Case).where(Case.client_key == key)) == 1
    assert db.session.scalar(select(func.count()).select_from(Case).where(Case.label == "at once")) == 1
