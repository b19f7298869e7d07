"""The municipality's overview in a real browser: axe-core in nb, nn and en at 360 px and on a desktop,
no sideways scrolling on the phone, sorting and filtering by plain links and a GET form, the charts."""

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import expect

from intranet.demo import DEMO_PASSWORD

from .conftest import DESKTOP, NARROW_PHONE, assert_accessible, assert_no_external_requests, login
from .pages import LANGUAGES, ORG_ADMIN
from .plan_data import add_school

SCHOOL = "oversikt-e2e"
RECTOR = f"rektor-{SCHOOL}@example.no"
ORG_PAGES = (
    "/app/organisations/fjordvik/overview/",
    "/app/organisations/fjordvik/overview/statistics",
    "/app/organisations/fjordvik/overview/checklists",
)
SCREENSHOTS = os.environ.get("SCREENSHOTS")
DEVICES = {"phone-360": NARROW_PHONE, "desktop": DESKTOP}


def _ensure_cases(live_server) -> None:
    """Once per session: a school of the demo municipality with its checklists and 14 cases over two terms."""
    from intranet.auth.models import User
    from intranet.cases import operations as case_ops
    from intranet.extensions import db
    from intranet.formsadmin import operations as forms_ops
    from intranet.schools.models import School

    with live_server.app.app_context():
        if db.session.scalar(db.select(School).where(School.slug == SCHOOL)) is not None:
            return
    add_school(live_server, slug=SCHOOL, rector=RECTOR)
    with live_server.app.app_context(), live_server.app.test_request_context():
        school = db.session.scalar(db.select(School).where(School.slug == SCHOOL))
        rector = db.session.scalar(db.select(User).where(User.email == RECTOR))
        versions = {}
        for version in forms_ops.templates_for(school):
            form = forms_ops.copy_template(school, version, user=rector)
            versions[form.key] = forms_ops.publish(form, note="Tatt i bruk", user=rector)
        checklist = next(v for v in versions.values() if v.definition.get("kind") == "checklist")
        for n in range(14):
            case = case_ops.open_case(school, checklist, user=rector)
            case.opened_at = datetime(2025 + (n >= 8), 10 if n < 8 else 3, 1 + n, 9, tzinfo=UTC)
            if n % 3:
                case_ops.close_case(case, note="Ferdig", user=rector)
                case.closed_at = case.opened_at + timedelta(days=3)
        db.session.commit()


def _no_sideways_scroll(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], (
        f"{page.url}: {width}px wide on a {page.viewport_size['width']}px screen"
    )


@pytest.mark.parametrize("device", DEVICES)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_overview_pages_are_accessible(live_server, new_page, lang, device):
    _ensure_cases(live_server)
    page = new_page(**DEVICES[device])
    login(page, ORG_ADMIN, DEMO_PASSWORD)
    for path in ORG_PAGES:
        response = page.goto(f"{path}?lang={lang}")
        assert response.status == 200, path
        assert page.locator("html").get_attribute("lang") == lang
        assert_accessible(page, f"{path} [{lang}, {device}]")
        _no_sideways_scroll(page)
        if SCREENSHOTS:  # to look at the pages: SCREENSHOTS=/some/folder
            name = f"overview-{device}-{lang}-{path.rstrip('/').rsplit('/', 1)[-1]}.png"
            page.screenshot(path=str(Path(SCREENSHOTS) / name), full_page=True)
    assert_no_external_requests(page)
    school = new_page(**DEVICES[device])
    login(school, RECTOR, DEMO_PASSWORD)
    assert school.goto(f"/app/schools/{SCHOOL}/statistics?lang={lang}").status == 200
    assert_accessible(school, f"school statistics [{lang}, {device}]")
    _no_sideways_scroll(school)


def test_municipality_admin_finds_sorts_filters_and_reads_the_charts(live_server, desktop):
    _ensure_cases(live_server)
    login(desktop, ORG_ADMIN, DEMO_PASSWORD)
    desktop.goto("/app/?lang=en")
    desktop.get_by_role("link", name="Overview of the schools").click()
    assert desktop.locator("h1").inner_text().startswith("Plan status")
    desktop.get_by_role("link", name="Open cases").click()
    desktop.get_by_role("link", name="Open cases").click()  # again: largest first
    # Largest first: other tests may have opened cases at other schools, so read the column itself.
    header = desktop.locator("table.status-table thead th[aria-sort]", has_text="Open cases")
    expect(header).to_have_attribute("aria-sort", "descending")
    desktop.select_option("#filter-published", "no")
    desktop.get_by_role("button", name="Show").click()
    assert "published=no" in desktop.url and "sort=open" in desktop.url
    assert "Fjordvik ungdomsskole" not in desktop.locator("table.status-table").inner_text()
    desktop.get_by_role("link", name="Statistics").click()
    chart = desktop.locator("figure.chart svg").first
    assert chart.get_attribute("role") == "img"
    assert "Autumn 2025" in chart.inner_html() and "Spring 2026" in chart.inner_html()
    assert desktop.get_by_role("table", name="The charts' figures").count() == 1
