"""The sign-in counts live in the app's database (`database://`): every worker, process and app
server on that database shares them, and a rolled-back request does not take its attempt back."""

import multiprocessing
import os
import secrets
import time
from collections import Counter

import pytest
from sqlalchemy import create_engine, select

from intranet import create_app
from intranet.auth.throttle import DatabaseStorage, counters
from intranet.extensions import limiter

from ..conftest import make_app

ATTACKER = "192.0.2.66"
ADDRESS_LIMIT = 10  # LOGIN_RATE_LIMIT's "10 per minute"


def failed_sign_in(client, n: int, address=ATTACKER):
    """A wrong guess at a different made-up account each time: only the limit per address applies."""
    data = {"email": f"guess-{secrets.token_hex(3)}-{n}@example.no", "password": "wrong guess"}
    return client.post("/auth/login", data=data, environ_base={"REMOTE_ADDR": address}).status_code


def stored_counts(database_url: str) -> dict[str, int]:
    """The counters as another connection (another process) sees them."""
    engine = create_engine(database_url)
    try:
        with engine.connect() as conn:
            return {row.key: row.count for row in conn.execute(select(counters))}
    finally:
        engine.dispose()


def test_failed_attempts_stay_counted_although_their_request_is_rolled_back(app, client, db, rate_limited):
    for n in range(3):
        assert failed_sign_in(client, n) == 401  # finish_request rolls back every response >= 400
    counts = stored_counts(app.config["SQLALCHEMY_DATABASE_URI"])
    per_address = sorted(count for key, count in counts.items() if "/sign-in-address/" in key)
    assert per_address == [3, 3]  # the minute and the hour window
    per_account = [count for key, count in counts.items() if "/sign-in-account/" in key]
    assert per_account == [1] * 6  # three accounts, one failure each, in the minute and the hour window


def test_two_app_servers_on_one_database_share_the_counts(app, database_url, tmp_path, db, rate_limited):
    first = app.test_client()
    for n in range(6):
        assert failed_sign_in(first, n) == 401
    other_server = make_app(database_url, tmp_path)  # its own limiter storage, engine and pool
    limiter.enabled = True  # make_app switches it off
    try:
        second = other_server.test_client()
        for n in range(4):
            assert failed_sign_in(second, n) == 401
        assert failed_sign_in(second, 99) == 429
        assert failed_sign_in(first, 99) == 429
    finally:
        with other_server.app_context():
            other_server.extensions["sqlalchemy"].engines[None].dispose()


def _attempts_in_a_process(config: dict, attempts: int, start, results) -> None:
    """A separate interpreter (spawned): its own app, limiter and connections, like a gunicorn worker."""
    application = create_app(config)
    client = application.test_client()
    start.wait()
    results.put([failed_sign_in(client, n) for n in range(attempts)])


def attempts_from_separate_processes(config: dict, processes: int = 4, attempts: int = 15) -> Counter:
    """`processes` processes sign in wrongly `attempts` times each, at once, from one address."""
    context = multiprocessing.get_context("spawn")
    start, results = context.Barrier(processes), context.Queue()
    workers = [
        context.Process(target=_attempts_in_a_process, args=(config, attempts, start, results))
        for _ in range(processes)
    ]
    for worker in workers:
        worker.start()
    try:
        statuses = Counter()
        for _ in workers:
            statuses.update(results.get(timeout=120))
        return statuses
    finally:
        for worker in workers:
            worker.join(timeout=30)
            if worker.is_alive():
                worker.kill()


def process_config(database_url: str, tmp_path, **overrides) -> dict:
    return {
        "TESTING": True,
        "SECRET_KEY": secrets.token_hex(16),
        "SQLALCHEMY_DATABASE_URI": database_url,
        "WTF_CSRF_ENABLED": False,
        "MAIL_OUTBOX_DIR": str(tmp_path / "outbox"),
        "SERVER_NAME": "intranet.test",
        **overrides,
    }


def test_sixty_attempts_from_four_processes_get_only_the_limit_through(app, database_url, tmp_path, db):
    statuses = attempts_from_separate_processes(process_config(database_url, tmp_path))
    assert_only_the_limit_got_through(statuses)


def assert_only_the_limit_got_through(statuses: Counter) -> None:
    print(f"\n60 attempts from one address in 4 processes: {dict(statuses)}")
    assert sum(statuses.values()) == 60
    # On SQLite a sign-in holds the write lock while it checks the password; a burst of them can make
    # a request wait past busy_timeout: that one is answered 503 (try again), served to nobody.
    assert set(statuses) <= {401, 429, 503}, f"never a 500: {statuses}"
    assert 0 < statuses[401] <= ADDRESS_LIMIT, f"one address got {statuses[401]} attempts through: {statuses}"


def test_a_window_that_has_passed_starts_again_and_is_cleaned_up(app, db):
    storage = DatabaseStorage("database://")
    assert storage.incr("old", 60) == 1 and storage.incr("old", 60) == 2
    assert storage.incr("live", 60) == 1
    assert storage.get("old") == 2 and time.time() < storage.get_expiry("old") <= time.time() + 60
    db.session.execute(counters.update().where(counters.c.key == "old").values(expires_at=time.time() - 1))
    db.session.commit()
    assert storage.get("old") == 0, "a passed window counts nothing"
    assert storage.delete_expired() == 1
    assert storage.get("live") == 1, "a live window is kept"
    assert storage.incr("old", 60) == 1, "a new window starts from one"
    storage.clear("live")
    assert storage.get("live") == 0 and storage.check()


def test_memory_storage_is_refused_outside_the_tests(database_url):
    production = {
        "SECRET_KEY": secrets.token_hex(16),
        "SQLALCHEMY_DATABASE_URI": database_url,
        "PUBLIC_BASE_URL": "https://rusplan.example.no",
    }
    with pytest.raises(RuntimeError, match="memory://"):
        create_app({**production, "RATELIMIT_STORAGE_URI": "memory://"})
    default = os.environ.get("REDIS_URL") or "database://"
    assert create_app(production).config["RATELIMIT_STORAGE_URI"] == default
