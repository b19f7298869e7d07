"""A tick on a phone answers with what changed since the page last heard from the server, and an open
case page asks for colleagues' answers by a cheap poll: one parse of the request, a fixed few statements."""

import copy
import re

import pytest
from sqlalchemy import select

from intranet.cases import operations as ops
from intranet.cases.models import CaseEvent
from intranet.formsadmin import operations as form_ops

from ...conftest import PASSWORD, login_as
from ..conftest import AGE_CHECKLIST

HTMX = {"HX-Request": "true"}
TICK_STATEMENTS = 8  # session, case with school, members and runs, answers; answer, event, news since; contacts, roles
POLL_STATEMENTS = 4  # session, case with school, members; the one query on case_event

CHECKLIST = copy.deepcopy(AGE_CHECKLIST) | {"key": "longer"}
CHECKLIST["fields"] += [{"key": f"step_{n}", "type": "check", "label": {"nb": f"Steg {n}"}} for n in range(8)]


@pytest.fixture
def case(world, db):
    form = form_ops.import_form(world.school, copy.deepcopy(CHECKLIST), user=None)
    version = form_ops.publish(form, note="v1", user=None)
    case = ops.open_case(world.school, version, user=world.users["staff"])
    ops.add_member(case, world.users["school_admin"], user=world.users["staff"])
    db.session.commit()
    return case


def base(world, case) -> str:
    return f"/app/schools/{world.school.slug}/cases/{case.id}"


def tick(client, world, case, key, value="y", seen=None):
    run = case.runs[0].id
    data = {f"r{run}-{key}": value} if value is not None else {}
    if seen is not None:
        data["seen"] = str(seen)
    return client.post(f"{base(world, case)}/runs/{run}/fields/{key}", data=data, headers=HTMX)


def seen_on(html: str) -> int:
    return int(re.search(r'name="seen" value="(\d+)"', html).group(1))


def swapped(html: str) -> list[str]:
    """The ids of the elements the response swaps in out of band."""
    return re.findall(r'id="([^"]+)"[^>]*data-hx-swap-oob=', html)


def statements(counter) -> list[str]:
    """What the request sent, leaving out SQLite's BEGIN (PostgreSQL's driver sends none)."""
    return [statement for statement in counter.statements if not statement.startswith("BEGIN")]


def test_a_tick_answers_only_the_ticked_step_and_the_steps_its_answer_shows_or_hides(client, world, case):
    login_as(client, world.users["staff"])
    run = case.runs[0].id
    page = client.get(base(world, case)).get_data(as_text=True)
    assert f'id="step-{run}-call_guardians" hidden' in page, "a hidden step keeps a placeholder"
    shown = tick(client, world, case, "age", "under_18", seen=seen_on(page))
    html = shown.get_data(as_text=True)
    assert shown.status_code == 200 and "<section" not in html and "<html" not in html
    assert swapped(html) == [f"step-{run}-age", f"step-{run}-call_guardians", f"run-{run}-overdue"] + [
        f"run-{run}-message",
        f"run-{run}-saved",
        f"case-{case.id}-seen",
    ]
    assert f'name="r{run}-call_guardians"' in html, "the step the answer shows comes with its form"
    assert len(shown.data) <= 4096, len(shown.data)
    plain = tick(client, world, case, "step_3", seen=seen_on(html))
    assert [i for i in swapped(plain.get_data(as_text=True)) if i.startswith("step-")] == [f"step-{run}-step_3"]
    status = re.search(rf'id="run-{run}-saved"[^>]*role="status"[^>]*>([^<]*)<', plain.get_data(as_text=True))
    assert status.group(1) == "Lagret: Steg 3", "the live region says what was saved"
    hidden = tick(client, world, case, "age", "adult", seen=seen_on(plain.get_data(as_text=True)))
    assert f'<div id="step-{run}-call_guardians" hidden data-hx-swap-oob="true"></div>' in hidden.get_data(as_text=True)


def test_a_tick_brings_what_colleagues_answered_since_the_page_last_heard(client, world, case, db):
    login_as(client, world.users["staff"])
    run = case.runs[0].id
    seen = seen_on(client.get(base(world, case)).get_data(as_text=True))
    ops.answer_field(case.runs[0], "step_5", True, user=world.users["school_admin"])
    db.session.commit()
    html = tick(client, world, case, "step_1", seen=seen).get_data(as_text=True)
    steps = [i for i in swapped(html) if i.startswith("step-")]
    assert steps == [f"step-{run}-step_1", f"step-{run}-step_5"]
    assert world.users["school_admin"].name in html
    newest = db.session.scalar(select(CaseEvent.id).order_by(CaseEvent.id.desc()).limit(1))
    assert seen_on(html) == newest, "the page now knows every event up to its own tick"


def test_the_poll_answers_304_and_writes_nothing_until_a_colleague_answers(client, world, case, db, query_counter):
    login_as(client, world.users["staff"])
    run = case.runs[0].id
    seen = seen_on(client.get(base(world, case)).get_data(as_text=True))
    events = db.session.scalar(select(CaseEvent.id).order_by(CaseEvent.id.desc()).limit(1))
    with query_counter() as counter:
        quiet = client.get(f"{base(world, case)}/changes?seen={seen}", headers=HTMX)
    assert quiet.status_code == 304 and quiet.data == b""
    assert len(statements(counter)) == POLL_STATEMENTS
    assert sum("case_event" in statement for statement in statements(counter)) == 1
    db.session.expire_all()
    assert db.session.scalar(select(CaseEvent.id).order_by(CaseEvent.id.desc()).limit(1)) == events, "no view"
    ops.answer_field(case.runs[0], "step_2", True, user=world.users["school_admin"])
    db.session.commit()
    news = client.get(f"{base(world, case)}/changes?seen={seen}", headers=HTMX)
    html = news.get_data(as_text=True)
    assert news.status_code == 200 and [i for i in swapped(html) if i.startswith("step-")] == [f"step-{run}-step_2"]
    kinds = db.session.scalars(select(CaseEvent.kind).where(CaseEvent.id > events).order_by(CaseEvent.id)).all()
    assert kinds == ["answered", "viewed"], "the news shown is a view of the case"
    again = client.get(f"{base(world, case)}/changes?seen={seen_on(html)}", headers=HTMX)
    assert again.status_code == 304, "the poll's own view is no news"
    assert client.get(f"{base(world, case)}/changes?seen={seen}").status_code == 303, "without htmx: the page"


def test_news_beyond_answers_reloads_the_page(client, world, case, db):
    login_as(client, world.users["staff"])
    seen = seen_on(client.get(base(world, case)).get_data(as_text=True))
    ops.close_case(case, note="Ferdig", user=world.users["school_admin"])
    db.session.commit()
    polled = client.get(f"{base(world, case)}/changes?seen={seen}", headers=HTMX)
    assert polled.status_code == 200 and polled.headers["HX-Refresh"] == "true" and polled.data == b""


def test_a_tick_takes_a_fixed_few_statements_whether_it_inserts_or_changes_the_answer(
    client, world, case, query_counter
):
    login_as(client, world.users["staff"])
    seen = seen_on(client.get(base(world, case)).get_data(as_text=True))
    assert case.runs[0].id  # loaded by the test before counting, not by the request
    counts = []
    for value in ("y", None, "y"):  # the first inserts the answer row, the others change it
        with query_counter() as counter:
            response = tick(client, world, case, "step_0", value, seen=seen)
        assert response.status_code == 200
        assert not any(statement.startswith("SAVEPOINT") for statement in statements(counter))
        counts.append(len(statements(counter)))
        seen = seen_on(response.get_data(as_text=True))
    assert counts == [TICK_STATEMENTS] * 3


def test_once_checked_in_full_the_pages_next_polls_cost_one_query_and_news_still_goes_through_flask(
    client, world, case, db, query_counter, create_user
):
    from intranet.auth.models import Role

    login_as(client, world.users["staff"])
    run = case.runs[0].id
    seen = seen_on(client.get(base(world, case)).get_data(as_text=True))
    poll = f"{base(world, case)}/changes?seen={seen}"
    assert client.get(poll, headers=HTMX).status_code == 304  # Flask checks everything, once
    with query_counter() as counter:
        quiet = client.get(poll, headers=HTMX)
    assert quiet.status_code == 304 and quiet.data == b""
    assert len(statements(counter)) == 1 and "case_event" in statements(counter)[0]
    ops.answer_field(case.runs[0], "step_4", True, user=world.users["school_admin"])
    db.session.commit()
    news = client.get(poll, headers=HTMX)
    assert news.status_code == 200 and f"step-{run}-step_4" in swapped(news.get_data(as_text=True))
    stranger = create_user(Role.STAFF, school=world.school, email="kari@example.no", name="Kari Kollega")
    other = client.application.test_client()
    login_as(other, stranger)
    assert other.get(f"{base(world, case)}/changes?seen=2147483647", headers=HTMX).status_code == 404, (
        "another session's poll of the same case is checked in full"
    )


def test_a_page_whose_session_has_ended_is_not_answered_in_front_of_flask(app, world, case, db):
    """Signed out (or removed, or deactivated) anywhere: the very next poll goes to Flask, which sends
    the page to sign in; the live layer never keeps telling an ended session that nothing changed."""
    from intranet.auth import sessions
    from intranet.auth.models import User

    phone = app.test_client()
    phone.post("/auth/login", data={"email": "staff@example.no", "password": PASSWORD})
    seen = seen_on(phone.get(base(world, case)).get_data(as_text=True))
    poll = f"{base(world, case)}/changes?seen={seen}"
    assert phone.get(poll, headers=HTMX).status_code == 304  # checked in full: the next ones are answered in front
    assert phone.get(poll, headers=HTMX).status_code == 304
    sessions.end_all(db.session.get(User, world.users["staff"].id), "everywhere")  # e.g. from another device
    db.session.commit()
    ended = phone.get(poll, headers=HTMX)
    assert ended.status_code == 401 and ended.headers["HX-Redirect"].startswith("/auth/login")
