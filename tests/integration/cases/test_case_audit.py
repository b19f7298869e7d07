"""Every response that shows a case leaves who saw it in the trail, whatever its status; nothing else of a
refused or failed request is written."""

from dataclasses import dataclass, field

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from intranet.auth.models import Role
from intranet.cases.models import Answer, Case, CaseEvent

from ..test_database_unavailable import assert_unavailable_page, fail_commit_with


@dataclass
class Visit:
    """One request and the events it must leave: (case, who, kind), case being "open", "closed" or "new"."""

    endpoint: str
    who: str
    method: str
    path: str  # below the school's cases, with {open}, {closed}, {run}, {closed_run}, {kari}, {admin}
    status: int
    events: list = field(default_factory=list)
    data: dict = field(default_factory=dict)
    htmx: bool = False


TOO_LONG = "x" * 2001
AGE, CALL = "{open}/runs/{run}/fields/age", "{open}/runs/{run}/fields/call_guardians"
CLOSED_AGE = "{closed}/runs/{closed_run}/fields/age"

VISITS = [
    # The case list shows references, labels and counts only: not case content, no event.
    Visit("cases.index", "staff", "GET", "", 200),
    Visit("cases.index", "admin", "GET", "?status=closed", 200),
    Visit("cases.retention", "admin", "POST", "retention", 422, data={"days": "1"}),
    Visit("cases.retention", "admin", "POST", "retention", 303, data={"days": "200"}),
    Visit("cases.new", "staff", "GET", "new", 200),
    Visit("cases.new", "staff", "POST", "new", 422, data={"label": "x"}),
    Visit(
        "cases.new",
        "staff",
        "POST",
        "new",
        303,
        [("new", "staff", "opened"), ("new", "staff", "checklist_started")],
        data={"checklist": "{version}"},
    ),
    # A case opened on a phone without a connection: its checklist's page (kept by the phone) is no case yet;
    # the answers given there arrive with the opening, each an event by the person who gave it.
    Visit("cases.blank", "staff", "GET", "new/{version}", 200),
    Visit(
        "cases.new",
        "staff",
        "POST",
        "new",
        303,
        [("new", "staff", "opened"), ("new", "staff", "checklist_started"), ("new", "staff", "answered")],
        data={"checklist": "{version}", "client_key": "9f0c6a57-4a7e-4d0b-9d36-1f3f43b1c2a8", "rnew-age": "adult"},
    ),
    # The case page: each look is an event; someone not on the case learns nothing and leaves nothing.
    Visit("cases.show", "staff", "GET", "{open}", 200, [("open", "staff", "viewed")]),
    Visit("cases.show", "staff", "GET", "{open}?timeline=all", 200, [("open", "staff", "viewed")], htmx=True),
    Visit("cases.show", "admin", "GET", "{closed}", 200, [("closed", "admin", "viewed")]),
    Visit("cases.show", "kari", "GET", "{open}", 404),
    # The open page's poll: nothing new is no view; news beyond answers reloads the page (that load is the view).
    Visit("cases.changes", "staff", "GET", "{open}/changes?seen=2147483647", 304, htmx=True),
    Visit("cases.changes", "staff", "GET", "{open}/changes?seen=0", 200, htmx=True),
    Visit("cases.changes", "kari", "GET", "{open}/changes?seen=0", 404, htmx=True),
    # A tick: its "answered" says the person saw the case; a refused one is a view and nothing else.
    Visit("cases.answer", "staff", "POST", AGE, 303, [("open", "staff", "answered")], data={"r{run}-age": "under_18"}),
    Visit(
        "cases.answer",
        "staff",
        "POST",
        CALL,
        200,
        [("open", "staff", "answered")],
        data={"r{run}-call_guardians": "y"},
        htmx=True,
    ),
    Visit(
        "cases.answer",
        "staff",
        "POST",
        CALL,
        200,
        [("open", "staff", "viewed")],
        data={"r{run}-call_guardians": "y"},
        htmx=True,
    ),  # the same again: nothing changes, the run is shown
    Visit(
        "cases.answer", "staff", "POST", AGE, 409, [("open", "staff", "viewed")], data={"r{run}-age": "teen"}, htmx=True
    ),
    Visit("cases.answer", "staff", "POST", AGE, 303, data={"r{run}-age": "teen"}),  # plain: a redirect, no content
    Visit(
        "cases.answer",
        "staff",
        "POST",
        CLOSED_AGE,
        409,
        [("closed", "staff", "viewed")],
        data={"r{closed_run}-age": "adult"},
        htmx=True,
    ),
    Visit("cases.answer", "staff", "POST", CLOSED_AGE, 303, data={"r{closed_run}-age": "adult"}),
    Visit("cases.answer", "staff", "POST", "{open}/runs/{run}/fields/nothing", 404, htmx=True),
    Visit("cases.answer", "kari", "POST", AGE, 404, data={"r{run}-age": "adult"}, htmx=True),
    Visit("cases.note", "staff", "POST", AGE + "/note", 303, [("open", "staff", "noted")], data={"note": "Ringte"}),
    Visit(
        "cases.note", "staff", "POST", AGE + "/note", 200, [("open", "staff", "noted")], data={"note": "Mor"}, htmx=True
    ),
    Visit(
        "cases.note",
        "staff",
        "POST",
        AGE + "/note",
        409,
        [("open", "staff", "viewed")],
        data={"note": TOO_LONG},
        htmx=True,
    ),
    Visit(
        "cases.note",
        "staff",
        "POST",
        CLOSED_AGE + "/note",
        409,
        [("closed", "staff", "viewed")],
        data={"note": "x"},
        htmx=True,
    ),
    Visit("cases.note", "kari", "POST", AGE + "/note", 404, data={"note": "x"}),
    # Refused forms re-render the whole case page: a view each, by whoever sent them.
    Visit(
        "cases.start_run", "staff", "POST", "{open}/runs", 422, [("open", "staff", "viewed")], data={"checklist": "0"}
    ),
    Visit(
        "cases.start_run",
        "staff",
        "POST",
        "{open}/runs",
        303,
        [("open", "staff", "checklist_started")],
        data={"checklist": "{version}"},
    ),
    Visit(
        "cases.start_run",
        "staff",
        "POST",
        "{closed}/runs",
        409,
        [("closed", "staff", "viewed")],
        data={"checklist": "{version}"},
        htmx=True,
    ),
    Visit("cases.start_run", "kari", "POST", "{open}/runs", 404, data={"checklist": "{version}"}),
    Visit(
        "cases.add_member", "staff", "POST", "{open}/members", 422, [("open", "staff", "viewed")], data={"user": "0"}
    ),
    Visit(
        "cases.add_member",
        "staff",
        "POST",
        "{open}/members",
        303,
        [("open", "staff", "member_added")],
        data={"user": "{kari}"},
    ),
    Visit(
        "cases.add_member",
        "staff",
        "POST",
        "{open}/members",
        409,
        [("open", "staff", "viewed")],
        data={"user": "{kari}"},
    ),
    Visit(
        "cases.add_member",
        "staff",
        "POST",
        "{closed}/members",
        409,
        [("closed", "staff", "viewed")],
        data={"user": "{kari}"},
    ),
    Visit("cases.remove_member", "staff", "POST", "{open}/members/{kari}/remove", 403),
    Visit("cases.remove_member", "admin", "POST", "{open}/members/{admin}/remove", 409, [("open", "admin", "viewed")]),
    Visit(
        "cases.remove_member",
        "admin",
        "POST",
        "{open}/members/{kari}/remove",
        303,
        [("open", "admin", "member_removed")],
    ),
    Visit("cases.remove_member", "kari", "POST", "{open}/members/{kari}/remove", 404),
    Visit("cases.record", "staff", "GET", "{open}/record.pdf", 403),
    Visit("cases.record", "staff", "GET", "{closed}/record.pdf", 200, [("closed", "staff", "exported")]),
    Visit("cases.close", "staff", "POST", "{open}/close", 422, [("open", "staff", "viewed")], data={"note": ""}),
    Visit("cases.close", "staff", "POST", "{closed}/close", 409, [("closed", "staff", "viewed")], data={"note": "x"}),
    Visit("cases.close", "staff", "POST", "{open}/close", 303, [("open", "staff", "closed")], data={"note": "Ferdig"}),
    Visit("cases.reopen", "staff", "POST", "{open}/reopen", 403),
    Visit("cases.reopen", "admin", "POST", "{open}/reopen", 303, [("open", "admin", "reopened")]),
    Visit("cases.reopen", "kari", "POST", "{closed}/reopen", 404),
    # Need to know ends on a closed case too: afterwards the former member is told nothing.
    Visit(
        "cases.remove_member",
        "admin",
        "POST",
        "{closed}/members/{staff}/remove",
        303,
        [("closed", "admin", "member_removed")],
    ),
    Visit("cases.show", "staff", "GET", "{closed}", 404),
]


def test_the_walk_covers_every_case_route(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules() if rule.endpoint.startswith("cases.")}
    assert endpoints == {visit.endpoint for visit in VISITS}, "walk every case route in VISITS"


def new_events(db, after: int) -> list[CaseEvent]:
    db.session.expire_all()
    return db.session.scalars(select(CaseEvent).where(CaseEvent.id > after).order_by(CaseEvent.id)).all()


def last_event_id(db) -> int:
    return db.session.scalar(select(func.coalesce(func.max(CaseEvent.id), 0)))


def test_every_response_that_shows_a_case_leaves_exactly_its_events_by_the_right_person(
    app, client, world, login, db, cases, school_form, create_user
):
    kari = create_user(Role.STAFF, school=world.school, email="kari@example.no", name="Kari Kollega")
    people = {"staff": world.users["staff"], "admin": world.users["school_admin"], "kari": kari}
    names = {person.id: who for who, person in people.items()}
    ids = {
        "open": world.case_id,
        "closed": world.closed_case_id,
        "run": world.run_id,
        "closed_run": db.session.get(Case, world.closed_case_id).runs[0].id,
        "version": school_form.latest.id,
        **{who: person.id for who, person in people.items()},
    }
    base = f"/app/schools/{world.school.slug}/cases/"
    for number, visit in enumerate(VISITS):
        login(people[visit.who])
        before = last_event_id(db)
        data = {key.format(**ids): value.format(**ids) for key, value in visit.data.items()}
        headers = {"HX-Request": "true"} if visit.htmx else {}
        response = client.open(base + visit.path.format(**ids), method=visit.method, data=data, headers=headers)
        assert response.status_code == visit.status, (number, visit, response.get_data(as_text=True)[:300])
        case_name = {world.case_id: "open", world.closed_case_id: "closed"}
        left = [(case_name.get(e.case_id, "new"), names.get(e.user_id), e.kind) for e in new_events(db, before)]
        assert left == visit.events, (number, visit)


def test_a_refused_tick_writes_the_view_and_nothing_of_the_answer(client, world, login, db, cases):
    login(world.users["staff"])
    url = f"/app/schools/{world.school.slug}/cases/{world.case_id}/runs/{world.run_id}/fields/call_guardians"
    refused = client.post(url, data={f"r{world.run_id}-call_guardians": "y"}, headers={"HX-Request": "true"})
    assert refused.status_code == 409, "the step is hidden until the age is answered"
    assert [e.kind for e in new_events(db, 0)][-1] == "viewed"
    assert db.session.scalars(select(Answer).where(Answer.run_id == world.run_id)).all() == []


def test_a_page_that_fails_after_rendering_the_case_records_nothing(app, client, world, login, db, cases, monkeypatch):
    """The error page (500) shows no case: neither the export nor a view of it is on record."""
    from intranet.cases import record

    def broken(html, filename):
        raise RuntimeError("the PDF engine failed")

    monkeypatch.setattr(record, "pdf_response", broken)
    monkeypatch.setitem(app.config, "PROPAGATE_EXCEPTIONS", False)
    login(world.users["staff"])
    before = last_event_id(db)
    response = client.get(f"/app/schools/{world.school.slug}/cases/{world.closed_case_id}/record.pdf?lang=en")
    assert response.status_code == 500 and "Something went wrong" in response.get_data(as_text=True)
    assert new_events(db, before) == []


def test_a_case_page_whose_commit_loses_the_database_is_a_503_and_then_works_again(
    app, client, world, login, db, cases, monkeypatch
):
    login(world.users["staff"])
    before = last_event_id(db)
    fail_commit_with(monkeypatch, app, OperationalError("COMMIT", {}, Exception("server closed the connection")))
    page = client.get(f"/app/schools/{world.school.slug}/cases/{world.case_id}?lang=en")
    assert_unavailable_page(page, "en")
    assert "10B" not in page.get_data(as_text=True)
    assert new_events(db, before) == [], "the page never reached the user"
    assert client.get(f"/app/schools/{world.school.slug}/cases/{world.case_id}").status_code == 200
    assert [e.kind for e in new_events(db, before)] == ["viewed"]


@pytest.mark.parametrize("htmx", [False, True])
def test_a_refused_form_whose_view_cannot_be_recorded_is_not_shown(
    app, client, world, login, db, cases, monkeypatch, htmx
):
    """The refusal's page carries the case; if its "viewed" cannot be written, the user gets the 503 instead."""
    login(world.users["staff"])
    before = last_event_id(db)
    fail_commit_with(monkeypatch, app, OperationalError("COMMIT", {}, Exception("server closed the connection")))
    headers = {"HX-Request": "true"} if htmx else {}
    url = f"/app/schools/{world.school.slug}/cases/{world.case_id}/close?lang=en"
    response = client.post(url, data={"note": ""}, headers=headers)
    assert_unavailable_page(response, "en")
    assert "10B" not in response.get_data(as_text=True)
    assert new_events(db, before) == []
