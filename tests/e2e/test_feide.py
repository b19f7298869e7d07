"""Sign in with Feide in Chromium, against the local Feide (tests/feide_provider.py): the provider's own
page, back to the dashboard in the user's language, an invitation linked, and what each failure says."""

import secrets
import tempfile
import threading
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from werkzeug.serving import make_server

from intranet import migrating

from ..feide_provider import PASSWORD, available, start_feide
from ..pg import free_port
from .conftest import IN_CI, assert_accessible, html_lang

SCREENSHOTS = Path(tempfile.gettempdir()) / "feide-shots"  # looked at by hand after a run
SCREENSHOTS.mkdir(exist_ok=True)
pytestmark = pytest.mark.skipif(not available() and not IN_CI, reason="node_modules/oidc-provider missing")


@pytest.fixture(scope="module")
def feide_server(tmp_path_factory):
    from intranet import create_app
    from intranet.demo import load_demo
    from intranet.extensions import db, limiter
    from intranet.feide.demo import use_local_feide

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    provider = start_feide([f"{url}/auth/feide/callback"], [f"{url}/auth/login"])
    folder = tmp_path_factory.mktemp("e2e-feide")
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'e2e.db'}",
            "SECRET_KEY": secrets.token_hex(32),
            "PUBLIC_BASE_URL": url,
            "SESSION_COOKIE_SECURE": False,
            "MAIL_OUTBOX_DIR": str(folder / "outbox"),
            **provider.app_config(),
            "FEIDE_TIMEOUT_SECONDS": 2.0,
        }
    )
    limiter.enabled = False
    with app.app_context():
        migrating.upgrade()
        load_demo()
        use_local_feide()
        db.session.commit()
    server = make_server("127.0.0.1", port, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield app, url, provider
    server.shutdown()
    thread.join(timeout=10)
    provider.stop()


@pytest.fixture
def feide_page(browser, feide_server):
    """Pages on the Feide-enabled server (the provider is another origin, so not the shared `new_page`)."""
    _, url, provider = feide_server
    provider.behave()
    contexts, requested = [], []

    def open_page(locale="nb-NO"):
        context = browser.new_context(locale=locale, base_url=url)
        context.set_default_timeout(10_000)
        context.on("request", lambda request: requested.append(request.url))
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()
    allowed = {urlsplit(url).netloc, urlsplit(provider.issuer).netloc}
    leaks = [
        seen
        for seen in requested
        if urlsplit(seen).scheme in ("http", "https") and urlsplit(seen).netloc not in allowed
    ]
    assert not leaks, f"requests left the app and the provider: {leaks}"


def at_feide(page, username, *, cancel=False):
    """On the provider's page (another origin): sign in as `username`, or press cancel."""
    page.get_by_role("link", name="Sign in with Feide").or_(page.get_by_role("link", name="Logg inn med Feide")).click()
    page.wait_for_url("**/interaction/**")
    if cancel:
        page.get_by_role("button", name="Avbryt").click()
    else:
        page.get_by_label("Brukernavn").fill(username)
        page.get_by_label("Passord").fill(PASSWORD)
        page.get_by_role("button", name="Logg inn").click()
    page.wait_for_load_state()


def test_teacher_signs_in_with_feide_and_sees_the_dashboard_in_their_language(feide_page):
    page = feide_page("nb-NO")  # the browser asks for bokmål; Amir prefers English in his account
    page.goto("/auth/login")
    assert_accessible(page, "sign-in page with Feide")
    at_feide(page, "helse.fjordvik")
    assert page.url.endswith("/app/")
    assert html_lang(page) == "en"
    page.screenshot(path=str(SCREENSHOTS / "feide-dashboard.png"))
    page.goto("/app/account")
    assert page.get_by_text("Linked to the Feide account helse.fjordvik@fjordvik.kommune.no").is_visible()
    page.get_by_role("button", name="Sign out", exact=True).click()
    # signed out, the browser's bokmål decides again
    offer = page.get_by_role("link", name="Logg ut av Feide også")
    page.screenshot(path=str(SCREENSHOTS / "feide-signed-out.png"), full_page=True)
    assert "/session/end?id_token_hint=" in offer.get_attribute("href")


def test_invitation_is_linked_when_the_invited_teacher_signs_in_with_feide(feide_page, feide_server):
    from intranet.auth.models import Invitation, Role, User, hash_token
    from intranet.db import utcnow
    from intranet.extensions import db
    from intranet.schools.models import School

    app = feide_server[0]
    with app.app_context():
        school = db.session.scalar(db.select(School).where(School.slug == "lyngheia-vgs"))
        rector = db.session.scalar(db.select(User).where(User.email == "rektor.lyngheia@example.no"))
        db.session.add(
            Invitation(
                email="ivar.invitert@fjordvik.kommune.no",
                name="Ivar Invitert",
                role=Role.STAFF,
                school=school,
                invited_by=rector,
                token_hash=hash_token(secrets.token_urlsafe(16)),
                expires_at=utcnow() + timedelta(hours=72),
            )
        )
        db.session.commit()
    page = feide_page("en-GB")
    page.goto("/auth/login")
    at_feide(page, "invitert")
    assert page.url.endswith("/app/")
    page.goto("/app/account")
    assert page.get_by_text("Linked to the Feide account invitert@fjordvik.kommune.no").is_visible()
    with app.app_context():
        user = db.session.scalar(db.select(User).where(User.email == "ivar.invitert@fjordvik.kommune.no"))
        assert [(m.school.slug, m.role) for m in user.memberships] == [("lyngheia-vgs", Role.STAFF)]


FAILURES = [
    ("larer.fjordvik", {}, True, "You cancelled the sign-in at Feide."),
    ("nektet", {}, False, "Feide refused the sign-in."),
    ("elev", {}, False, "Pupils cannot sign in here."),
    ("vikar", {}, False, "Your Feide account is not linked to any school in this service."),
    ("larer.fjordvik", {"tamper": "iss"}, False, "did not come from the Feide this service trusts"),
    ("larer.fjordvik", {"tamper": "aud"}, False, "was meant for another service"),
    ("larer.fjordvik", {"tamper": "nonce"}, False, "does not belong to this sign-in"),
    ("larer.fjordvik", {"tamper": "key"}, False, "signed with a key Feide does not publish"),
    ("larer.fjordvik", {"slowTokenSeconds": 3}, False, "Feide did not answer in time."),
]


@pytest.mark.parametrize(("username", "behaviour", "cancel", "message"), FAILURES)
def test_each_failure_says_what_happened(feide_page, feide_server, username, behaviour, cancel, message):
    feide_server[2].behave(**behaviour)
    page = feide_page("en-GB")
    page.goto("/auth/login")
    at_feide(page, username, cancel=cancel)
    assert "/auth/feide/callback" in page.url
    assert message in page.get_by_role("alert").inner_text()
    if cancel:
        assert_accessible(page, "Feide failure page")
    page.screenshot(path=str(SCREENSHOTS / f"feide-failure-{username}-{'-'.join(map(str, behaviour))}.png"))
    page.goto("/app/")
    assert "/auth/login" in page.url  # nobody was signed in


def test_expired_code_and_replayed_callback_are_refused(feide_page, feide_server):
    feide_server[2].behave(codeTtl=1, holdSeconds=2)  # the code expires before the browser brings it back
    page = feide_page("en-GB")
    page.goto("/auth/login")
    at_feide(page, "larer.fjordvik")
    assert "has expired or was already used" in page.get_by_role("alert").inner_text()

    feide_server[2].behave()
    page = feide_page("en-GB")
    callbacks = []
    page.context.on("request", lambda request: callbacks.append(request.url))
    page.goto("/auth/login")
    at_feide(page, "larer.fjordvik")
    assert page.url.endswith("/app/")
    page.get_by_role("button", name="Sign out", exact=True).click()
    replay = next(url for url in callbacks if "/auth/feide/callback?" in url)
    page.goto(replay)  # an attacker (or the back button) replays the callback with its code
    assert "already been used" in page.get_by_role("alert").inner_text()
    page.goto("/app/")
    assert "/auth/login" in page.url


def test_municipality_administrator_sets_up_feide(feide_page, feide_server):
    from .conftest import login

    teacher = feide_page("en-GB")
    teacher.goto("/auth/login")
    at_feide(teacher, "larer.fjordvik")  # Ingrid's account is linked to Feide now
    page = feide_page("en-GB")
    login(page, "kommune@example.no", "demo-rusplan-2026")
    page.goto("/app/account")
    page.get_by_role("link", name="How people in Fjordvik kommune sign in (Feide)").click()
    assert page.get_by_role("heading", name="Sign-in with Feide").is_visible()
    assert page.get_by_label("Fjordvik ungdomsskole").input_value() == "999111001"
    assert_accessible(page, "Feide settings")
    page.get_by_label("Bekkely barneskule").fill("12 34")
    page.get_by_role("button", name="Save settings").click()
    assert "An organisation number has nine digits." in page.get_by_role("main").inner_text()
    assert page.get_by_label("Bekkely barneskule").input_value() == "1234"  # what was typed is kept
    assert_accessible(page, "Feide settings with an error")
    page.get_by_label("Bekkely barneskule").fill("999 111 003")
    page.get_by_label("Feide only (staff passwords stop working, no reset mails)").check()
    page.get_by_role("button", name="Save settings").click()
    # Kari has not signed in with Feide herself: Feide only would lock her out
    assert "Sign in with Feide yourself first" in page.get_by_role("main").inner_text()
    page.get_by_label("Feide and passwords").check()
    page.get_by_role("button", name="Save settings").click()
    assert page.get_by_text("The Feide settings are saved.").is_visible()
    page.screenshot(path=str(SCREENSHOTS / "feide-settings.png"), full_page=True)
    page.get_by_role("button", name="Remove the link of Ingrid Bakke").click()
    assert page.get_by_text("Ingrid Bakke is no longer linked to Feide.").is_visible()
    assert page.get_by_role("button", name="Remove the link of Ingrid Bakke").count() == 0
    page.set_viewport_size({"width": 320, "height": 700})
    page.screenshot(path=str(SCREENSHOTS / "feide-settings-320.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_rector_sees_who_at_the_school_is_linked_to_feide(feide_page):
    from .conftest import login

    teacher = feide_page("en-GB")
    teacher.goto("/auth/login")
    at_feide(teacher, "helse.fjordvik")
    page = feide_page("en-GB")
    login(page, "rektor.fjordvik@example.no", "demo-rusplan-2026")
    page.goto("/app/account")
    page.get_by_role("link", name="Accounts at Fjordvik ungdomsskole linked to Feide").click()
    assert page.get_by_text("helse.fjordvik@fjordvik.kommune.no").is_visible()
    assert_accessible(page, "the school's Feide links")
    page.get_by_role("button", name="Remove the link of Amir Haddad").click()
    assert page.get_by_text("Amir Haddad is no longer linked to Feide.").is_visible()
    assert "/app/schools/fjordvik-us/feide" in page.url
