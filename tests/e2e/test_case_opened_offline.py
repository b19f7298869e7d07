"""Opening a case without a connection (issue #22): the new-case form the phone keeps is sent offline, the case
waits on the phone as "Provisional 1" with the time it was given, its checklist is worked through on the phone
(steps shown and hidden by the answers), and when the connection returns it is opened once on the server with
those answers and the phone shows its real reference."""

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from intranet.demo import DEMO_PASSWORD

from .case_steps import step, unique_label
from .conftest import PHONE, assert_accessible, login
from .offline_steps import controlled, keep_checklists_in, wait_until_kept
from .pages import STAFF

NEW_CASE = "/app/schools/fjordvik-us/cases/new"
INTOXICATED = "Student intoxicated at school"
WORDS = {
    "nb": ("Midlertidig 1", "Lagret på denne telefonen", "Opprettet som sak"),
    "nn": ("Mellombels 1", "Lagra på denne telefonen", "Oppretta som sak"),
    "en": ("Provisional 1", "Saved on this phone", "Opened as case"),
}


def cases_labelled(live_server, label: str) -> list[str]:
    from intranet.cases.models import Case
    from intranet.extensions import db

    with live_server.app.app_context():
        return [case.reference for case in db.session.scalars(select(Case).where(Case.label == label))]


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_a_case_opened_offline_gets_its_real_reference_once_online(live_server, new_page, lang):
    provisional, waiting, opened = WORDS[lang]
    page = new_page(**PHONE)
    login(page, STAFF, DEMO_PASSWORD)
    controlled(page)
    keep_checklists_in(page, NEW_CASE, lang)
    wait_until_kept(page, NEW_CASE)
    page.context.set_offline(True)
    page.reload()  # the form comes from the phone
    label = open_offline(page, "Gymsal")
    expect(page.locator("h1")).to_contain_text(provisional)  # its checklist, from the phone
    assert_accessible(page, f"the checklist of a case waiting on the phone ({lang})")
    page.go_back()
    openings = page.locator("#openings-list")
    expect(openings).to_contain_text(provisional)
    expect(openings).to_contain_text(waiting)
    expect(openings).to_contain_text(label)
    assert cases_labelled(live_server, label) == []
    assert_accessible(page, f"a case waiting on the phone ({lang})")

    page.context.set_offline(False)  # the browser says it is online: the opening is sent
    expect(openings.locator("a")).to_contain_text(opened)
    references = cases_labelled(live_server, label)
    assert len(references) == 1
    expect(openings.locator("a")).to_contain_text(references[0])
    page.evaluate("window.dispatchEvent(new Event('online'))")  # told twice: nothing is sent again
    page.wait_for_timeout(300)
    assert cases_labelled(live_server, label) == references
    assert_accessible(page, f"a case opened from the phone ({lang})")
    openings.locator("a").tap()
    expect(page.locator("h1")).to_contain_text(references[0])


def open_offline(page, prefix: str) -> str:
    label = unique_label(prefix)
    page.locator("input[name=checklist]").first.check()
    page.locator("input[name=label]").fill(label)
    page.locator("form.open-case button[type=submit]").tap()
    return label


NOTE = "Satt med eleven på bussholdeplassen til foresatte kom."


def test_the_checklist_of_a_case_opened_offline_is_worked_through_and_arrives_with_it(live_server, new_page):
    """Answers and notes on the phone show and hide steps as on a case, stay after a reload, wait with the
    opening and arrive with it once, each with the time it was given; the page then goes to the case."""
    page = new_page(**PHONE)
    login(page, STAFF, DEMO_PASSWORD)
    controlled(page)
    keep_checklists_in(page, NEW_CASE, "en")
    wait_until_kept(page, NEW_CASE)
    page.context.set_offline(True)
    page.reload()
    page.get_by_label(INTOXICATED, exact=True).check()
    label = unique_label("Bussholdeplass")
    page.locator("input[name=label]").fill(label)
    page.locator("form.open-case button[type=submit]").tap()
    expect(page.locator("h1")).to_contain_text(f"Provisional 1 · {label}")
    assert page.url.split("#", 1)[1] == "opening-1"

    guardians = step(page, "call_guardians")
    expect(guardians).to_have_count(0)  # shown by "Under 18" only
    step(page, "stay_with_student").locator("input[type=checkbox]").tap()
    page.get_by_label("Under 18", exact=True).tap()
    expect(guardians).to_be_visible()
    guardians.locator("input[type=checkbox]").tap()
    expect(guardians.locator("[data-save-status]")).to_contain_text("Saved on this phone")
    stay = step(page, "stay_with_student")
    stay.locator("summary").tap()
    stay.get_by_label("Note", exact=True).fill(NOTE)
    stay.get_by_role("button", name="Save the note").tap()
    expect(stay.locator("[data-note-status]")).to_contain_text("Saved on this phone")
    assert_accessible(page, "the checklist of a case waiting on the phone")
    page.set_viewport_size({"width": 320, "height": 640})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320, "sideways scroll at 320 px"
    page.set_viewport_size(PHONE["viewport"])

    page.reload()  # offline: the page and the answers come from the phone
    expect(page.locator("h1")).to_contain_text("Provisional 1")
    expect(page.get_by_label("Under 18", exact=True)).to_be_checked()
    expect(guardians.locator("input[type=checkbox]")).to_be_checked()
    expect(stay.get_by_label("Note", exact=True)).to_have_value(NOTE)
    page.get_by_label("18 or older", exact=True).tap()  # the guardians' step is hidden, its answer dropped
    expect(guardians).to_have_count(0)
    page.get_by_label("Under 18", exact=True).tap()
    expect(guardians.locator("input[type=checkbox]")).not_to_be_checked()
    guardians.locator("input[type=checkbox]").tap()
    assert cases_labelled(live_server, label) == []

    with page.expect_navigation():
        page.context.set_offline(False)
    references = cases_labelled(live_server, label)
    assert len(references) == 1
    expect(page.locator("h1")).to_contain_text(references[0])
    expect(step(page, "age_band").get_by_label("Under 18", exact=True)).to_be_checked()
    expect(step(page, "call_guardians").locator("input[type=checkbox]")).to_be_checked()
    expect(step(page, "stay_with_student").locator("input[type=checkbox]")).to_be_checked()
    assert answers_given_on_the_phone(live_server, label) == ["stay_with_student", "age_band", "call_guardians"]
    expect(step(page, "stay_with_student").locator(".step-note")).to_contain_text(NOTE)


def answers_given_on_the_phone(live_server, label: str) -> list[str]:
    """The steps answered in the case, in order, each once, every one with the time it was given on the phone."""
    from intranet.cases.models import Case, CaseEvent
    from intranet.extensions import db

    with live_server.app.app_context():
        case = db.session.scalar(select(Case).where(Case.label == label))
        events = db.session.scalars(
            select(CaseEvent).where(CaseEvent.case_id == case.id, CaseEvent.kind == "answered").order_by(CaseEvent.id)
        ).all()
        assert all(event.given_at is not None for event in events)
        return [event.data["field"] for event in events]
