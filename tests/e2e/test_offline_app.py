"""Reading without a signal (issue #22): the service worker keeps the case pages a person opened and the
public page of their school with its emergency numbers, never anyone else's pages, shows an offline page
in the person's language for a page it has not kept, and a new release replaces it without reloading."""

from playwright.sync_api import expect

from intranet.demo import DEMO_PASSWORD

from .case_steps import make_case
from .conftest import PHONE, assert_accessible, login
from .offline_steps import (
    cache_names,
    controlled,
    eventually,
    kept_paths,
    offline_reload_shows,
    reader_language,
    wait_until_everything_kept,
    wait_until_kept,
)
from .pages import STAFF

SCHOOL = "fjordvik-us"
OTHER_STAFF = "radgiver.lyngheia@example.no"
OTHER_SCHOOL = "lyngheia-vgs"
OUTBOX_SENT = """() => new Promise((done) => {
    indexedDB.open("rusplan-outbox", 1).onsuccess = (event) => {
      const transaction = event.target.result.transaction("items", "readwrite");
      transaction.objectStore("items").clear();
      transaction.oncomplete = () => { event.target.result.close(); done(); };
    };
})"""
OUTBOX_ITEM = """() => new Promise((done) => {
    const open = indexedDB.open("rusplan-outbox", 1);
    open.onupgradeneeded = () => open.result.createObjectStore("items", { keyPath: "seq", autoIncrement: true });
    open.onsuccess = () => {
      const transaction = open.result.transaction("items", "readwrite");
      transaction.objectStore("items").add({ caseId: 0, step: "none", url: "/none", params: [], key: "k" });
      transaction.oncomplete = () => { open.result.close(); done(); };
    };
})"""


def staff_with_a_case_kept(live_server, new_page, query: str = ""):
    """A staff member's phone with the worker in charge and one of their cases kept on it."""
    case = make_case(live_server, slug=SCHOOL, opener=STAFF)
    page = new_page(**PHONE)
    login(page, STAFF, DEMO_PASSWORD)
    controlled(page)  # from the dashboard on, pages load through the worker
    page.goto(f"{case.url}{query}")
    wait_until_kept(page, case.url)
    return case, page


def test_a_case_opened_once_reads_offline_and_other_pages_say_there_is_no_connection(live_server, new_page):
    case, page = staff_with_a_case_kept(live_server, new_page, "?lang=en")
    offline_reload_shows(page, f"Case {case.reference}")
    expect(page.locator("main section.run .step").first).to_be_visible()

    page.goto("/app/account")  # never opened: not on the phone
    expect(page.locator("h1")).to_have_text("No connection")
    link = page.locator("#offline-cases a")
    expect(link).to_have_count(1)
    expect(link).to_contain_text(case.reference)
    link.click()
    expect(page.locator("h1")).to_contain_text(f"Case {case.reference}")


def test_the_offline_page_is_accessible_in_each_staff_language(live_server, new_page):
    page = new_page(**PHONE)
    login(page, STAFF, DEMO_PASSWORD)
    controlled(page)
    for lang, heading in (("nb", "Ingen tilkobling"), ("nn", "Inga tilkopling"), ("en", "No connection")):
        page.context.set_offline(False)
        page.goto(f"/app/?lang={lang}")
        controlled(page)
        eventually(page, lambda lang=lang: reader_language(page) == lang, f"the worker knows the reader reads {lang}")
        page.context.set_offline(True)
        page.goto("/app/account")
        expect(page.locator("h1")).to_have_text(heading)
        assert page.locator("html").get_attribute("lang") == lang
        assert_accessible(page, f"offline page ({lang})")


def test_a_visitor_who_opened_the_school_page_once_has_its_emergency_numbers_offline(live_server, new_page):
    page = new_page(**PHONE)
    page.goto(f"/{SCHOOL}/")
    controlled(page)
    wait_until_kept(page, f"/{SCHOOL}/")
    offline_reload_shows(page, "Fjordvik")
    emergency = page.locator("section.emergency")
    expect(emergency.locator("a[href='tel:113']")).to_be_visible()
    expect(emergency.locator("a[href='tel:112']")).to_be_visible()


def test_staff_have_their_schools_page_offline_without_opening_it(live_server, new_page):
    page = new_page(**PHONE)
    login(page, STAFF, DEMO_PASSWORD)
    controlled(page)
    wait_until_kept(page, f"/{SCHOOL}/")
    page.context.set_offline(True)
    page.goto(f"/{SCHOOL}/")
    expect(page.locator("section.emergency a[href='tel:113']")).to_be_visible()


def test_no_page_of_another_person_or_school_is_kept_after_someone_else_signs_in(live_server, new_page):
    case, page = staff_with_a_case_kept(live_server, new_page)
    wait_until_everything_kept(page)
    first = [name for name in cache_names(page) if "-pages-" in name]
    assert len(first) == 1

    page.context.clear_cookies()  # the session ended without signing out (expired, or the phone was lent)
    login(page, OTHER_STAFF, DEMO_PASSWORD)
    wait_until_kept(page, f"/{OTHER_SCHOOL}/")
    kept = kept_paths(page)
    pages = [name for name in kept if "-pages-" in name]
    assert len(pages) == 1 and pages != first, kept
    everything = [path for paths in kept.values() for path in paths]
    assert not [path for path in everything if SCHOOL in path], kept
    assert f"/{OTHER_SCHOOL}/" in everything
    page.context.set_offline(True)
    page.goto(case.url)
    expect(page.locator("h1")).to_have_text("No connection")


def test_signing_out_empties_cache_storage_and_the_phones_store(live_server, new_page):
    case, page = staff_with_a_case_kept(live_server, new_page)
    page.evaluate("() => new Promise((done) => { indexedDB.open('rusplan-outbox', 1).onsuccess = done; })")
    # A cache the worker does not know of: only the response's Clear-Site-Data can empty it.
    page.evaluate("async () => (await caches.open('left-by-a-page')).put('/x', new Response('x'))")
    with page.expect_navigation():
        page.locator("form[data-sign-out] button").click()
    page.wait_for_load_state()
    assert cache_names(page) == []
    assert "rusplan-outbox" not in [db["name"] for db in page.evaluate("() => indexedDB.databases()")]


def test_a_new_release_replaces_the_worker_and_offers_a_reload_without_reloading(live_server, new_page):
    case, page = staff_with_a_case_kept(live_server, new_page, "?lang=en")
    old = live_server.app.config["RELEASE_ID"]
    assert any(old in name for name in cache_names(page))
    page.evaluate("() => { window.stillTheSamePage = true; }")
    live_server.app.config["RELEASE_ID"] = "next-release"
    try:
        page.evaluate("() => navigator.serviceWorker.getRegistration().then((r) => r.update())")
        expect(page.locator("#new-release")).to_contain_text("A new version of the app is ready")
        eventually(page, lambda: any("next-release-pages-" in name for name in cache_names(page)), "new caches")
        names = cache_names(page)
        assert not [name for name in names if old in name], names
        assert page.evaluate("() => window.stillTheSamePage") is True, "never reloaded under the person's fingers"

        # With an answer still waiting on the phone, "Reload" waits too; once it is sent, it reloads.
        page.evaluate(OUTBOX_ITEM)
        page.locator("#new-release button").tap()
        expect(page.locator("#new-release")).to_contain_text("Some answers are still saved on this phone only")
        assert page.evaluate("() => window.stillTheSamePage") is True
        page.evaluate(OUTBOX_SENT)
        with page.expect_navigation():
            page.locator("#new-release button").tap()
        assert page.evaluate("() => window.stillTheSamePage") is None
        wait_until_kept(page, case.url)  # the case page was fetched again for the new release
        assert_accessible(page, "new release offered")
    finally:
        live_server.app.config["RELEASE_ID"] = old
