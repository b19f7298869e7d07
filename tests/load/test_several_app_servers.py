"""Two app servers behind HAProxy, sharing PostgreSQL, Redis and the SECRET_KEY (README "Several app
servers"): sign-in throttling counts across both, an ended session is refused by both at once, a public
page change shows through both within the documented second, and killing one loses no acknowledged tick.

Each request goes through HAProxy, as people's do, and where it matters straight to each server too.
"""

import re
import time

import pytest
from limits import parse_many
from sqlalchemy import select

from intranet.auth.models import Membership, User
from intranet.config import DefaultConfig
from intranet.extensions import db

from ..conftest import IN_CI, PASSWORD
from .client import Client, Response
from .cluster import HEALTH_CHECK_MS, Cluster, missing_tools, wait_for
from .scenario import SLUG, app_for, seed, stored_steps
from .traffic import OWN_STEPS, Traffic, parent, sign_in_staff, staff_at_work, write_problems

pytestmark = pytest.mark.parametrize("served_database", ["postgresql"], indirect=True)

RECTOR = "rektor@lastvik.no"  # the school admin scenario.seed makes
PER_ADDRESS = min(item.amount for item in parse_many(DefaultConfig.LOGIN_RATE_LIMIT))  # tries a minute
PUBLIC_CHANGE_BOUND = 5.0  # seconds; documented: about one (PUBLIC_CACHE_STAMP_SECONDS), generous for CI
SHOWN_IN_A_ROW = 8  # answers in a row that show a change: every worker of the server has it


@pytest.fixture
def scenario(served_database, tmp_path):
    return seed(served_database, tmp_path)


@pytest.fixture
def cluster(served_database, scenario, tmp_path):
    missing = missing_tools()
    if missing:
        if IN_CI:
            pytest.fail(f"{', '.join(missing)} missing; CI must run the several-app-servers tests (scripts/test).")
        pytest.skip(f"{', '.join(missing)} not installed (apt-get install haproxy redis-server)")
    folder = tmp_path / "cluster"
    folder.mkdir()
    running = Cluster(served_database, folder)
    try:
        yield running.start()
    finally:
        running.stop()


def at(cluster: Cluster, name: str, client: Client) -> Client:
    """The same browser (cookies, CSRF token, address) talking straight to app server `name`."""
    return Client(cluster.servers[name].host, client.language, dict(client.cookies), client.csrf_token, client.source)


def wrong_guesses(clients: list[Client], attempts: int, forged: bool = False) -> list[Response]:
    """Sign-in POSTs with a wrong password, each for another account (so only the per-address count
    applies), taking turns over `clients`; `forged` adds an X-Forwarded-For naming another address each time."""
    answers = []
    for n in range(attempts):
        headers = {"X-Forwarded-For": f"198.51.100.{n}"} if forged else {}
        form = {"email": f"guess{n}@example.no", "password": "wrong guess"}
        answers.append(clients[n % len(clients)].post("/auth/login", form, headers=headers))
    return answers


def let_through(answers: list[Response]) -> list[Response]:
    assert {a.status for a in answers} <= {401, 429}, [a.status for a in answers]  # 401: wrong password
    return [a for a in answers if a.status != 429]


def test_one_address_gets_its_sign_in_tries_once_whichever_server_it_reaches(cluster):
    # Straight to A, then B, then A ...: the count lives in the shared Redis, not in a server.
    visitor = Client(cluster.host, source="127.0.0.4")
    visitor.read_csrf_token(visitor.get("/auth/login").text)
    direct = wrong_guesses([at(cluster, "a", visitor), at(cluster, "b", visitor)], 3 * PER_ADDRESS)
    tries = len(let_through(direct))
    assert tries == PER_ADDRESS, f"straight to a and b in turn: {tries} tries let through, not {PER_ADDRESS}"
    assert all(a.status == 429 for a in direct[PER_ADDRESS:])

    # Through HAProxy (round robin over both), and a forged X-Forwarded-For does not make another address:
    # HAProxy appends the address it sees, and the servers trust only that last entry.
    attacker = Client(cluster.host, source="127.0.0.2")
    attacker.read_csrf_token(attacker.get("/auth/login").text)
    proxied = wrong_guesses([attacker], 3 * PER_ADDRESS, forged=True)
    tries = len(let_through(proxied))
    assert tries == PER_ADDRESS, f"through HAProxy, forging addresses: {tries} tries let through, not {PER_ADDRESS}"
    assert {a.headers["x-served-by"] for a in let_through(proxied)} == {"a", "b"}, "both servers counted"
    assert {a.headers["x-served-by"] for a in proxied if a.status == 429} == {"a", "b"}, "both refused"


def test_behind_haproxy_each_client_address_keeps_its_own_count(cluster, scenario):
    attacker = Client(cluster.host, source="127.0.0.2")
    attacker.read_csrf_token(attacker.get("/auth/login").text)
    assert len(let_through(wrong_guesses([attacker], 2 * PER_ADDRESS))) == PER_ADDRESS
    colleague = Client(cluster.host, source="127.0.0.3")  # another machine, same HAProxy
    colleague.log_in(scenario.staff[0], scenario.password)  # asserts the 302 of a sign-in let through
    assert colleague.get("/app/").status == 200


def assert_refused_by_both(cluster: Cluster, old: dict[str, Client]) -> None:
    for name, client in old.items():
        answer = client.get("/app/")
        assert answer.status == 302, f"server {name} answered the ended session's cookie with {answer.status}"
        assert re.match(r"(https?://[^/]+)?/auth/login", answer.headers["location"]), answer.headers["location"]


def test_a_signed_out_session_is_refused_by_both_servers_at_once(cluster, scenario):
    browser = Client(cluster.host)
    browser.log_in(scenario.staff[0], scenario.password)
    old = {name: at(cluster, name, browser) for name in cluster.servers}
    assert all(client.get("/app/").status == 200 for client in old.values()), "one sign-in serves on both"

    browser.read_csrf_token(browser.get("/app/").text)
    assert browser.post("/auth/logout", {}).status in (302, 303)
    assert_refused_by_both(cluster, old)


def test_a_person_removed_by_the_school_admin_is_refused_by_both_servers_at_once(cluster, scenario, tmp_path):
    staff = Client(cluster.host)
    staff.log_in(scenario.staff[0], scenario.password)
    old = {name: at(cluster, name, staff) for name in cluster.servers}
    assert all(client.get("/app/").status == 200 for client in old.values())

    rector = Client(cluster.servers["a"].host)
    rector.log_in(RECTOR, scenario.password)
    rector.read_csrf_token(rector.get(f"/app/schools/{SLUG}/people").text)
    membership = membership_id(cluster.database_url, tmp_path, scenario.staff[0])
    removed = rector.post(f"/app/schools/{SLUG}/people/{membership}/remove", {})
    assert removed.status == 303, removed.text[:500]
    assert_refused_by_both(cluster, old)


def membership_id(database_url: str, folder, email: str) -> int:
    app = app_for(database_url, folder)
    with app.app_context():
        found = db.session.scalar(
            select(Membership.id).join(User, Membership.user_id == User.id).where(User.email == email)
        )
        db.engine.dispose()
    return found


def test_a_public_page_change_shows_through_the_other_server_and_haproxy_within_the_documented_time(cluster):
    page, name = f"/{SLUG}/", "Kari Nyansatt"
    rector = Client(cluster.servers["a"].host)
    rector.log_in(RECTOR, PASSWORD)
    contacts = rector.get(f"/app/schools/{SLUG}/contacts").text
    rector.read_csrf_token(contacts)
    role = re.search(r'name="roles"[^>]*value="([^"]+)"', contacts).group(1)
    readers = {"server b": Client(cluster.servers["b"].host), "HAProxy": Client(cluster.host)}
    for reader in readers.values():  # right before the change, the workers have the page in memory, without her
        for _ in range(2 * SHOWN_IN_A_ROW):
            answer = reader.get(page)
            assert answer.status == 200 and name not in answer.text

    form = {"name": name, "roles": role, "phone": "98765432", "public": "y"}
    assert rector.post(f"/app/schools/{SLUG}/contacts", form).status == 302
    changed = time.monotonic()

    delays = shown_after(readers, page, name, changed)
    print(f"\na new contact person shows after (s): {delays}")
    for where, delay in delays.items():
        assert delay is not None, f"{where} never showed the change"
        assert delay <= PUBLIC_CHANGE_BOUND, f"{where} showed the change only after {delay:.2f} s"


def shown_after(readers: dict[str, Client], page: str, text: str, since: float) -> dict[str, float | None]:
    """For each reader (asked in turn), seconds from `since` to the first of SHOWN_IN_A_ROW answers in a
    row that show `text`, or None if that did not happen within twice the bound."""
    in_a_row = dict.fromkeys(readers, 0)
    first: dict[str, float] = {}
    shown: dict[str, float | None] = dict.fromkeys(readers)
    while time.monotonic() < since + 2 * PUBLIC_CHANGE_BOUND and None in shown.values():
        for where in [w for w, delay in shown.items() if delay is None]:
            started = time.monotonic()
            answer = readers[where].get(page)
            assert answer.status == 200
            if text not in answer.text:
                in_a_row[where] = 0
                continue
            first[where] = first[where] if in_a_row[where] else started
            in_a_row[where] += 1
            if in_a_row[where] == SHOWN_IN_A_ROW:
                shown[where] = first[where] - since
        time.sleep(0.02)
    return shown


def test_no_acknowledged_tick_is_lost_while_one_app_server_is_killed(cluster, scenario, served_database, tmp_path):
    staff = sign_in_staff(cluster.host, scenario)
    actors = staff_at_work(staff, scenario, OWN_STEPS)
    actors["parent"] = parent(Client(cluster.host))
    traffic = Traffic()
    traffic.start(actors)
    time.sleep(1.5)
    sent_to_a = int(cluster.proxy.stats()["a"]["stot"])
    cluster.servers["a"].kill()
    killed = time.monotonic()
    wait_for(lambda: cluster.proxy.up() == {"b"}, "HAProxy taking the killed server out", timeout=30)
    taken_out = time.monotonic()
    time.sleep(2)
    traffic.stop()
    failed = traffic.failures()
    print(
        f"\none of two servers killed: {traffic.summary()}; failed: {len(failed)}; "
        f"taken out after {taken_out - killed:.2f} s (health check every {HEALTH_CHECK_MS} ms)"
    )

    assert sent_to_a > 0, "server a was serving before it was killed"
    odd = [(o.actor, o.path, o.status, o.error or o.page[:200]) for o in failed if o.status not in (None, 502, 503)]
    assert not odd, f"only a cut request or HAProxy's 502/503 may fail, e.g. {odd[:3]}"
    late = [(o.actor, o.path, o.status) for o in failed if o.started >= taken_out]
    assert not late, f"requests failed after HAProxy took the dead server out: {late[:3]}"
    assert any(o.acknowledged and o.step and o.started > taken_out for o in traffic.outcomes), "b takes the ticks"
    assert write_problems(traffic.outcomes, stored_steps(served_database, tmp_path)) == []
