"""With REDIS_URL set, the sign-in counts live in a real Redis that every app server shares."""

import shutil
import socket
import subprocess
import time

import pytest
import redis

from intranet.extensions import limiter

from ..conftest import IN_CI, make_app
from .test_throttling_storage import (
    assert_only_the_limit_got_through,
    attempts_from_separate_processes,
    failed_sign_in,
    process_config,
)

START_TIMEOUT = 20  # seconds


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def redis_url():
    """A throwaway redis-server for this session: no persistence, stopped at the end."""
    binary = shutil.which("redis-server")
    if binary is None:
        if IN_CI:
            pytest.fail("redis-server is missing; CI must run the Redis throttling tests (scripts/test installs it).")
        pytest.skip("redis-server not found (apt-get install redis-server): Redis throttling tests skipped")
    port = free_port()
    command = [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    server = subprocess.Popen([*command, "--daemonize", "no"], stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    url = f"redis://127.0.0.1:{port}/0"
    client = redis.Redis.from_url(url)
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"redis-server did not start (exit code {server.poll()})") from None
                time.sleep(0.05)
        yield url
    finally:
        client.close()
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def redis_servers(request, database_url, tmp_path, db):
    """`start()` makes another app server counting in the Redis. The limiter (one per process) goes
    back to the session app's storage afterwards."""
    saved = limiter._storage, limiter._limiter
    started = []

    def start(url=None):
        server = make_app(database_url, tmp_path, RATELIMIT_STORAGE_URI=url or request.getfixturevalue("redis_url"))
        limiter.enabled = True  # make_app switches it off
        started.append(server)
        return server

    yield start
    limiter._storage, limiter._limiter = saved
    limiter.enabled = False
    for server in started:
        with server.app_context():
            server.extensions["sqlalchemy"].engines[None].dispose()


def test_two_app_servers_sharing_redis_share_the_counts(redis_servers, redis_url):
    redis.Redis.from_url(redis_url).flushdb()
    first = redis_servers().test_client()
    for n in range(6):
        assert failed_sign_in(first, n) == 401
    keys = redis.Redis.from_url(redis_url).keys("*/sign-in-address/*")
    assert len(keys) == 2, f"the counts are in Redis (minute and hour window): {keys}"
    second = redis_servers().test_client()  # a new storage object and connection pool: only Redis is shared
    for n in range(4):
        assert failed_sign_in(second, n) == 401
    assert failed_sign_in(second, 99) == 429
    assert failed_sign_in(first, 99) == 429


def test_sixty_attempts_from_four_processes_sharing_redis_get_only_the_limit_through(
    redis_url, database_url, tmp_path, db
):
    redis.Redis.from_url(redis_url).flushdb()
    config = process_config(database_url, tmp_path, RATELIMIT_STORAGE_URI=redis_url)
    assert_only_the_limit_got_through(attempts_from_separate_processes(config))


def test_redis_out_of_reach_answers_503_not_500_and_lets_no_attempt_through(redis_servers):
    nobody_listens = f"redis://127.0.0.1:{free_port()}/0"
    client = redis_servers(nobody_listens).test_client()
    response = client.post("/auth/login?lang=en", data={"email": "a@example.no", "password": "wrong guess"})
    assert response.status_code == 503
    assert "Temporarily unavailable" in response.get_data(as_text=True) and response.headers["Retry-After"]
