"""Several app servers as the README deploys them, all on 127.0.0.1: two gunicorn instances sharing one
PostgreSQL database, one real Redis and one SECRET_KEY, behind a real HAProxy (Debian's package) that
balances round robin, checks their health and adds X-Forwarded-For. Everything started here stops in
`stop()`, whatever happened.
"""

import csv
import io
import os
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import redis

from ..pg import free_port
from .server import START_TIMEOUT, Gunicorn

WORKERS_PER_SERVER = 2
HEALTH_CHECK_MS = 300  # HAProxy asks each server this often; two failures in a row take it out
SERVER_NAMES = ("a", "b")


def tool(name: str) -> str | None:
    """A program's path; Debian puts haproxy in /usr/sbin, which a plain user's PATH may lack."""
    return shutil.which(name) or shutil.which(name, path="/usr/sbin:/usr/bin")


def missing_tools() -> list[str]:
    """The Debian packages this harness needs and the machine lacks (scripts/test installs them)."""
    return [name for name in ("haproxy", "redis-server") if tool(name) is None]


def wait_for(check, what: str, timeout: float = START_TIMEOUT, log: str = ""):
    """Poll `check()` until it returns something true; bounded."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.05)
    raise RuntimeError(f"{what}: not within {timeout} s. {log}")


class RedisServer:
    """`redis-server` on a free port, nothing written to disk."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> "RedisServer":
        command = [
            tool("redis-server"),
            "--port",
            str(self.port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ]
        with open(self.folder / "redis.log", "wb") as log:
            self.process = subprocess.Popen(
                [*command, "--dir", str(self.folder)], stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        wait_for(self._answers, "redis-server answering PING", log=(self.folder / "redis.log").read_text())
        return self

    def _answers(self) -> bool:
        if self.process.poll() is not None:
            raise RuntimeError(f"redis-server exited: {(self.folder / 'redis.log').read_text()}")
        try:
            with redis.Redis(port=self.port, socket_timeout=1) as client:
                return client.ping()
        except redis.ConnectionError:
            return False

    def stop(self) -> None:
        stop_process(self.process)


class AppServer(Gunicorn):
    """One app server: gunicorn as server.Gunicorn starts it, with the settings every server shares."""

    def __init__(self, name: str, shared: dict, database_url: str, folder: Path, workers: int = WORKERS_PER_SERVER):
        super().__init__(database_url, folder, workers)
        self.name = name
        self.shared = shared

    def environment(self) -> dict:
        return self.shared

    def kill(self) -> None:
        """As a machine dies: SIGKILL to the master and its workers at once (the group it leads)."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)


HAPROXY_CONFIG = """\
global
    maxconn 512
    stats socket {socket} mode 600 level admin

defaults
    mode http
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    # Without it a check must answer within `inter` (300 ms): a busy server (both workers checking
    # passwords) would be taken out while healthy. A killed one refuses the connection at once anyway.
    timeout check 3s
    option forwardfor
    option redispatch
    retries 3

frontend intranet
    bind 127.0.0.1:{port}
    # Here HAProxy plays the TLS terminator as well; in production `bind :443 ssl crt ...` sets this.
    http-request set-header X-Forwarded-Proto https
    default_backend app_servers

backend app_servers
    balance roundrobin
    option httpchk
    http-check send meth GET uri / ver HTTP/1.1 hdr Host 127.0.0.1
    http-response set-header X-Served-By %s
{servers}
"""


class HAProxy:
    """`haproxy -f <config> -db` in front of the app servers; its stats socket tells which are up."""

    def __init__(self, folder: Path, port: int, servers: dict[str, int]):
        self.folder = folder
        self.port = port
        self.servers = servers
        self.process: subprocess.Popen | None = None
        self.log_path = folder / "haproxy.log"
        self.socket_folder = tempfile.mkdtemp(prefix="haproxy-")  # a socket's path must be short (108 bytes)
        self.socket = os.path.join(self.socket_folder, "stats.sock")

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.port}"

    def config(self) -> str:
        check = f"check inter {HEALTH_CHECK_MS}ms fall 2 rise 2"
        servers = "\n".join(f"    server {name} 127.0.0.1:{port} {check}" for name, port in self.servers.items())
        return HAPROXY_CONFIG.format(socket=self.socket, port=self.port, servers=servers)

    def start(self) -> "HAProxy":
        config = self.folder / "haproxy.cfg"
        config.write_text(self.config())
        checked = subprocess.run([tool("haproxy"), "-c", "-f", str(config)], capture_output=True, text=True)
        assert checked.returncode == 0, f"haproxy refuses its configuration:\n{checked.stdout}{checked.stderr}"
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(
                [tool("haproxy"), "-f", str(config), "-db"],
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        wait_for(lambda: self._running() and self.up() == set(self.servers), "HAProxy seeing every server up")
        return self

    def _running(self) -> bool:
        if self.process.poll() is not None:
            raise RuntimeError(f"haproxy exited: {self.log_path.read_text()}")
        return os.path.exists(self.socket)

    def stats(self) -> dict[str, dict]:
        """HAProxy's statistics row for each app server (`status`, `stot`: requests sent to it, ...)."""
        with socket.socket(socket.AF_UNIX) as sock:
            sock.settimeout(5)
            sock.connect(self.socket)
            sock.sendall(b"show stat\n")
            answer = b""
            while chunk := sock.recv(65536):
                answer += chunk
        rows = csv.DictReader(io.StringIO(answer.decode().lstrip("# ")))
        return {row["svname"]: row for row in rows if row["pxname"] == "app_servers" and row["svname"] in self.servers}

    def up(self) -> set[str]:
        """The app servers HAProxy currently sends requests to (its health checks pass)."""
        return {name for name, row in self.stats().items() if row["status"].startswith("UP")}

    def stop(self) -> None:
        stop_process(self.process)
        shutil.rmtree(self.socket_folder, ignore_errors=True)


def stop_process(process: subprocess.Popen | None) -> None:
    """SIGTERM, then SIGKILL to the group the process leads if it lingers."""
    if process is None or process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


@dataclass
class Cluster:
    """Redis, two app servers ("a" and "b") and HAProxy in front, on one database."""

    database_url: str
    folder: Path
    redis: RedisServer | None = None
    servers: dict[str, AppServer] = field(default_factory=dict)
    proxy: HAProxy | None = None

    def start(self) -> "Cluster":
        self.redis = RedisServer(self.folder).start()
        proxy_port = free_port()  # the servers must know their public address before HAProxy can start
        shared = {
            "SECRET_KEY": secrets.token_urlsafe(48),
            "REDIS_URL": self.redis.url,
            "PUBLIC_BASE_URL": f"http://127.0.0.1:{proxy_port}",
            "TRUSTED_PROXIES": "1",
        }
        for name in SERVER_NAMES:
            folder = self.folder / f"server-{name}"
            folder.mkdir()
            self.servers[name] = AppServer(name, shared, self.database_url, folder)
            self.servers[name].start()
        self.proxy = HAProxy(self.folder, proxy_port, {name: s.port for name, s in self.servers.items()}).start()
        return self

    @property
    def host(self) -> str:
        """Where people go: HAProxy."""
        return self.proxy.host

    def stop(self) -> None:
        for part in [self.proxy, *self.servers.values(), self.redis]:
            if part is not None:
                part.stop()

    def logs(self) -> str:
        """The tail of every log, for a failing test's message."""
        paths = [self.folder / "haproxy.log", self.folder / "redis.log"] + [s.log_path for s in self.servers.values()]
        return "\n".join(f"--- {p.name}:\n{p.read_text(errors='replace')[-3000:]}" for p in paths if p.exists())
