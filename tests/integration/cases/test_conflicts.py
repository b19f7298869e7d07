"""Every kind of conflict issue #22 names is shown next to the step, never silently overwritten: a
colleague's answer that came first (with the choice "Use mine" / "Keep theirs", also without a script),
a step a colleague's answer has hidden, a closed case; a note is never a conflict."""

import re
import uuid

import pytest
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from intranet.cases import operations as ops
from intranet.cases.models import Answer
from intranet.db import utcnow

from ...conftest import login_as
from .test_ticks import HTMX, TICK_STATEMENTS, base, seen_on, statements
from .test_ticks_sent_again import answer, events, longer_case, send


@pytest.fixture
def case(world, db):
    return longer_case(world, db)


def step_html(html: str, case, key: str) -> str:
    return html.split(f'id="step-{case.runs[0].id}-{key}"')[1].split('<p class="save-status"')[0]


def form_fields(html: str, marker: str) -> list[tuple[str, str]]:
    """The hidden inputs of the first form carrying `marker` (an attribute), in order."""
    form = html.split(marker, 1)[1].split("</form>")[0]
    return re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form)


def colleague_answers_age(world, case, db, value="adult"):
    ops.answer_field(case.runs[0], "age", value, user=world.users["school_admin"])
    db.session.commit()


def refused_tick(client, world, case, db):
    """The staff member's page saw no answer to "age"; the rector answers it; the page's tick arrives."""
    login_as(client, world.users["staff"])
    seen = seen_on(client.get(base(world, case)).get_data(as_text=True))
    colleague_answers_age(world, case, db)
    return send(client, world, case, "age", "under_18", version="", seen=seen, client_key=str(uuid.uuid4()))


def test_a_conflict_offers_use_mine_and_keep_theirs_next_to_the_step(client, world, case, db):
    refused = refused_tick(client, world, case, db)
    assert refused.status_code == 409
    step = step_html(refused.get_data(as_text=True), case, "age")
    assert "«18 eller eldre»" in step and "«Under 18»" in step, "both values, next to the step"
    assert 'role="alert"' in step and 'aria-labelledby="step-1-age-error"' in step
    assert ">Bruk mitt svar</button>" in step and ">Behold kollegaens svar</button>" in step
    theirs = db.session.scalar(select(Answer).where(Answer.field_key == "age"))
    mine = dict(form_fields(step, "data-use-mine"))
    assert mine["r1-age"] == "under_18" and "client_key" not in mine, "ours, to be sent again with a new key"
    assert 'data-hx-post="' in step.split("data-use-mine")[0].rsplit("<form", 1)[1], "htmx sends it in place"
    keep = step.split("data-keep-theirs")[0].rsplit("<form", 1)[1]
    assert 'method="get"' in keep and f'{base(world, case)}#step-1-age"' in keep, "no request that changes data"
    assert mine["v"] != "" and answer(db, "age") == "adult" == theirs.value


def test_use_mine_saves_ours_after_theirs_and_the_timeline_shows_both(client, world, case, db, query_counter):
    refused = refused_tick(client, world, case, db)
    mine = form_fields(step_html(refused.get_data(as_text=True), case, "age"), "data-use-mine")
    seen = seen_on(client.get(base(world, case)).get_data(as_text=True))
    run = case.runs[0].id
    with query_counter() as counter:
        response = client.post(
            f"{base(world, case)}/runs/{run}/fields/age", data=MultiDict([*mine, ("seen", seen)]), headers=HTMX
        )
    assert response.status_code == 200 and answer(db, "age") == "under_18"
    assert len(statements(counter)) == TICK_STATEMENTS, statements(counter)  # as any tick: no more for the choice
    assert [(e.user_id, e.data["value"]) for e in events(db)] == [
        (world.users["school_admin"].id, "adult"),
        (world.users["staff"].id, "under_18"),
    ]
    timeline = client.get(base(world, case)).get_data(as_text=True).split('class="timeline"')[1]
    assert "18 eller eldre" in timeline and "Under 18" in timeline


def test_keep_theirs_changes_nothing(client, world, case, db):
    refused = refused_tick(client, world, case, db)
    keep = step_html(refused.get_data(as_text=True), case, "age").split("data-keep-theirs")[0].rsplit("<form", 1)[1]
    url = re.search(r'action="([^"#]+)', keep).group(1)
    before = [(e.kind, e.data) for e in events(db, "answered")]
    assert client.get(url).status_code == 200
    assert answer(db, "age") == "adult" and [(e.kind, e.data) for e in events(db, "answered")] == before


def test_without_a_script_the_refused_page_shows_both_values_and_the_choice(client, world, case, db):
    login_as(client, world.users["staff"])
    colleague_answers_age(world, case, db)
    run = case.runs[0].id
    refused = client.post(f"{base(world, case)}/runs/{run}/fields/age", data={f"r{run}-age": "under_18", "v": ""})
    html = refused.get_data(as_text=True)
    assert refused.status_code == 409
    assert "«18 eller eldre»" in html and "«Under 18»" in html and "<h2>Alder</h2>" in html
    assert "data-hx-post" not in html.split("<main")[1], "plain forms"
    mine = form_fields(html, "data-use-mine")
    again = client.post(f"{base(world, case)}/runs/{run}/fields/age", data=MultiDict(mine))
    assert again.status_code == 303 and answer(db, "age") == "under_18"


def test_a_note_on_a_step_a_colleague_changed_meanwhile_is_no_conflict(client, world, case, db):
    """A note says what the person did; it is kept beside whatever the answer is now, and the timeline keeps
    every note, so nothing is overwritten unseen: a note is never refused as a conflict."""
    login_as(client, world.users["staff"])
    client.get(base(world, case))
    colleague_answers_age(world, case, db)
    run = case.runs[0].id
    response = client.post(
        f"{base(world, case)}/runs/{run}/fields/age/note",
        data={"note": "Snakket med eleven", "client_key": str(uuid.uuid4()), "v": ""},
        headers=HTMX,
    )
    assert response.status_code == 200 and 'role="alert"' not in response.get_data(as_text=True)
    db.session.expire_all()
    row = db.session.scalar(select(Answer).where(Answer.field_key == "age"))
    assert (row.value, row.note, row.answered_by_id) == ("adult", "Snakket med eleven", world.users["school_admin"].id)
    assert [e.data["note"] for e in events(db, "noted")] == ["Snakket med eleven"]


@pytest.mark.parametrize(
    "language, said", [("nb", "«Ring foresatte» er ikke lenger med"), ("en", "“Call the guardians” is not")]
)
def test_a_tick_on_a_step_a_colleagues_answer_hid_is_refused_where_the_step_was(
    client, world, case, db, language, said
):
    login_as(client, world.users["staff"])
    colleague_answers_age(world, case, db, "under_18")
    page = client.get(f"{base(world, case)}?lang={language}").get_data(as_text=True)  # shows "call the guardians"
    colleague_answers_age(world, case, db, "adult")  # which hides it
    refused = send(client, world, case, "call_guardians", client_key=str(uuid.uuid4()), version="", seen=seen_on(page))
    assert refused.status_code == 409
    html = refused.get_data(as_text=True)
    placeholder = html.split('id="step-1-call_guardians"')[1].split("</div></div>")[0]
    assert placeholder.startswith(' class="step is-gone"'), "not hidden: the refusal is said where the step was"
    assert 'role="alert"' in placeholder and said in placeholder, "the step named in the reader's language"
    assert 'id="run-1-message" data-hx-swap-oob="true"></div>' in html, "said once, not again above the run"
    assert answer(db, "call_guardians") is None
    assert [e.data["field"] for e in events(db)] == ["age", "age"], "nothing saved invisibly"


def test_a_late_tick_on_a_closed_case_is_refused_next_to_the_step_without_the_choice(client, world, case, db):
    """The outbox sends `seen`: the closing is news from which the page would reload, but the refusal is
    said next to the step first (a reload would leave the phone without a word of it)."""
    login_as(client, world.users["staff"])
    seen = seen_on(client.get(base(world, case)).get_data(as_text=True))
    ops.close_case(case, note="Ferdig", user=world.users["school_admin"])
    db.session.commit()
    refused = send(client, world, case, "step_1", client_key=str(uuid.uuid4()), version="", seen=seen)
    assert "HX-Refresh" not in refused.headers
    step = step_html(refused.get_data(as_text=True), case, "step_1")
    assert refused.status_code == 409 and "Saken er avsluttet" in step and "data-use-mine" not in step
    assert events(db) == []


def test_a_colleagues_note_that_arrived_after_ours_was_given_is_kept_and_ours_added_below_it(client, world, case, db):
    """A note written on the phone offline (`given_at`) that arrives after a colleague's note is added below
    theirs, not over it; a note given after theirs (the page showed it) replaces it as an edit does."""
    login_as(client, world.users["staff"])
    given = utcnow().isoformat()
    ops.note_field(case.runs[0], "step_2", "Rektor varslet", user=world.users["school_admin"])
    db.session.commit()
    url = f"{base(world, case)}/runs/{case.runs[0].id}/fields/step_2/note"
    kept = {"note": "Ringt mor", "given_at": given, "client_key": str(uuid.uuid4())}
    assert client.post(url, data=kept, headers=HTMX).status_code == 200
    assert note(db, "step_2") == "Rektor varslet\n\nRingt mor"
    edited = {"note": "Ringt mor og far", "given_at": utcnow().isoformat(), "client_key": str(uuid.uuid4())}
    client.post(url, data=edited, headers=HTMX)
    assert note(db, "step_2") == "Ringt mor og far"
    assert [e.data["note"] for e in events(db, "noted")] == ["Rektor varslet", "Ringt mor", "Ringt mor og far"]


def note(db, key):
    db.session.expire_all()
    return db.session.scalar(select(Answer.note).where(Answer.field_key == key))
