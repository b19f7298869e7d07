"""The service worker fetches the pages it keeps saying so (X-Offline-Keep), so the server leaves a flash
message for the page the person opens (tests/integration/offline/test_kept_pages_leave_messages.py)."""

from urllib.parse import urlsplit

from intranet.demo import DEMO_PASSWORD

from .conftest import PHONE, login
from .offline_steps import controlled, wait_until_everything_kept
from .pages import STAFF

NOT_PAGES = ("/static/", "/sw.js", "/offline", "/app/offline.json")


def test_every_page_the_worker_keeps_is_fetched_as_kept(live_server, new_page):
    page = new_page(**PHONE)
    fetched = []
    page.context.on("request", lambda request: request.service_worker and fetched.append(request))
    login(page, STAFF, DEMO_PASSWORD)
    controlled(page)
    wait_until_everything_kept(page)
    pages = [r for r in fetched if not urlsplit(r.url).path.startswith(NOT_PAGES) and r.method == "GET"]
    pages = [r for r in pages if r.resource_type != "document"]  # a navigation the worker passes on is shown
    assert len(pages) >= 3, [r.url for r in fetched]  # the school's public page, the new-case form, a checklist
    assert all(r.headers.get("x-offline-keep") == "1" for r in pages), [r.url for r in pages]
