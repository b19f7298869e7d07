"""Browser fixtures: the real app served over HTTP on 127.0.0.1 with the demo data, and a headless
Chromium driven through Playwright's sync API.

The live server is built like production (not TESTING, CSRF on, real session cookies), only
over plain http, without rate limits and with mail written to an outbox folder we can read.
Helpers for the tests (login, accessibility, request checks, mail) are at the bottom.
"""

import email
import os
import re
import secrets
import threading
import time
from email import policy
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from werkzeug.serving import make_server

from intranet import migrating

E2E_DIR = Path(__file__).resolve().parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
IN_CI = os.environ.get("CI") == "true"


def _unavailable_reason() -> str | None:
    if os.environ.get("SKIP_E2E") == "1":
        return "SKIP_E2E=1 is set"
    if not Path(CHROMIUM).exists():
        return f"Chromium is missing ({CHROMIUM}); install it with `apt-get install chromium`"
    return None


UNAVAILABLE = _unavailable_reason()
LOUD_SKIP = f"BROWSER TESTS SKIPPED: {UNAVAILABLE}. The end-to-end tests did NOT run."


# ---------------------------------------------------------------- collection


def _is_e2e(item) -> bool:
    return E2E_DIR in Path(str(item.path)).resolve().parents


def pytest_collection_modifyitems(config, items):
    for item in items:
        if not _is_e2e(item):
            continue
        item.add_marker(pytest.mark.e2e)
        if UNAVAILABLE and not IN_CI:
            item.add_marker(pytest.mark.skip(reason=LOUD_SKIP))


@pytest.fixture(scope="session", autouse=True)
def _browser_tests_must_run_in_ci():
    """CI never skips browser tests: a missing browser (or SKIP_E2E) is a failure there."""
    if UNAVAILABLE and IN_CI:
        pytest.fail(f"CI=true but the browser tests cannot run: {UNAVAILABLE}", pytrace=False)


def pytest_terminal_summary(terminalreporter):
    if UNAVAILABLE and not IN_CI and terminalreporter.stats.get("skipped"):
        terminalreporter.write_sep("!", LOUD_SKIP, red=True, bold=True)


# ---------------------------------------------------------------- live server


class LiveServer:
    def __init__(self, url: str, app, outbox_dir: Path):
        self.url = url
        self.app = app
        self.outbox_dir = outbox_dir
        self.origin = urlsplit(url).netloc  # "127.0.0.1:PORT"


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    from intranet import create_app
    from intranet.demo import load_demo
    from intranet.extensions import db, limiter

    folder = tmp_path_factory.mktemp("e2e-server")
    outbox_dir = folder / "outbox"
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'e2e.db'}",
            "SECRET_KEY": secrets.token_hex(32),
            "PUBLIC_BASE_URL": "http://127.0.0.1",  # the port is known once the server listens (below)
            "SESSION_COOKIE_SECURE": False,  # plain http on 127.0.0.1
            "MAIL_OUTBOX_DIR": str(outbox_dir),
        }
    )
    # Throttling stays initialised (its storage is set up at init) but off: the browser tests sign in often.
    limiter.enabled = False
    with app.app_context():
        migrating.upgrade()
        load_demo()
        db.session.commit()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    app.config["PUBLIC_BASE_URL"] = f"http://127.0.0.1:{server.server_port}"  # links in mails lead back here
    thread = threading.Thread(target=server.serve_forever, name="e2e-live-server", daemon=True)
    thread.start()
    try:
        yield LiveServer(f"http://127.0.0.1:{server.server_port}", app, outbox_dir)
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()
        with app.app_context():
            db.engine.dispose()


# ---------------------------------------------------------------- browser


@pytest.fixture(scope="session")
def playwright():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as instance:
        yield instance


@pytest.fixture(scope="session")
def browser(playwright):
    chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()


PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 800}}
NARROW_PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}


@pytest.fixture
def new_page(browser, live_server):
    """Factory: `new_page(**context_options)` opens a page in a fresh context (own cookies).

    Every request the context makes is recorded in `page.requested_urls`. The contexts are closed,
    and checked for requests to other hosts, after the test.
    """
    contexts = []

    def open_page(**options):
        options = {"locale": "en-US", "base_url": live_server.url, **options}
        context = browser.new_context(**options)
        context.set_default_timeout(10_000)
        page = context.new_page()
        page.requested_urls = []
        page.responses = []
        page.live_origin = live_server.origin
        context.on("request", lambda request: page.requested_urls.append(request.url))
        context.on(
            "response",
            lambda response: page.responses.append((response.request.resource_type, response.status, response.url)),
        )
        contexts.append((context, page))
        return page

    yield open_page
    leaks = [url for _, page in contexts for url in external_requests(page)]
    for context, _ in contexts:
        context.close()
    assert not leaks, f"Requests left 127.0.0.1 (CDN, font, tracker?): {leaks}"


@pytest.fixture
def phone(new_page):
    return new_page(**PHONE)


@pytest.fixture
def desktop(new_page):
    return new_page(**DESKTOP)


# ---------------------------------------------------------------- helpers for the tests


def external_requests(page) -> list[str]:
    """The URLs this page's context requested from any host other than the live server."""
    leaks = []
    for url in page.requested_urls:
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob", "about"):
            continue
        if parts.scheme not in ("http", "https", "ws", "wss") or parts.netloc != page.live_origin:
            leaks.append(url)
    return leaks


def assert_no_external_requests(page) -> None:
    assert page.requested_urls, "no requests were recorded: is the request listener attached?"
    leaks = external_requests(page)
    assert not leaks, f"{page.url}: requests went to other hosts: {leaks}"


def assert_assets_loaded(page) -> None:
    """Every stylesheet, script, image and font the pages asked for arrived (a layout or
    accessibility check on an unstyled page proves little)."""
    failed = [
        (status, url)
        for kind, status, url in page.responses
        if kind in ("stylesheet", "script", "image", "font") and status >= 400
    ]
    assert not failed, f"{page.url}: assets failed to load: {failed}"
    assert any(kind == "stylesheet" for kind, _, _ in page.responses), f"{page.url}: no stylesheet loaded"


def assert_accessible(page, label: str, known: tuple[str, str] | None = None) -> None:
    """Run axe-core (every rule) on the page; fail with a readable list of violations. `known`, an
    (axe rule id, app bug) pair, turns that rule's violations into an expected failure (xfail) and
    fails when the rule passes (the bug is fixed: drop `known`); other violations fail as usual."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    violations = results.response["violations"]
    if known:
        rule, bug = known
        expected = [violation for violation in violations if violation["id"] == rule]
        violations = [violation for violation in violations if violation["id"] != rule]
        if not violations:
            if expected:
                pytest.xfail(f"{label}: known app bug ({rule}): {bug}")
            pytest.fail(f"{label}: axe no longer reports {rule}; is this fixed? {bug}", pytrace=False)
    if not violations:
        return
    lines = [f"{label}: {len(violations)} accessibility violation(s) on {page.url}"]
    for violation in violations:
        nodes = violation["nodes"]
        targets = ", ".join(" ".join(map(str, node["target"])) for node in nodes[:3])
        more = f" (+{len(nodes) - 3} more)" if len(nodes) > 3 else ""
        lines.append(f"  - {violation['id']} [{violation['impact']}] at {targets}{more}: {violation['help']}")
    pytest.fail("\n".join(lines), pytrace=False)


def html_lang(page) -> str:
    return page.locator("html").get_attribute("lang")


def submit_main_form(page, index: int = 0):
    """Click the submit button of the index-th form in <main> and wait for the answer page."""
    button = page.locator("main form").nth(index).locator("button[type=submit]")
    with page.expect_navigation() as navigation:
        button.click()
    return navigation.value


def login(page, email: str, password: str, *, navigate: bool = True) -> None:
    """Sign in through the real login form. `navigate=False` uses the login page already open
    (for example after a redirect that carries ?next=)."""
    if navigate:
        page.goto("/auth/login")
    assert urlsplit(page.url).path == "/auth/login", f"not on the login page: {page.url}"
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=password]").fill(password)
    submit_main_form(page)
    if urlsplit(page.url).path == "/auth/login":
        errors = page.locator("main .error, main .form-errors").all_inner_texts()
        pytest.fail(f"login as {email} failed: {errors}", pytrace=False)


def mail_to(live_server, address: str, timeout: float = 5.0) -> email.message.EmailMessage:
    """The newest mail in the live server's outbox addressed to `address` (waits briefly)."""
    deadline = time.monotonic() + timeout
    while True:
        mails = []
        for path in sorted(live_server.outbox_dir.glob("*.eml"), key=lambda p: (p.stat().st_mtime_ns, p.name)):
            message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
            if message["To"] == address:
                mails.append(message)
        if mails:
            return mails[-1]
        if time.monotonic() > deadline:
            pytest.fail(f"no mail to {address} in {live_server.outbox_dir}", pytrace=False)
        time.sleep(0.05)


def link_in(message, live_server, path_prefix: str) -> str:
    body = message.get_content()
    pattern = re.escape(live_server.url + path_prefix) + r"[^\s]+"
    found = re.findall(pattern, body)
    assert found, f"no {live_server.url}{path_prefix}... link in the mail:\n{body}"
    return found[0]


def unique_email(prefix: str) -> str:
    return f"{prefix}-{secrets.token_hex(4)}@example.no"
