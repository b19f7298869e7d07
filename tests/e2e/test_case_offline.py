"""A staff member's phone loses its signal in the middle of a checklist (issue #22): the ticks given
meanwhile are kept on the phone with their own time, said to be "saved on this phone, not yet sent",
and sent in order, each once, when the connection returns; the case's timeline then shows when each
was given on the phone beside when it arrived. Signing out wipes what waits on the phone."""

from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from playwright.sync_api import expect
from sqlalchemy import select

from intranet.demo import DEMO_PASSWORD

from .case_steps import make_case, stored_answers
from .conftest import PHONE, login
from .offline_steps import controlled, wait_until_kept
from .pages import STAFF

SCHOOL = "fjordvik-us"
KEPT = "Saved on this phone, not yet sent"


def answered_events(live_server, case_id: int) -> list:
    from intranet.cases.models import CaseEvent
    from intranet.extensions import db

    with live_server.app.app_context():
        statement = select(CaseEvent).where(CaseEvent.case_id == case_id, CaseEvent.kind == "answered")
        return [(e.data["field"], e.client_key, e.given_at, e.at) for e in db.session.scalars(statement)]


def waiting_on_phone(page) -> int:
    return page.evaluate(
        """() => new Promise((resolve) => {
            const open = indexedDB.open("rusplan-outbox", 1);
            open.onupgradeneeded = () =>
              open.result.createObjectStore("items", { keyPath: "seq", autoIncrement: true });
            open.onsuccess = () => {
              const count = open.result.transaction("items").objectStore("items").count();
              count.onsuccess = () => { open.result.close(); resolve(count.result); };
            };
        })"""
    )


def test_three_ticks_given_offline_survive_a_reload_offline_and_arrive_once_with_both_times(live_server, new_page):
    case = make_case(live_server, slug=SCHOOL, opener=STAFF)
    page = new_page(**PHONE)
    login(page, STAFF, DEMO_PASSWORD)
    controlled(page)
    page.goto(f"{case.url}?lang=en")
    wait_until_kept(page, urlsplit(case.url).path)
    steps = page.locator("main section.run .step").filter(has=page.locator("input[type=checkbox]"))
    page.clock.set_system_time(datetime.now(UTC) - timedelta(minutes=5))  # given five minutes before it arrives
    page.context.set_offline(True)
    ticked = []
    for index in range(3):
        step = steps.nth(index)
        box = step.locator("input[type=checkbox]")
        box.scroll_into_view_if_needed()
        box.tap()
        expect(step.locator("[data-save-status]")).to_contain_text(KEPT)
        expect(box).to_be_checked()  # kept as given, not undone
        ticked.append(step.get_attribute("id").rsplit("-", 1)[1])
    assert answered_events(live_server, case.id) == [] and waiting_on_phone(page) == 3

    page.reload()  # still offline: the case page comes from the phone, the answers from its outbox
    expect(page.locator(f"main [data-save-status]:has-text('{KEPT}')")).to_have_count(3)
    for index in range(3):
        expect(steps.nth(index).locator("input[type=checkbox]")).to_be_checked()
    assert answered_events(live_server, case.id) == []

    page.clock.set_system_time(datetime.now(UTC))
    page.context.set_offline(False)  # the browser says it is online again: the outbox sends
    expect(page.locator(f"main [data-save-status]:has-text('{KEPT}')")).to_have_count(0)
    assert waiting_on_phone(page) == 0
    page.evaluate("window.dispatchEvent(new Event('online'))")  # told twice: nothing is sent again
    page.wait_for_timeout(500)
    events = answered_events(live_server, case.id)
    assert [field for field, *_ in events] == ticked, "in the order they were given, each once"
    assert len({key for _, key, *_ in events}) == 3
    assert all(timedelta(minutes=4) < at - given < timedelta(minutes=6) for *_, given, at in events)
    assert all(stored_answers(live_server, case.id)[field][0] is True for field in ticked)

    page.reload()
    timeline = page.locator("ol.timeline")
    expect(timeline.get_by_text("given on the phone at")).to_have_count(3)


def test_signing_out_wipes_what_waits_on_the_phone(live_server, new_page):
    case = make_case(live_server, slug=SCHOOL, opener=STAFF)
    page = new_page(**PHONE, service_workers="block")  # page.route sees no request a service worker passes on
    login(page, STAFF, DEMO_PASSWORD)
    page.goto(f"{case.url}?lang=en")
    page.route("**/fields/**", lambda route: route.abort("internetdisconnected"))  # the ticks find no network
    step = page.locator("main section.run .step").filter(has=page.locator("input[type=checkbox]")).first
    step.locator("input[type=checkbox]").tap()
    expect(step.locator("[data-save-status]")).to_contain_text(KEPT)
    assert waiting_on_phone(page) == 1
    with page.expect_navigation():
        page.get_by_role("button", name="Sign out").click()
    assert page.evaluate("indexedDB.databases().then((all) => all.map((db) => db.name))") == []
    assert answered_events(live_server, case.id) == []
