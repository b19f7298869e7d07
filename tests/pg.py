"""A throwaway PostgreSQL cluster for the test session, started from the server binaries.

initdb refuses to run as root, so as root the cluster belongs to the `postgres` system user.
"""

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass


def server_bindir() -> str | None:
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(p.split("/")[4]))
    return os.path.dirname(candidates[-1]) if candidates else None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Cluster:
    bindir: str
    datadir: str
    port: int

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        return subprocess.run([*prefix, *args], check=check, capture_output=True, text=True)

    def start(self) -> None:
        self._run(
            f"{self.bindir}/initdb",
            "-D",
            self.datadir,
            "-A",
            "trust",
            "-U",
            "postgres",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        )
        options = (
            f"-p {self.port} -k {self.datadir} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        )
        self._run(
            f"{self.bindir}/pg_ctl",
            "-D",
            self.datadir,
            "-o",
            options,
            "-l",
            f"{self.datadir}/server.log",
            "-w",
            "start",
        )

    def stop(self) -> None:
        self._run(f"{self.bindir}/pg_ctl", "-D", self.datadir, "-m", "fast", "-w", "stop", check=False)
        shutil.rmtree(os.path.dirname(self.datadir), ignore_errors=True)

    def restart(self) -> None:
        self._run(f"{self.bindir}/pg_ctl", "-D", self.datadir, "-m", "fast", "-w", "restart")


def start_cluster() -> Cluster | None:
    """Start a cluster on a free port, or return None when the server binaries are missing."""
    bindir = server_bindir()
    if bindir is None:
        return None
    parent = tempfile.mkdtemp(prefix="intranet-pg-")
    datadir = os.path.join(parent, "data")
    os.mkdir(datadir)
    if os.geteuid() == 0:
        shutil.chown(parent, "postgres")
        shutil.chown(datadir, "postgres")
        os.chmod(parent, 0o755)  # noqa: S103 - the postgres user must reach its data folder
    cluster = Cluster(bindir=bindir, datadir=datadir, port=free_port())
    cluster.start()
    return cluster
