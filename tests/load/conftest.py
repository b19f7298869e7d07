"""Fixtures for the load tests: a fresh database per test, gunicorn always stopped, and a PostgreSQL
cluster of the test's own that can be stopped and started while the app runs."""

import os
import secrets

import pytest
from sqlalchemy import create_engine, text

from ..conftest import IN_CI
from ..pg import Cluster, start_cluster
from .server import Gunicorn


@pytest.fixture(params=["sqlite", "postgresql"])
def served_database(request, tmp_path):
    """A new, empty database: a SQLite file, or a database of its own in the session's PostgreSQL cluster."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'load.db'}"
        return
    base = request.getfixturevalue("postgres_url")
    name = f"load_{secrets.token_hex(4)}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield base.rsplit("/", 1)[0] + f"/{name}"
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def serve(tmp_path):
    """Start gunicorn on a database: `server = serve(url)`. Every server started is stopped afterwards."""
    servers = []

    def start(database_url: str, workers: int = 4) -> Gunicorn:
        folder = tmp_path / f"gunicorn-{len(servers)}"
        folder.mkdir()
        server = Gunicorn(database_url, folder, workers)
        servers.append(server)
        return server.start()

    yield start
    for server in servers:
        server.stop()


class RestartableCluster:
    """A throwaway cluster whose server a test stops and starts again, keeping its data.

    Its own cluster, so the session's cluster that other tests use is never disturbed.
    """

    def __init__(self, cluster: Cluster):
        self.cluster = cluster

    @property
    def url(self) -> str:
        return self.cluster.url

    def stop(self) -> None:
        """Stop as an administrator's restart does: open connections are cut, new ones refused."""
        self.cluster._run(f"{self.cluster.bindir}/pg_ctl", "-D", self.cluster.datadir, "-m", "fast", "-w", "stop")

    def start(self) -> None:
        """Start again and wait until it accepts connections. `restart` on a stopped server starts it
        with the options of its last start (kept in postmaster.opts): the same port and settings."""
        log = os.path.join(self.cluster.datadir, "server.log")
        self.cluster._run(f"{self.cluster.bindir}/pg_ctl", "-D", self.cluster.datadir, "-l", log, "-w", "restart")


@pytest.fixture
def restartable_cluster():
    cluster = start_cluster()
    if cluster is None:
        if IN_CI:
            pytest.fail("PostgreSQL server binaries are missing; CI must run the database restart test.")
        pytest.skip("PostgreSQL server binaries not found: database restart test skipped")
    try:
        yield RestartableCluster(cluster)
    finally:
        cluster.stop()
