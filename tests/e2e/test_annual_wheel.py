"""The annual wheel: activities the rector adds to the plan's annual-wheel section reach the staff
wheel, the public school page and the calendar feeds once the plan is published; the wheel picture
works with a keyboard.

Tests that change a plan work on a school of their own (made in the live server's database) whose
plan, made from the shipped template, is already published once. Pages are in English (browser
locale en-US); the plan's texts are edited in the school's default language (bokmål).
"""

import calendar
import re
import secrets
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar
from playwright.sync_api import expect

from intranet.demo import DEMO_PASSWORD

from .conftest import DESKTOP, assert_accessible, assert_no_external_requests, login
from .plan_data import SHIPPED, add_school, publish
from .plan_steps import click_through, flashes, publish_with_note, section_link

PUBLIC_LABEL = "Public: shown to parents and in the public calendar"


def today() -> date:
    """The day the app calls today: it counts in Norwegian time (so this month is the app's month)."""
    return datetime.now(ZoneInfo("Europe/Oslo")).date()


def activities(n: int) -> str:
    return f"{n} activit{'y' if n == 1 else 'ies'}"


def shipped_in(month: int) -> int:
    return sum(month in (item.get("months") or []) for item in SHIPPED["annual_wheel"]["data"]["items"])


def school_with_published_plan(live_server):
    school = add_school(live_server, plan=True)
    publish(live_server, school, "Første versjon")
    return school


def open_wheel_editor(page, school):
    page.goto(f"{school.plan_url}?lang=en")
    click_through(page, section_link(page, "annual_wheel"))
    return page.locator("main #section-editor fieldset.item")


def feed(page, url: str) -> Calendar:
    response = page.request.get(url)
    assert response.status == 200, f"{url}: HTTP {response.status}"
    assert response.headers["content-type"].startswith("text/calendar")
    return Calendar.from_ical(response.body())


def summaries(calendar_: Calendar) -> dict[str, list[date]]:
    found = {}
    for event in calendar_.walk("VEVENT"):
        found.setdefault(str(event["SUMMARY"]), []).append(event.decoded("DTSTART"))
    return found


def test_rector_adds_activities_this_month_publishes_and_they_reach_wheel_school_page_and_feeds(live_server, new_page):
    school = school_with_published_plan(live_server)
    month = today().month
    month_name = calendar.month_name[month]
    token = secrets.token_hex(3)
    public_title, internal_title = f"Rusfri kveld for 9. trinn {token}", f"Personalmøte om rutinene {token}"

    rector = new_page(**DESKTOP)
    login(rector, school.rector, DEMO_PASSWORD)
    rows = open_wheel_editor(rector, school)
    shipped = rows.count()
    assert shipped == len(SHIPPED["annual_wheel"]["data"]["items"])
    click_through(rector, rector.get_by_role("button", name="Add a row"))
    click_through(rector, rector.get_by_role("button", name="Add a row"))
    assert rows.count() == shipped + 2
    assert "Not saved yet" in rector.locator("main [role=status]").last.inner_text()

    public_row, internal_row = rows.nth(shipped), rows.nth(shipped + 1)
    public_row.get_by_label("Activity", exact=True).fill(public_title)
    public_row.get_by_role("group", name="Months").get_by_label(month_name, exact=True).check()
    public_row.get_by_label("Year group or audience").fill("9. trinn")
    public_row.get_by_role("group", name="Responsible").get_by_label("Helsesykepleier", exact=True).check()
    expect(public_row.get_by_label(PUBLIC_LABEL)).to_be_checked()  # a new row starts public
    internal_row.get_by_label("Activity", exact=True).fill(internal_title)
    internal_row.get_by_role("group", name="Months").get_by_label(month_name, exact=True).check()
    internal_row.get_by_label(PUBLIC_LABEL).uncheck()
    click_through(rector, rector.get_by_role("button", name="Save", exact=True))
    assert "Saved" in flashes(rector, "success"), rector.locator("main .error").all_inner_texts()
    assert rows.nth(shipped).get_by_label("Activity", exact=True).input_value() == public_title
    assert rows.nth(shipped).get_by_label(PUBLIC_LABEL).is_checked()
    assert not rows.nth(shipped + 1).get_by_label(PUBLIC_LABEL).is_checked()

    # Nothing shows before the plan is published.
    parent = new_page(**DESKTOP)
    parent.goto(f"/{school.slug}/wheel")
    assert public_title not in parent.locator("main").inner_text()

    click_through(rector, rector.locator("main .breadcrumb a"))
    publish_with_note(rector, "Nye aktiviteter i årshjulet")
    assert "Revision 2 is published." in flashes(rector, "success")

    # The staff wheel: both activities under this month, and the month's segment says so.
    wheel_url = f"/app/schools/{school.slug}/wheel"
    rector.goto(wheel_url)
    listed = rector.locator(f"main li#month-{month}")
    expect(listed.get_by_role("heading", level=3)).to_have_text(month_name)
    public_item = listed.locator("ul.measures > li").filter(has_text=public_title)
    expect(public_item).to_contain_text("For: 9. trinn")
    expect(public_item).to_contain_text("Responsible: School nurse")
    expect(listed.locator("ul.measures > li").filter(has_text=internal_title).locator(".badge")).to_have_text(
        "internal"
    )
    segment = rector.locator(f"main figure.wheel svg a[href='#month-{month}']")
    count = shipped_in(month) + 2  # the name starts with what the segment shows ("Dec 5"), then says it in full
    shown = f"{month_name[:3]} {count}"
    expect(segment).to_have_attribute("aria-label", f"{shown} ({month_name}: {activities(count)})")
    expect(segment.locator("path")).to_have_class(re.compile(r"\bhas-activities\b.*\bcurrent\b"))

    # Parents: the public activity under "Coming up" and on the public wheel; the internal one nowhere.
    parent.goto(f"/{school.slug}/")
    coming_up = parent.get_by_role("region", name="Coming up")
    expect(coming_up).to_contain_text(f"{month_name}: {public_title} (9. trinn)")
    assert internal_title not in parent.content()
    parent.goto(f"/{school.slug}/wheel")
    expect(parent.locator(f"main li#month-{month}")).to_contain_text(public_title)
    expect(parent.locator(f"main svg a[href='#month-{month}']")).to_have_attribute(
        "aria-label", f"{month_name[:3]} {shipped_in(month) + 1} ({month_name}: {activities(shipped_in(month) + 1)})"
    )
    assert internal_title not in parent.content()

    # The public calendar feed has the public activity, from the first of this month; not the internal one.
    first_of_month = today().replace(day=1)
    public_feed = summaries(feed(parent, f"/{school.slug}/calendar.ics"))
    assert first_of_month in public_feed.get(public_title, []), sorted(public_feed)
    assert internal_title not in public_feed

    # A private address (shown once, in a message) also gives the internal activity, until it is stopped.
    click_through(rector, rector.get_by_role("button", name="Make my private calendar address"))
    message = flashes(rector, "success")
    found = re.search(rf"https?://\S+/{re.escape(school.slug)}/calendar/[\w-]+\.ics", message)
    assert found, f"no private address in the message: {message!r}"
    private_url = found.group(0)
    response = parent.request.get(private_url)
    assert response.status == 200
    assert "no-store" in response.headers.get("cache-control", "")
    private_feed = summaries(feed(parent, private_url))
    assert first_of_month in private_feed.get(public_title, [])
    assert first_of_month in private_feed.get(internal_title, [])

    click_through(rector, rector.get_by_role("button", name="Stop my private address"))
    assert "no longer works" in flashes(rector, "success")
    assert parent.request.get(private_url).status == 404
    assert_no_external_requests(rector)
    assert_no_external_requests(parent)


def test_a_row_added_to_the_annual_wheel_starts_public_like_the_stored_rows(live_server, desktop):
    school = add_school(live_server, plan=True)
    login(desktop, school.rector, DEMO_PASSWORD)
    rows = open_wheel_editor(desktop, school)
    assert rows.first.get_by_label(PUBLIC_LABEL).is_checked(), "a stored row without the setting is public"
    click_through(desktop, desktop.get_by_role("button", name="Add a row"))
    assert rows.last.get_by_label(PUBLIC_LABEL).is_checked(), "a new row starts public"


def test_keyboard_reaches_the_wheel_months_and_enter_jumps_to_the_month_in_the_list(desktop):
    desktop.goto("/fjordvik-us/wheel?lang=en")
    in_wheel = "!!document.activeElement.closest('figure.wheel svg')"
    for _ in range(25):
        desktop.keyboard.press("Tab")
        if desktop.evaluate(in_wheel):
            break
    else:
        pytest.fail("25 presses of Tab never reached a month in the wheel")
    focused = desktop.evaluate_handle("document.activeElement")
    assert focused.evaluate("el => el.tagName.toLowerCase()") == "a"
    assert focused.evaluate("el => el.getAttribute('href')") == "#month-8", "the school year starts in August"
    assert focused.evaluate("el => el.getAttribute('aria-label')").startswith("Aug ")  # what it shows, first
    # The focused month is highlighted (the focus ring of an SVG link is its segment's colour).
    assert focused.evaluate("el => getComputedStyle(el.querySelector('path')).fill") == "rgb(242, 169, 0)"
    # The current month's text is white on dark blue, and turns dark when its segment is highlighted.
    current = desktop.locator("figure.wheel a:has(path.current)")
    current.focus()
    for label in current.evaluate("el => [...el.querySelectorAll('text')].map(t => getComputedStyle(t).fill)"):
        assert label == "rgb(27, 31, 36)", "the focused current month's text stays readable on yellow"
    assert_accessible(desktop, "wheel with the current month focused")
    focused.focus()

    desktop.keyboard.press("Tab")
    assert desktop.evaluate("document.activeElement.getAttribute('href')") == "#month-9", "Tab goes on to September"
    desktop.keyboard.press("Enter")
    desktop.wait_for_function("location.hash === '#month-9'")
    target = desktop.locator("main li#month-9")
    expect(target).to_be_focused()
    expect(target.get_by_role("heading", level=3)).to_have_text("September")
    expect(target).to_be_in_viewport()
    assert_no_external_requests(desktop)
