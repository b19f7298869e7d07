"""A tick a phone sends late, or twice: the page's key makes it one event and one change (on PostgreSQL
too, with two requests at the same moment), the time it was given on the phone is kept beside the time
it arrived, and a colleague's newer answer is refused with both values, never overwritten."""

import copy
import threading
import uuid
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from intranet.cases import operations as ops
from intranet.cases.models import Answer, CaseEvent
from intranet.cases.sent import version_of
from intranet.db import utcnow
from intranet.formsadmin import operations as form_ops

from ...conftest import login_as, session_id_for
from .test_ticks import CHECKLIST, HTMX, TICK_STATEMENTS, base, seen_on, statements


@pytest.fixture
def case(world, db):
    return longer_case(world, db)


def longer_case(world, db):
    """test_ticks' case: its longer checklist, opened by the staff member, the rector on it."""
    version = form_ops.publish(
        form_ops.import_form(world.school, copy.deepcopy(CHECKLIST), user=None), note="v1", user=None
    )
    case = ops.open_case(world.school, version, user=world.users["staff"])
    ops.add_member(case, world.users["school_admin"], user=world.users["staff"])
    db.session.commit()
    return case


def send(client, world, case, key, value="y", *, client_key=None, given_at=None, version=None, seen=None):
    run = case.runs[0].id
    data = {f"r{run}-{key}": value} if value is not None else {}
    for name, given in (("client_key", client_key), ("given_at", given_at), ("v", version), ("seen", seen)):
        if given is not None:
            data[name] = str(given)
    return client.post(f"{base(world, case)}/runs/{run}/fields/{key}", data=data, headers=HTMX)


def events(db, kind="answered") -> list[CaseEvent]:
    db.session.expire_all()
    return db.session.scalars(select(CaseEvent).where(CaseEvent.kind == kind).order_by(CaseEvent.id)).all()


def answer(db, key):
    db.session.expire_all()
    return db.session.scalar(select(Answer.value).where(Answer.field_key == key))


def test_the_same_key_sent_again_makes_no_second_event_nor_change(client, world, case, db):
    login_as(client, world.users["staff"])
    first, second = str(uuid.uuid4()), str(uuid.uuid4())
    assert send(client, world, case, "step_1", client_key=first).status_code == 200
    assert send(client, world, case, "step_1", client_key=first).status_code == 200, "a retry is answered as a save"
    assert [e.client_key for e in events(db)] == [first]
    assert send(client, world, case, "step_1", None, client_key=second).status_code == 200  # unticked
    replayed = send(client, world, case, "step_1", client_key=first)  # the tick's request once more, late
    assert replayed.status_code == 200
    assert answer(db, "step_1") is None, "the old request did not tick it again"
    assert [e.client_key for e in events(db)] == [first, second]


def test_a_note_sent_again_is_one_event(client, world, case, db):
    login_as(client, world.users["staff"])
    run, key = case.runs[0].id, str(uuid.uuid4())
    for _ in range(2):
        response = client.post(
            f"{base(world, case)}/runs/{run}/fields/step_2/note", data={"note": "Ringt mor", "client_key": key}
        )
        assert response.status_code == 303
    assert [(e.client_key, e.data["note"]) for e in events(db, "noted")] == [(key, "Ringt mor")]


def test_the_time_given_on_the_phone_is_kept_and_shown_when_it_arrived_later(client, world, case, db):
    login_as(client, world.users["staff"])
    given = (utcnow() - timedelta(minutes=12)).replace(microsecond=0)
    send(client, world, case, "step_1", client_key=str(uuid.uuid4()), given_at=given.isoformat())
    send(client, world, case, "step_2", client_key=str(uuid.uuid4()), given_at=utcnow().isoformat())
    send(client, world, case, "step_3", given_at=(utcnow() + timedelta(hours=2)).isoformat())  # a clock ahead
    send(client, world, case, "step_4", given_at="not a time")
    late, prompt, ahead, unreadable = events(db)
    assert late.given_at == given and late.at - late.given_at > timedelta(minutes=11)
    assert ahead.given_at <= ahead.at and unreadable.given_at is None
    page = client.get(base(world, case)).get_data(as_text=True)
    assert page.count("gitt på telefonen") == 1, "only where it arrived more than a minute later"


def test_a_colleagues_newer_answer_is_refused_with_both_values(client, world, case, db):
    login_as(client, world.users["staff"])
    page = client.get(base(world, case)).get_data(as_text=True)
    seen = seen_on(page)
    ops.answer_field(case.runs[0], "age", "adult", user=world.users["school_admin"])
    db.session.commit()
    refused = send(client, world, case, "age", "under_18", version="", seen=seen, client_key=str(uuid.uuid4()))
    html = refused.get_data(as_text=True)
    assert refused.status_code == 409
    assert world.users["school_admin"].name in html and "«18 eller eldre»" in html and "«Under 18»" in html
    assert answer(db, "age") == "adult" and len(events(db)) == 1, "theirs stands; nothing of ours written"
    version = version_of(db.session.scalar(select(Answer).where(Answer.field_key == "age")))
    assert f'name="v" value="{version}"' in html, "the step now carries theirs, so answering again uses ours"
    again = send(client, world, case, "age", "under_18", version=version)
    assert again.status_code == 200 and answer(db, "age") == "under_18"


def test_the_page_carries_an_empty_version_and_a_request_without_one_is_not_compared(client, world, case, db):
    """`v=""` on the page means "saw no answer" and is compared; a client that sends no `v` at all (a
    script, an older page) is not refused: the conflict check needs a version to compare with."""
    login_as(client, world.users["staff"])
    page = client.get(base(world, case)).get_data(as_text=True)
    step = page.split('id="step-1-age"')[1].split("</form>")[0]
    assert 'name="v" value=""' in step, "an unanswered step says it saw no answer"
    ops.answer_field(case.runs[0], "age", "adult", user=world.users["school_admin"])
    db.session.commit()
    assert send(client, world, case, "age", "under_18").status_code == 200
    assert answer(db, "age") == "under_18"
    assert send(client, world, case, "step_1", version="").status_code == 200, "nobody answered it: no conflict"


def test_the_users_own_earlier_answer_is_no_conflict(client, world, case, db):
    """An outbox sends one step's answers in order, each with the version seen when it was given."""
    login_as(client, world.users["staff"])
    assert send(client, world, case, "step_1", version="").status_code == 200
    assert send(client, world, case, "step_1", None, version="").status_code == 200
    assert answer(db, "step_1") is None


def test_a_closed_case_refuses_a_late_tick_next_to_the_step(client, world, case, db):
    login_as(client, world.users["staff"])
    ops.close_case(case, note="Ferdig", user=world.users["school_admin"])
    db.session.commit()
    refused = send(client, world, case, "step_1", client_key=str(uuid.uuid4()))
    assert refused.status_code == 409
    step = refused.get_data(as_text=True).split('id="step-1-step_1"')[1].split("</div>")[0]
    assert 'id="step-1-step_1-error">Saken er avsluttet' in step, "kept next to the step, where the phone shows it"
    assert events(db) == []


def test_a_keyed_tick_takes_a_fixed_few_statements(client, world, case, query_counter):
    login_as(client, world.users["staff"])
    seen = seen_on(client.get(base(world, case)).get_data(as_text=True))
    assert case.runs[0].id
    with query_counter() as counter:
        response = send(client, world, case, "step_0", client_key=str(uuid.uuid4()), version="", seen=seen)
    assert response.status_code == 200
    sent = statements(counter)
    # the key looked up once, the event written in a savepoint of its own (taken and released)
    assert len(sent) == TICK_STATEMENTS + 3, sent


def test_two_requests_with_the_same_key_at_once_make_one_event(app, world, case, db):
    person = session_id_for(world.users["staff"])
    key, run = str(uuid.uuid4()), case.runs[0].id
    url, data = f"{base(world, case)}/runs/{run}/fields/step_6", {f"r{run}-step_6": "y", "client_key": key}
    barrier = threading.Barrier(2)
    statuses = []

    def post():
        client = app.test_client()
        with client.session_transaction() as session:
            session["_user_id"], session["_fresh"] = person, True
        barrier.wait(timeout=30)
        statuses.append(client.post(url, data=data, headers=HTMX).status_code)

    threads = [threading.Thread(target=post) for _ in range(2)]
    for thread in threads:
        thread.start()
    db.session.close()  # the test's own connection must not sit idle in a transaction meanwhile
    for thread in threads:
        thread.join(timeout=60)
    assert statuses == [200, 200]
    assert db.session.scalar(select(func.count()).select_from(CaseEvent).where(CaseEvent.client_key == key)) == 1
    assert answer(db, "step_6") is True
