"""A teacher on a 390 × 844 phone in the middle of an incident: from the dashboard to the first tick without
scrolling, the page stays where the finger was when an answer reveals steps (and a screen reader hears of
them), every target is big enough for a thumb, and phone numbers in the school's texts can be tapped."""

from playwright.sync_api import expect

from intranet.demo import DEMO_PASSWORD

from .case_steps import make_case, step
from .conftest import PHONE, login
from .htmx_steps import swapped, watch_for_reloads
from .pages import STAFF

SCHOOL = "fjordvik-us"
SCHOOL_NAME = "Fjordvik ungdomsskole"
INTOXICATED = "Student intoxicated at school"
MIN_TARGET = 44  # CSS px, WCAG 2.5.5 (target size, enhanced)


def signed_in(new_page):
    page = new_page(**PHONE)
    login(page, STAFF, DEMO_PASSWORD)
    return page


def in_view(page, locator) -> bool:
    """The whole of the element is inside the viewport, as the page is scrolled now."""
    box = locator.bounding_box()
    height = page.viewport_size["height"]
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height


def test_from_the_dashboard_to_the_first_tick_without_scrolling(live_server, new_page):
    page = signed_in(new_page)
    page.goto("/app/?lang=en")
    card = page.locator("main section.card").filter(has=page.get_by_role("heading", name=SCHOOL_NAME, exact=True))
    open_a_case = card.get_by_role("link", name="Open a case", exact=True)
    assert in_view(page, open_a_case)
    with page.expect_navigation():
        open_a_case.tap()
    situation = page.get_by_label(INTOXICATED, exact=True)
    assert in_view(page, situation)
    situation.tap()
    button = page.get_by_role("button", name="Open the case", exact=True)
    assert page.evaluate("window.scrollY") == 0 and in_view(page, button), "Open the case is below the fold"
    with page.expect_navigation():
        button.tap()
    first = step(page, "stay_with_student").locator("input[type=checkbox]")
    assert page.evaluate("window.scrollY") == 0 and in_view(page, first), "the first step is below the fold"
    first.tap()
    expect(first).to_be_checked()


def test_an_answer_that_reveals_steps_keeps_the_page_where_it_was_and_announces_them(live_server, new_page):
    case = make_case(live_server, slug=SCHOOL, opener=STAFF)
    page = signed_in(new_page)
    page.goto(f"{case.url}?lang=en")
    watch_for_reloads(page)
    under_18 = page.get_by_label("Under 18", exact=True)
    under_18.scroll_into_view_if_needed()
    page.evaluate("window.scrollBy(0, 200)")
    before = page.evaluate("window.scrollY")
    top_before = under_18.bounding_box()["y"]
    swapped(page, under_18.tap)
    expect(step(page, "call_guardians")).to_be_visible()
    page.wait_for_timeout(300)  # anything htmx or the browser would still scroll after settling
    assert page.evaluate("window.scrollY") == before, "the page jumped after the answer"
    assert abs(under_18.bounding_box()["y"] - top_before) < 1
    announced = page.locator("[aria-live] , [role=status]").all_inner_texts()
    assert any("Call the guardians at once" in text for text in announced), announced

    page.get_by_label("Yes", exact=True).nth(2).scroll_into_view_if_needed()  # sent home: yes
    before = page.evaluate("window.scrollY")
    swapped(page, step(page, "sent_home").get_by_label("Yes", exact=True).tap)
    expect(step(page, "two_staff_present")).to_be_visible()
    page.wait_for_timeout(300)
    assert page.evaluate("window.scrollY") == before


def test_every_target_on_a_case_page_is_at_least_44_px_and_phone_numbers_can_be_tapped(live_server, new_page):
    case = make_case(live_server, slug=SCHOOL, opener=STAFF, answers={"age_band": "under_18", "sent_home": True})
    page = signed_in(new_page)
    page.goto(f"{case.url}?lang=en")
    # A tick's or a choice's label is its target too (WCAG 2.5.5 "equivalent"); a number inside a sentence
    # is an inline target, which WCAG exempts.
    small = page.evaluate(
        """min => Array.from(document.querySelectorAll('main a[href]:not(a.tel), main button,'
              + ' main input:not([type=hidden]), main select, main textarea, main summary'))
            .filter(el => el.offsetParent !== null)
            .map(el => {
              const boxes = [el, ...(el.labels || [])].map(t => t.getBoundingClientRect());
              const best = boxes.reduce((a, b) => Math.min(b.width, b.height) > Math.min(a.width, a.height) ? b : a);
              return [el.outerHTML.slice(0, 90), Math.round(best.width), Math.round(best.height)];
            })
            .filter(([, w, h]) => w < min || h < min)""",
        MIN_TARGET,
    )
    assert small == [], f"targets smaller than {MIN_TARGET} × {MIN_TARGET} px: {small}"
    police = step(page, "call_police").locator("a[href^='tel:']").filter(has_text="02800")
    expect(police.first).to_have_attribute("href", "tel:02800")


def test_a_step_that_starts_a_checklist_starts_it_in_the_same_case_with_one_tap(live_server, new_page):
    case = make_case(live_server, slug=SCHOOL, opener=STAFF)
    page = signed_in(new_page)
    page.goto(f"{case.url}?lang=en")
    start = step(page, "start_follow_up")
    expect(start).to_contain_text("Ticking it starts the checklist in this case.")
    runs_before = page.locator("main section.run").count()
    with page.expect_navigation():  # a new run on the case: the page loads again with it
        start.locator("input[type=checkbox]").tap()
    expect(page.locator("main section.run")).to_have_count(runs_before + 1)
    follow_up = page.locator("main section.run").last
    expect(follow_up.get_by_role("heading", level=2)).to_contain_text("Follow-up after intoxication")
    link = step(page, "start_follow_up").get_by_role("link", name="Started: Follow-up after intoxication", exact=False)
    expect(link).to_have_attribute("href", f"#{follow_up.get_attribute('id')}")
    expect(step(page, "start_follow_up").locator("input[type=checkbox]")).to_be_checked()
