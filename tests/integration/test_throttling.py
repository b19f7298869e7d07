"""Sign-in throttling: per client address, per account, behind trusted proxies or none.

Limits (the defaults): 10 POSTs a minute per address to sign-in and reset together, 5 failed
sign-ins a minute per account, 3 reset links per 10 minutes per account.
"""

import pytest
from sqlalchemy import text

from intranet.extensions import limiter

from ..conftest import PASSWORD, make_app, outbox

ATTACKER = "192.0.2.66"
WRONG = "wrong guess"


def sign_in(client, email, password=WRONG, address=ATTACKER, headers=None, lang="en"):
    return client.post(
        f"/auth/login?lang={lang}",
        data={"email": email, "password": password},
        environ_base={"REMOTE_ADDR": address},
        headers=headers or {},
    )


def ask_for_reset(client, email, address=ATTACKER):
    return client.post("/auth/forgot?lang=en", data={"email": email}, environ_base={"REMOTE_ADDR": address})


def pass_the_window(db):
    """What a minute's wait does: every counting window has run out (the rows stay, as they would)."""
    db.session.execute(text("UPDATE rate_limit_counter SET expires_at = 0"))
    db.session.commit()


def test_one_address_gets_ten_posts_a_minute_over_sign_in_and_reset_together(client, world, rate_limited):
    for n in range(5):
        assert sign_in(client, f"guess{n}@example.no").status_code == 401
        assert ask_for_reset(client, f"other{n}@example.no").status_code == 302
    assert sign_in(client, "guess-last@example.no").status_code == 429
    assert ask_for_reset(client, "other-last@example.no").status_code == 429
    assert sign_in(client, "staff@example.no", PASSWORD, address="198.51.100.7").status_code == 302


def test_six_addresses_guessing_one_account_get_429_on_the_account(client, world, rate_limited):
    for n in range(5):
        assert sign_in(client, "rector@example.no", address=f"203.0.113.{n}").status_code == 401
    response = sign_in(client, "rector@example.no", password="guess six", address="203.0.113.5")
    assert response.status_code == 429
    page = response.get_data(as_text=True)
    assert "Too many attempts. Wait 1 minute and try again." in page
    assert 'value="rector@example.no"' in page  # what was typed is kept ...
    assert "guess six" not in page  # ... except the password
    assert int(response.headers["Retry-After"]) <= 60
    # Only that account is slowed down: the same addresses still reach the others.
    assert sign_in(client, "staff@example.no", PASSWORD, address="203.0.113.5").status_code == 302


def test_a_throttled_account_is_slowed_down_not_locked_out(client, world, db, rate_limited):
    for n in range(5):
        sign_in(client, "rector@example.no", address=f"203.0.113.{n}")
    assert sign_in(client, "rector@example.no", PASSWORD, address="198.51.100.7").status_code == 429
    pass_the_window(db)
    assert sign_in(client, "rector@example.no", PASSWORD, address="198.51.100.7").status_code == 302


def test_the_wait_message_is_in_the_readers_language(client, world, rate_limited):
    for n in range(5):
        sign_in(client, "rector@example.no", address=f"203.0.113.{n}")
    page = sign_in(client, "rector@example.no", lang="nn").get_data(as_text=True)
    assert "For mange forsøk. Vent 1 minutt og prøv igjen." in page


def test_successful_sign_ins_are_not_counted_against_the_account(app, world, rate_limited):
    for n in range(4):
        assert sign_in(app.test_client(), "staff@example.no", address=f"203.0.113.{n}").status_code == 401
    for n in range(3):
        assert sign_in(app.test_client(), "staff@example.no", PASSWORD, address=f"198.51.100.{n}").status_code == 302
    # 4 failures + 3 successes: were successes counted, the limit of 5 would have been reached.
    assert sign_in(app.test_client(), "staff@example.no", address="203.0.113.9").status_code == 401
    assert sign_in(app.test_client(), "staff@example.no", PASSWORD, address="203.0.113.9").status_code == 429


def test_reset_links_for_one_account_are_limited_whatever_the_address(app, client, world, rate_limited):
    for n in range(3):
        assert ask_for_reset(client, "Staff@Example.no ", address=f"203.0.113.{n}").status_code == 302
    response = ask_for_reset(client, "staff@example.no", address="203.0.113.3")
    assert response.status_code == 429
    page = response.get_data(as_text=True)
    assert "Too many attempts." in page and 'value="staff@example.no"' in page
    assert len(outbox(app)) == 3  # the fourth asked-for mail was never sent
    assert ask_for_reset(client, "rector@example.no", address="203.0.113.3").status_code == 302
    assert len(outbox(app)) == 4


def test_spoofed_forwarded_for_is_ignored_without_trusted_proxies(client, world, rate_limited):
    for n in range(10):
        spoofed = {"X-Forwarded-For": f"10.0.0.{n}"}
        assert sign_in(client, f"guess{n}@example.no", headers=spoofed).status_code == 401
    response = sign_in(client, "guess@example.no", headers={"X-Forwarded-For": "10.0.0.99"})
    assert response.status_code == 429, "a made-up X-Forwarded-For must not give a fresh address"


@pytest.fixture
def behind_one_proxy(database_url, tmp_path, db, rate_limited):
    """The app behind one trusted proxy (TRUSTED_PROXIES=1), on the same database."""
    proxied = make_app(database_url, tmp_path, TRUSTED_PROXIES=1)
    limiter.enabled = True  # make_app switches it off
    yield proxied
    with proxied.app_context():
        proxied.extensions["sqlalchemy"].engines[None].dispose()


def test_behind_one_proxy_only_the_address_the_proxy_added_counts(behind_one_proxy, world):
    client = behind_one_proxy.test_client()
    proxy = "127.0.0.1"
    for n in range(10):
        # The client made up the first entry; the proxy appended the address it saw.
        forwarded = {"X-Forwarded-For": f"10.0.0.{n}, 203.0.113.50"}
        assert sign_in(client, f"guess{n}@example.no", address=proxy, headers=forwarded).status_code == 401
    forwarded = {"X-Forwarded-For": "10.0.0.99, 203.0.113.50"}
    assert sign_in(client, "guess@example.no", address=proxy, headers=forwarded).status_code == 429
    # Everyone else behind the same proxy is not shut out with the attacker.
    colleague = {"X-Forwarded-For": "198.51.100.20"}
    assert sign_in(client, "staff@example.no", PASSWORD, address=proxy, headers=colleague).status_code == 302
