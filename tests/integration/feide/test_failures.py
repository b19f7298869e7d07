"""Every way a Feide sign-in fails says what happened, in the reader's language, and creates nothing."""

import socket
import threading
import time
from urllib.parse import parse_qs, urlsplit

import pytest

from intranet.auth.models import Role, User
from intranet.extensions import db
from intranet.feide.models import FeideLink

from ...conftest import make_app
from .conftest import FeideBrowser, failure_kind


@pytest.fixture
def teacher(fjordvik, create_user):
    return create_user(Role.STAFF, school=fjordvik.school, email="larer.fjordvik@example.no")


def nothing_created(users_before: int) -> bool:
    count = db.session.scalar(db.select(db.func.count()).select_from(User))
    return count == users_before and db.session.scalar(db.select(db.func.count()).select_from(FeideLink)) == 0


def test_user_pressed_cancel(teacher, browser_for):
    response = browser_for().sign_in("larer.fjordvik", cancel=True)
    assert response.status_code == 400 and failure_kind(response) == "cancelled"
    assert "You cancelled the sign-in at Feide" in response.get_data(as_text=True)
    assert nothing_created(6)


def test_provider_refused(teacher, browser_for):
    response = browser_for().sign_in("nektet")
    assert failure_kind(response) == "refused" and "Feide refused the sign-in" in response.get_data(as_text=True)
    assert nothing_created(6)


@pytest.mark.parametrize(
    ("tamper", "kind", "message"),
    [
        ("iss", "issuer", "did not come from the Feide this service trusts"),
        ("aud", "audience", "meant for another service"),
        ("nonce", "nonce", "does not belong to this sign-in"),
        ("key", "key", "signed with a key Feide does not publish"),
    ],
)
def test_forged_id_token_is_refused(teacher, browser_for, local_feide, tamper, kind, message):
    local_feide.behave(tamper=tamper)
    response = browser_for().sign_in("larer.fjordvik")
    assert response.status_code == 400 and failure_kind(response) == kind
    assert message in response.get_data(as_text=True)
    assert nothing_created(6) and response.headers.get("Set-Cookie", "").find("_user_id") == -1


def test_wrong_issuer_in_the_callback_is_refused(teacher, browser_for):
    """RFC 9207: the callback names the issuer that answered; another one is a mix-up attack."""
    browser = browser_for()
    callback = browser.at_provider(browser.start(), "larer.fjordvik")
    response = browser.back(callback.replace("iss=http", "iss=https%3A%2F%2Fevil.example&x=http"))
    assert failure_kind(response) == "issuer" and nothing_created(6)


def test_expired_code_is_refused(teacher, browser_for, local_feide):
    local_feide.behave(codeTtl=1)
    browser = browser_for()
    callback = browser.at_provider(browser.start(), "larer.fjordvik")
    time.sleep(2.1)  # the code lives one second at the provider
    response = browser.back(callback)
    assert failure_kind(response) == "code" and "has expired or was already used" in response.get_data(as_text=True)
    assert nothing_created(6)


def test_replayed_callback_is_refused(teacher, browser_for):
    browser = browser_for()
    callback = browser.at_provider(browser.start(), "larer.fjordvik")
    assert browser.back(callback).status_code == 302  # the real sign-in
    browser.client.post("/auth/logout")
    replayed = browser.back(callback)  # the same address again: its state was used up
    assert replayed.status_code == 400 and failure_kind(replayed) == "state"


def test_replayed_code_under_a_fresh_state_is_refused_by_the_provider(teacher, browser_for, feide_client):
    """An attacker who captured a code starts their own sign-in and pastes the code into its callback."""
    victim = browser_for()
    stolen = parse_qs(urlsplit(victim.at_provider(victim.start(), "larer.fjordvik")).query)["code"][0]
    assert victim.back(victim.at_provider(victim.start(), "larer.fjordvik")).status_code == 302
    attacker = FeideBrowser(victim.client.application.test_client())
    state = parse_qs(urlsplit(attacker.start()).query)["state"][0]
    response = attacker.client.get(f"/auth/feide/callback?code={stolen}&state={state}", headers=attacker.headers)
    assert response.status_code == 400 and failure_kind(response) == "code"
    assert db.session.scalar(db.select(db.func.count()).select_from(FeideLink)) == 1  # only the victim's own


@pytest.fixture
def silent_provider():
    """An address that accepts connections and never answers (a hung provider)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    held = []
    stop = threading.Event()

    def accept():
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    stop.set()
    thread.join()
    for connection in held:
        connection.close()
    listener.close()


def test_unreachable_provider_times_out_with_a_message(app, db, silent_provider, tmp_path, local_feide):
    config = {**local_feide.app_config(), "FEIDE_ISSUER": silent_provider, "FEIDE_TIMEOUT_SECONDS": 0.5}
    hung = make_app(app.config["SQLALCHEMY_DATABASE_URI"], tmp_path, **config)
    response = hung.test_client().get("/auth/feide", headers={"Accept-Language": "en"})
    assert response.status_code == 504 and failure_kind(response) == "unreachable"
    assert "Feide did not answer in time" in response.get_data(as_text=True)


def test_provider_hanging_at_the_token_endpoint_times_out(teacher, app, well_behaved, tmp_path):
    local_feide = well_behaved
    impatient = make_app(
        app.config["SQLALCHEMY_DATABASE_URI"], tmp_path, **{**local_feide.app_config(), "FEIDE_TIMEOUT_SECONDS": 0.5}
    )
    local_feide.behave(slowTokenSeconds=1.5)
    browser = FeideBrowser(impatient.test_client())
    response = browser.back(browser.at_provider(browser.start(), "larer.fjordvik"))
    assert response.status_code == 504 and failure_kind(response) == "unreachable"
    assert nothing_created(6)


def test_feide_not_configured(client):
    response = client.get("/auth/feide", headers={"Accept-Language": "en"})
    assert response.status_code == 404 and failure_kind(response) == "not_configured"


def test_the_failure_page_in_another_language_says_the_same(teacher, browser_for):
    browser = browser_for()
    callback = browser.at_provider(browser.start(), "nektet")
    assert failure_kind(browser.back(callback)) == "refused"
    again = browser.back(callback + "&lang=nn")  # the language switcher links to the same address
    assert failure_kind(again) == "refused" and "Feide avviste innlogginga" in again.get_data(as_text=True)
    assert nothing_created(6)
