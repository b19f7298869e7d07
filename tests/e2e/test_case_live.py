"""The same case open on two phones: what one person ticks appears on the other phone by itself, within
the ten seconds the page's poll promises, without a reload and without touching that phone."""

from playwright.sync_api import expect

from intranet.demo import DEMO_PASSWORD

from .case_steps import make_case, step, stored_answers, unique_label
from .conftest import PHONE, assert_accessible, login
from .htmx_steps import assert_not_reloaded, swapped, watch_for_reloads
from .pages import RECTOR, STAFF

SCHOOL = "fjordvik-us"
LEADERSHIP = "Call the school leadership"
WITHIN = 10_000  # ms: the page polls every 8 s; a bound on the behaviour, not a timing measurement


def phone(new_page, email: str):
    page = new_page(**PHONE)
    login(page, email, DEMO_PASSWORD)
    return page


def test_a_tick_on_one_phone_appears_on_the_other_within_ten_seconds_untouched(live_server, new_page):
    case = make_case(live_server, slug=SCHOOL, opener=STAFF, label=unique_label("8C, fredag"))
    ingrid, rector = phone(new_page, STAFF), phone(new_page, RECTOR)
    for page in (ingrid, rector):
        assert page.goto(case.url + "?lang=en").status == 200
        watch_for_reloads(page)
    expect(rector.get_by_label(LEADERSHIP, exact=True)).not_to_be_checked()
    expect(step(rector, "call_guardians")).to_have_count(0)

    swapped(ingrid, lambda: ingrid.get_by_label(LEADERSHIP, exact=True).tap())
    swapped(ingrid, lambda: ingrid.get_by_label("Under 18", exact=True).tap())
    assert stored_answers(live_server, case.id)["call_leadership"][:2] == (True, "Ingrid Bakke")

    # The rector's phone is not touched: its poll brings the tick, who did it, and the steps it revealed.
    expect(rector.get_by_label(LEADERSHIP, exact=True)).to_be_checked(timeout=WITHIN)
    expect(step(rector, "call_leadership").locator(".meta")).to_contain_text("Ingrid Bakke", timeout=WITHIN)
    expect(rector.get_by_label("Under 18", exact=True)).to_be_checked(timeout=WITHIN)
    expect(step(rector, "call_guardians")).to_be_visible(timeout=WITHIN)
    assert_not_reloaded(rector)
    assert_accessible(rector, "case page after a colleague's ticks arrived by the poll")

    # And back: the rector's tick reaches Ingrid's phone the same way.
    swapped(rector, lambda: rector.get_by_label("Call the guardians at once", exact=True).tap())
    expect(ingrid.get_by_label("Call the guardians at once", exact=True)).to_be_checked(timeout=WITHIN)
    assert_not_reloaded(ingrid)
