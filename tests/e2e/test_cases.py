"""Staff open a case on their phone when something happens, work through the school's checklist step by
step (each step saved on its own, over htmx), share the case with a colleague, and close it; the
rector sees every case and files the record as a PDF.

The tests open cases of their own at the demo school (Fjordvik), with a random label where a list is
searched; the demo's published checklists are only read. Pages are in English (?lang=en, which sticks
for the session); the cases' own content (labels, notes) is bokmål.
"""

import shutil
import subprocess
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from intranet.demo import DEMO_PASSWORD

from .case_steps import (
    HeldRequests,
    SlowAnswers,
    case_of,
    case_status,
    csrf_token,
    make_case,
    step,
    stored_answers,
    unique_label,
)
from .conftest import DESKTOP, PHONE, assert_accessible, assert_no_external_requests, login
from .htmx_steps import assert_not_reloaded, swapped, watch_for_reloads
from .pages import RECTOR, STAFF
from .plan_steps import click_through, flashes

SCHOOL = "fjordvik-us"
SCHOOL_NAME = "Fjordvik ungdomsskole"
NURSE = "helse.fjordvik@example.no"  # Amir Haddad, staff at Fjordvik
INTOXICATED = "Student intoxicated at school"
STAY = "Take the student away from the others, and never leave the student alone"
LEADERSHIP = "Call the school leadership"
GUARDIANS = "Call the guardians at once"
UNDER_18_STEPS = ("call_guardians", "child_welfare")
CLOSED_MESSAGE = "The case is closed, so nothing in it can be changed."
NOT_SAVED = "Not saved: check the connection and try again."


def cases_list(slug: str = SCHOOL) -> str:
    return f"/app/schools/{slug}/cases/"


ROUTED = {**PHONE, "service_workers": "block"}  # page.route sees no request a service worker passes on


def signed_in(new_page, email: str, device: dict = PHONE):
    page = new_page(**device)
    login(page, email, DEMO_PASSWORD)
    return page


def meta(page, key: str):
    return step(page, key).locator(".meta")


# ---------------------------------------------------------------- the whole story on a phone


def test_staff_member_opens_and_works_a_case_on_a_phone_while_the_rector_ticks_too(live_server, new_page, monkeypatch):
    ingrid = signed_in(new_page, STAFF)
    ingrid.goto("/app/?lang=en")
    school_card = ingrid.locator("main section.card").filter(
        has=ingrid.get_by_role("heading", name=SCHOOL_NAME, exact=True)
    )
    open_a_case = school_card.get_by_role("link", name="Open a case", exact=True)
    expect(open_a_case).to_have_class("button primary")
    expect(school_card.get_by_role("link", name="Cases", exact=True)).to_be_visible()

    # From the dashboard to the case's first step in at most three taps.
    taps = []

    def tap(locator, what: str) -> None:
        taps.append(what)
        locator.tap()

    with ingrid.expect_navigation():
        tap(open_a_case, "Open a case")
    expect(ingrid.get_by_role("group", name="What has happened?")).to_be_visible()
    tap(ingrid.get_by_label(INTOXICATED, exact=True), INTOXICATED)
    expect(ingrid.get_by_label(INTOXICATED, exact=True)).to_be_checked()
    with ingrid.expect_navigation():
        tap(ingrid.get_by_role("button", name="Open the case", exact=True), "Open the case")
    assert len(taps) <= 3, f"opening a case took {len(taps)} taps: {taps}"
    case = case_of(ingrid)
    run = ingrid.locator(f"main section#run-{case.run_id}")
    expect(run.get_by_role("heading", level=2)).to_contain_text(INTOXICATED)
    expect(ingrid.locator("main h1")).to_contain_text(case.reference)

    # The steps for students under 18 appear when the age is chosen, not before.
    expect(step(ingrid, "age_band")).to_be_visible()
    for key in UNDER_18_STEPS + ("ask_about_guardians",):
        expect(step(ingrid, key)).to_have_count(0)
    watch_for_reloads(ingrid)
    swapped(ingrid, lambda: ingrid.get_by_label("Under 18", exact=True).tap())
    expect(ingrid.get_by_label("Under 18", exact=True)).to_be_checked()
    for key in UNDER_18_STEPS:
        expect(step(ingrid, key)).to_be_visible()
    expect(step(ingrid, "ask_about_guardians")).to_have_count(0)  # that one is for adults

    # A tick saves at once, in the same page, and says who did it.
    swapped(ingrid, lambda: ingrid.get_by_label(STAY, exact=True).tap())
    expect(ingrid.get_by_label(STAY, exact=True)).to_be_checked()
    expect(meta(ingrid, "stay_with_student")).to_contain_text("Ingrid Bakke")
    expect(step(ingrid, "stay_with_student")).to_have_class("step is-done")

    # A note on a step, also without leaving the page.
    stay = step(ingrid, "stay_with_student")
    stay.locator("summary").filter(has_text="Add a note").tap()
    stay.get_by_label("Note", exact=True).fill("Eleven sitter på helserommet med kontaktlæreren.")
    swapped(ingrid, lambda: stay.get_by_role("button", name="Save the note", exact=True).tap())
    expect(stay.locator(".step-note")).to_contain_text("Eleven sitter på helserommet med kontaktlæreren.")
    expect(stay.locator("summary")).to_contain_text("Change the note")

    # Tap to call: the rector is a phone number away from the step that says to call the leadership.
    expect(step(ingrid, "call_leadership").get_by_role("link", name="Call Per Strand")).to_have_attribute(
        "href", "tel:+4791234567"
    )

    # The rector (a school administrator sees every case) has the case open on another device.
    rector = signed_in(new_page, RECTOR, DESKTOP)
    assert rector.goto(case.url + "?lang=en").status == 200
    watch_for_reloads(rector)

    # Both tick a different step at the same moment: the server holds each request until both have
    # arrived, so neither browser has had an answer when the other one ticks.
    held = HeldRequests({case.step_url("call_leadership"), case.step_url("call_guardians")}, count=2)
    original = live_server.app.wsgi_app
    monkeypatch.setattr(live_server.app, "wsgi_app", held.wrap(original))
    ingrid_swaps, rector_swaps = ingrid.evaluate("window.swaps"), rector.evaluate("window.swaps")
    ingrid.get_by_label(LEADERSHIP, exact=True).tap()
    rector.get_by_label(GUARDIANS, exact=True).click()
    ingrid.wait_for_function("before => window.swaps > before", arg=ingrid_swaps)
    rector.wait_for_function("before => window.swaps > before", arg=rector_swaps)
    monkeypatch.setattr(live_server.app, "wsgi_app", original)
    assert not held.broken and sorted(held.held) == sorted(held.paths), f"not both at once: {held.held}"
    assert_not_reloaded(ingrid)
    assert_not_reloaded(rector)

    for page in (ingrid, rector):
        page.reload()
        for label in (STAY, LEADERSHIP, GUARDIANS):
            expect(page.get_by_label(label, exact=True)).to_be_checked()
        expect(meta(page, "call_leadership")).to_contain_text("Ingrid Bakke")
        expect(meta(page, "call_guardians")).to_contain_text("Per Strand")
    saved = stored_answers(live_server, case.id)
    assert saved["call_leadership"][:2] == (True, "Ingrid Bakke")
    assert saved["call_guardians"][:2] == (True, "Per Strand")
    assert saved["stay_with_student"] == (True, "Ingrid Bakke", "Eleven sitter på helserommet med kontaktlæreren.")

    # The rector closes the case with a note, and files the record as a PDF.
    close_card = rector.get_by_role("region", name="Close the case")
    close_card.get_by_label("Closing note").fill("Foresatte hentet eleven. Oppfølging avtalt.")
    click_through(rector, close_card.get_by_role("button", name="Close the case", exact=True))
    assert "The case is closed." in flashes(rector, "success")
    expect(rector.locator("main .status-line .badge")).to_have_text("closed")
    expect(rector.locator("main .card.notice")).to_contain_text("Foresatte hentet eleven. Oppfølging avtalt.")
    expect(rector.locator("main section.run form")).to_have_count(0)
    record = rector.get_by_role("link", name="Record as PDF", exact=True)
    response = rector.request.get(record.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    pdf = response.body()
    assert pdf.startswith(b"%PDF"), pdf[:40]
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
        for expected in (case.reference, "Ingrid Bakke", "Per Strand", "Foresatte hentet eleven."):
            assert expected in text, f"{expected!r} is not in the PDF record:\n{text}"

    # Ingrid sees it closed too, and only an administrator may open it again.
    ingrid.reload()
    expect(ingrid.locator("main .status-line .badge")).to_have_text("closed")
    expect(ingrid.get_by_role("button", name="Reopen the case")).to_have_count(0)
    expect(rector.get_by_role("button", name="Reopen the case")).to_be_visible()
    assert_no_external_requests(ingrid)


# ---------------------------------------------------------------- who can see a case


def test_a_colleague_not_on_the_case_cannot_find_or_open_it_until_added(live_server, new_page):
    label = unique_label("9B, mandag")
    case = make_case(live_server, slug=SCHOOL, opener=STAFF, label=label)
    amir = signed_in(new_page, NURSE, DESKTOP)

    assert amir.goto(case.url + "?lang=en").status == 404
    assert amir.goto(f"{case.url}/record.pdf").status == 404
    amir.goto(cases_list() + "?lang=en")
    expect(amir.locator("main")).not_to_contain_text(label)
    expect(amir.locator("main")).not_to_contain_text(f"Case {case.reference}")
    expect(amir.get_by_role("heading", name="Other cases at the school")).to_have_count(0)

    # The rector (school administrator) sees it among the others' cases.
    rector = signed_in(new_page, RECTOR, DESKTOP)
    rector.goto(cases_list() + "?lang=en")
    others = rector.get_by_role("region", name="Other cases at the school")
    expect(others.get_by_role("link").filter(has_text=label)).to_have_count(1)

    # Ingrid adds Amir under "Who can see this case".
    ingrid = signed_in(new_page, STAFF)
    ingrid.goto(case.url + "?lang=en")
    who = ingrid.get_by_role("region", name="Who can see this case")
    who.get_by_label("Colleague").select_option(label="Amir Haddad")
    click_through(ingrid, who.get_by_role("button", name="Add to the case", exact=True))
    assert "Amir Haddad can now see and work on the case." in flashes(ingrid, "success")
    expect(who.locator("ul").first).to_contain_text("Amir Haddad")

    amir.goto(cases_list() + "?lang=en")
    mine = amir.get_by_role("region", name="My cases")
    link = mine.get_by_role("link").filter(has_text=label)
    expect(link).to_have_count(1)
    response = click_through(amir, link)
    assert response.status == 200
    expect(amir.locator("main h1")).to_contain_text(case.reference)
    expect(amir.get_by_label(STAY, exact=True)).to_be_editable()


# ---------------------------------------------------------------- a closed case is read-only


def test_a_closed_case_shows_the_answers_read_only_and_refuses_changes(live_server, new_page):
    case = make_case(
        live_server,
        slug=SCHOOL,
        opener=STAFF,
        label=unique_label("8A, torsdag"),
        answers={"stay_with_student": True, "age_band": "under_18"},
        notes={"stay_with_student": "Kontaktlærer ble hos eleven."},
        closing_note="Avsluttet etter møte med foresatte.",
    )
    ingrid = signed_in(new_page, STAFF)
    ingrid.goto(case.url + "?lang=en")
    run = ingrid.locator(f"main section#run-{case.run_id}")
    expect(run).to_be_visible()
    expect(run.locator("form, input, textarea, select, button, details")).to_have_count(0)
    expect(step(ingrid, "stay_with_student")).to_contain_text(STAY)
    expect(step(ingrid, "stay_with_student")).to_contain_text("Done")
    expect(step(ingrid, "stay_with_student").locator(".step-note")).to_contain_text("Kontaktlærer ble hos eleven.")
    expect(step(ingrid, "age_band")).to_contain_text("Under 18")
    expect(step(ingrid, "call_guardians")).to_contain_text("Not answered")
    for card in ("Start another checklist on this case", "Close the case"):
        expect(ingrid.get_by_role("region", name=card)).to_have_count(0)
    expect(ingrid.get_by_role("region", name="Who can see this case").locator("form")).to_have_count(0)
    expect(ingrid.get_by_role("link", name="Record as PDF", exact=True)).to_be_visible()
    expect(ingrid.get_by_role("button", name="Reopen the case")).to_have_count(0)

    # A step posted anyway (an old tab, a replayed request) is refused with the reason.
    token = csrf_token(ingrid)
    form = {"csrf_token": token, f"r{case.run_id}-call_guardians": "y"}
    as_htmx = ingrid.request.post(case.step_url("call_guardians"), form=form, headers={"HX-Request": "true"})
    assert as_htmx.status == 409
    assert CLOSED_MESSAGE in as_htmx.text()
    plain = ingrid.request.post(case.step_url("call_guardians"), form=form)
    assert plain.status == 200 and urlsplit(plain.url).path == case.url
    assert CLOSED_MESSAGE in plain.text()
    note = ingrid.request.post(
        case.step_url("stay_with_student") + "/note",
        form={"csrf_token": token, "note": "Endret etterpå"},
        headers={"HX-Request": "true"},
    )
    assert note.status == 409 and CLOSED_MESSAGE in note.text()
    saved = stored_answers(live_server, case.id)
    assert "call_guardians" not in saved or saved["call_guardians"][0] is None
    assert saved["stay_with_student"][2] == "Kontaktlærer ble hos eleven."
    assert case_status(live_server, case.id) == "closed"

    # The rector reopens it, and the steps can be worked again.
    rector = signed_in(new_page, RECTOR, DESKTOP)
    rector.goto(case.url + "?lang=en")
    click_through(rector, rector.get_by_role("button", name="Reopen the case", exact=True))
    assert "The case is open again." in flashes(rector, "success")
    expect(rector.get_by_label(GUARDIANS, exact=True)).to_be_editable()
    expect(rector.get_by_label(STAY, exact=True)).to_be_checked()


# ---------------------------------------------------------------- a save that does not reach the server


# Without a connection a tick is kept on the phone and sent later (tests/e2e/test_case_offline.py); a
# failure that reaches the server is not, and says so next to the step.
@pytest.mark.parametrize("failure", ["server error", "bad gateway"])
def test_a_step_that_could_not_be_saved_says_so_next_to_the_step(live_server, new_page, failure):
    case = make_case(live_server, slug=SCHOOL, opener=STAFF, label=unique_label("10C, fredag"))
    ingrid = signed_in(new_page, STAFF, ROUTED)
    ingrid.goto(case.url + "?lang=en")
    watch_for_reloads(ingrid)

    def fail(route):
        status = 500 if failure == "server error" else 502
        route.fulfill(status=status, content_type="text/html", body="<p>The server could not answer</p>")

    ingrid.route("**/runs/*/fields/**", fail)
    stay = step(ingrid, "stay_with_student")
    ingrid.get_by_label(STAY, exact=True).tap()
    expect(stay.locator("[data-save-status]")).to_have_text(NOT_SAVED)
    expect(stay.locator("[data-save-status]")).to_have_class("save-status error")
    expect(step(ingrid, "life_in_danger").locator("[data-save-status]")).to_have_text("")
    expect(stay.locator(".meta")).not_to_contain_text("Ingrid Bakke")

    # A note that could not be saved says so too, and what was typed is still there to try again.
    stay.locator("summary").tap()
    stay.get_by_label("Note", exact=True).fill("Skrevet uten nett")
    stay.get_by_role("button", name="Save the note", exact=True).tap()
    expect(stay.locator("[data-save-status]")).to_have_text(NOT_SAVED)
    expect(stay.get_by_label("Note", exact=True)).to_have_value("Skrevet uten nett")
    assert_not_reloaded(ingrid)
    assert "stay_with_student" not in stored_answers(live_server, case.id)
    assert_accessible(ingrid, f"case page with a step not saved ({failure})")

    # Back online, saving the note again works and the message goes away.
    ingrid.unroute("**/runs/*/fields/**")
    swapped(ingrid, lambda: stay.get_by_role("button", name="Save the note", exact=True).tap())
    expect(stay.locator(".step-note")).to_contain_text("Skrevet uten nett")
    expect(stay.locator("[data-save-status]")).to_have_text("")
    assert stored_answers(live_server, case.id)["stay_with_student"][2] == "Skrevet uten nett"


# ---------------------------------------------------------------- work in progress is never wiped out


def test_text_being_typed_in_one_step_survives_a_tick_saved_in_another(live_server, new_page, monkeypatch):
    """On a slow connection a tick takes a while; whatever the user types meanwhile in another step,
    or in a note they have opened, is still there when the checklist is swapped back in."""
    case = make_case(live_server, slug=SCHOOL, opener=STAFF, label=unique_label("7A, mandag"))
    ingrid = signed_in(new_page, STAFF)
    ingrid.goto(case.url + "?lang=en")
    watch_for_reloads(ingrid)
    slow = SlowAnswers(f"/runs/{case.run_id}/fields/stay_with_student", 1.5)
    monkeypatch.setattr(live_server.app, "wsgi_app", slow.wrap(live_server.app.wsgi_app))
    what = ingrid.get_by_label("What happened?", exact=True)
    danger = step(ingrid, "life_in_danger")

    def tick_then_type() -> None:
        ingrid.get_by_label(STAY, exact=True).tap()
        danger.locator("summary").tap()
        danger.get_by_label("Note", exact=True).fill("Ringte ikke 113, eleven var våken.")
        # A click, not a tap: in headless Chromium a tap while a request is pending focuses the
        # field without giving it the keyboard (no input events at all), which no phone does.
        what.click()
        what.press_sequentially("Kl. 10.15 i gangen")

    swapped(ingrid, tick_then_type)
    expect(meta(ingrid, "stay_with_student")).to_contain_text("Ingrid Bakke")  # the tick came back...
    expect(what).to_have_value("Kl. 10.15 i gangen")  # ...and what was typed meanwhile is still there
    expect(what).to_be_focused()
    expect(danger.locator("details")).to_have_attribute("open", "")
    expect(danger.get_by_label("Note", exact=True)).to_have_value("Ringte ikke 113, eleven var våken.")

    # Typing goes on where it was, and leaving the field saves it.
    what.press_sequentially(" ved 9B")
    swapped(ingrid, lambda: what.press("Tab"))
    assert stored_answers(live_server, case.id)["note"][:2] == ("Kl. 10.15 i gangen ved 9B", "Ingrid Bakke")
    expect(what).to_have_value("Kl. 10.15 i gangen ved 9B")


def test_a_not_saved_message_stays_when_another_step_is_saved(live_server, new_page):
    case = make_case(live_server, slug=SCHOOL, opener=STAFF, label=unique_label("9A, onsdag"))
    ingrid = signed_in(new_page, STAFF, ROUTED)
    ingrid.goto(case.url + "?lang=en")
    watch_for_reloads(ingrid)
    failing = f"**/runs/{case.run_id}/fields/stay_with_student"
    ingrid.route(failing, lambda route: route.fulfill(status=500, content_type="text/html", body="<p>Error</p>"))
    ingrid.get_by_label(STAY, exact=True).tap()
    stay_status = step(ingrid, "stay_with_student").locator("[data-save-status]")
    expect(stay_status).to_have_text(NOT_SAVED)

    swapped(ingrid, lambda: ingrid.get_by_label(LEADERSHIP, exact=True).tap())
    expect(meta(ingrid, "call_leadership")).to_contain_text("Ingrid Bakke")
    expect(stay_status).to_have_text(NOT_SAVED)
    expect(ingrid.get_by_label(STAY, exact=True)).not_to_be_checked()  # the page shows what is saved

    # Tried again once the connection is back, the step saves and the message goes.
    ingrid.unroute(failing)
    swapped(ingrid, lambda: ingrid.get_by_label(STAY, exact=True).tap())
    expect(stay_status).to_have_text("")
    expect(meta(ingrid, "stay_with_student")).to_contain_text("Ingrid Bakke")
