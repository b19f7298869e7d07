"""The school year's calendar editor: the municipality adds a year, its breaks (typed and imported), sees a
refused date explained, exports the calendar; the rector adds the school's own day. Every page passes
axe-core in bokmål, nynorsk and English, and does not scroll sideways on a 320 px phone."""

import re

import pytest
from icalendar import Calendar
from playwright.sync_api import expect

from intranet.demo import DEMO_PASSWORD

from .conftest import DESKTOP, assert_accessible, assert_no_external_requests, login

ORG_ADMIN, RECTOR = "kommune@example.no", "rektor.fjordvik@example.no"
NARROWEST = {"viewport": {"width": 320, "height": 640}, "is_mobile": True, "has_touch": True}
# Each language's run works on a school year of its own, so the runs never meet in the shared database.
FIRST_YEAR = {"nb": 2030, "nn": 2031, "en": 2032}
SAYS = {
    "nb": {"added": "Legg til skoleåret", "date": "Skriv en dato", "christmas": "Juleferie", "winter": "Vinterferie"},
    "nn": {"added": "Legg til skuleåret", "date": "Skriv ein dato", "christmas": "Juleferie", "winter": "Vinterferie"},
    "en": {
        "added": "Add the school year",
        "date": "Write a date",
        "christmas": "Christmas break",
        "winter": "Winter break",
    },
}


def fits_320(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"{page.url} scrolls sideways at 320 px ({width} px wide)"


def check(page, label: str) -> None:
    assert_no_external_requests(page)
    assert_accessible(page, label)


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_the_municipality_keeps_the_calendar_and_the_rector_adds_a_day(new_page, live_server, lang, tmp_path):
    year = FIRST_YEAR[lang]
    says = SAYS[lang]
    page = new_page(**DESKTOP)
    login(page, ORG_ADMIN, DEMO_PASSWORD)
    page.goto(f"/app/?lang={lang}")
    page.locator("main a[href$='/school-years/']").click()
    check(page, f"school years [{lang}]")

    form = page.locator("main section[aria-labelledby=add-year-heading] form")
    form.locator("input[name=first_day]").fill(f"{year}-08-19")
    form.locator("input[name=last_day]").fill(f"{year + 1}-06-20")
    with page.expect_navigation():
        form.get_by_role("button", name=says["added"]).click()
    expect(page.locator("main h1")).to_contain_text(f"{year}/{str(year + 1)[-2:]}")
    editor = page.url

    add = page.locator("main section[aria-labelledby=add-period-heading] form")
    add.locator("select[name=kind]").select_option("christmas_break")
    add.locator("input[name=first_day]").fill(f"{year}-12-21")
    add.locator("input[name=last_day]").fill(f"{year + 1}-01-01")
    with page.expect_navigation():
        add.locator("button[type=submit]").click()
    expect(page.locator("main #periods")).to_contain_text(says["christmas"])

    # A day outside the year is refused with a reason, and what was typed stays.
    add = page.locator("main section[aria-labelledby=add-period-heading] form")
    add.locator("select[name=kind]").select_option("other")
    add.locator("input[name=first_day]").fill(f"{year + 1}-07-15")
    add.locator("input[name=name]").fill("Sommerfest")
    with page.expect_navigation():
        add.locator("button[type=submit]").click()
    expect(page.locator("main .has-error .error").first).to_be_visible()
    expect(page.locator("main input[name=name]")).to_have_value("Sommerfest")
    check(page, f"school year editor with an error [{lang}]")

    csv_file = tmp_path / "skolerute.csv"
    csv_file.write_text(
        "kind,first_day,last_day,name\n"
        f"christmas_break,{year}-12-21,{year + 1}-01-01,\n"
        f"winter_break,{year + 1}-02-24,{year + 1}-02-28,\n",
        encoding="utf-8",
    )
    page.goto(editor)
    page.locator("main input[type=file]").set_input_files(str(csv_file))
    with page.expect_navigation():
        page.locator("main section[aria-labelledby=import-heading] button[type=submit]").click()
    expect(page.locator("main #periods")).to_contain_text(says["winter"])
    expect(page.locator(".flashes")).to_contain_text("2")
    check(page, f"school year editor [{lang}]")

    href = page.locator("main a[href$='calendar.ics']").get_attribute("href")
    exported = page.request.get(href)
    assert exported.status == 200
    summaries = [str(event["SUMMARY"]) for event in Calendar.from_ical(exported.body()).walk("VEVENT")]
    assert says["christmas"] in summaries and says["winter"] in summaries

    narrow = new_page(**NARROWEST)
    login(narrow, ORG_ADMIN, DEMO_PASSWORD)
    narrow.goto(f"{editor}?lang={lang}")
    fits_320(narrow)

    rector = new_page(**NARROWEST)
    login(rector, RECTOR, DEMO_PASSWORD)
    year_id = editor.rstrip("/").rsplit("/", 1)[1]
    rector.goto(f"/app/schools/fjordvik-us/school-year/?year={year_id}&lang={lang}")
    expect(rector.locator("main h1")).to_contain_text(f"{year}/{str(year + 1)[-2:]}")
    expect(rector.locator("main")).to_contain_text(says["winter"])  # the municipality's break
    own = rector.locator("main #own-days form").last
    own.locator("select[name=kind]").select_option("other")
    own.locator("input[name=first_day]").fill(f"{year + 1}-02-05")
    own.locator("input[name=name]").fill(f"Aktivitetsdag {lang}")
    with rector.expect_navigation():
        own.locator("button[type=submit]").click()
    expect(rector.locator("main #own-days")).to_contain_text(f"Aktivitetsdag {lang}")
    fits_320(rector)
    check(rector, f"the school's school year [{lang}]")
    assert re.search(r"/school-year/\?year=\d+#own-days$", rector.url)
