"""Opening a case without a connection (issue #22): the new-case form the phone keeps is sent offline, the case
waits on the phone as "Provisional 1" with the time it was given, and when the connection returns it is opened
once on the server and the phone shows its real reference."""

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from intranet.demo import DEMO_PASSWORD

from .case_steps import unique_label
from .conftest import PHONE, assert_accessible, login
from .offline_steps import controlled, wait_until_kept
from .pages import STAFF

NEW_CASE = "/app/schools/fjordvik-us/cases/new"
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
    page.goto(f"{NEW_CASE}?lang={lang}")
    wait_until_kept(page, NEW_CASE)
    page.context.set_offline(True)
    page.reload()  # the form comes from the phone
    label = unique_label("Gymsal")
    page.locator("input[name=checklist]").first.check()
    page.locator("input[name=label]").fill(label)
    page.locator("form.open-case button[type=submit]").tap()
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
