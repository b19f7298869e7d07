"""A real gunicorn serving wsgi:app on 127.0.0.1, started the way the README runs it in production."""

import http.client
import os
import re
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT = 120  # seconds; four workers importing the app at once are slow on a busy CI machine
LISTENING = re.compile(r"Listening at: http://127\.0\.0\.1:(\d+)")


def gunicorn_executable() -> str:
    beside_python = Path(sys.executable).with_name("gunicorn")
    return str(beside_python if beside_python.exists() else PROJECT_ROOT / ".venv" / "bin" / "gunicorn")


def production_environment(database_url: str, outbox: Path) -> dict:
    """The environment production sets: a long random SECRET_KEY, DATABASE_URL and the public address (the
    load clients ask for 127.0.0.1 on the port the kernel picks: trusted hosts match whatever the port);
    no debug, no test settings."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("FLASK_", "GUNICORN_"))}
    env.pop("REDIS_URL", None)  # sign-in throttling counts in the database, shared by the workers
    env.update(SECRET_KEY=secrets.token_urlsafe(48), DATABASE_URL=database_url, MAIL_OUTBOX_DIR=str(outbox))
    env.update(PUBLIC_BASE_URL="http://127.0.0.1")
    env.pop("TRUSTED_HOSTS", None)
    env["PYTHONUNBUFFERED"] = "1"
    return env


class Gunicorn:
    """`gunicorn --no-control-socket -w 4 -b 127.0.0.1:<free port> wsgi:app`, always stopped by `stop()`."""

    def __init__(self, database_url: str, folder: Path, workers: int = 4):
        self.database_url = database_url
        self.folder = folder
        self.workers = workers
        self.log_path = folder / "gunicorn.log"
        self.process: subprocess.Popen | None = None
        self.port: int | None = None

    def start(self) -> "Gunicorn":
        command = [
            gunicorn_executable(),
            "--no-control-socket",
            *("-w", str(self.workers), "-b", "127.0.0.1:0"),  # port 0: the kernel picks a free one, no race
            *("--forwarded-allow-ips", "127.0.0.1"),  # the TLS proxy on this host says the request was https
            *("--timeout", "60", "--graceful-timeout", "2"),  # idle workers linger until killed at the end
            "wsgi:app",
        ]
        env = production_environment(self.database_url, self.folder / "outbox") | self.environment()
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(
                command, cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        self.port = self._wait_for_port()
        self._wait_until_answering()
        self.wait_for_workers()
        return self

    def environment(self) -> dict:
        """More settings for this server's environment (none here; see cluster.AppServer)."""
        return {}

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.port}"

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def _fail(self, why: str):
        raise RuntimeError(f"gunicorn {why}. Its log:\n{self.log()[-5000:]}")

    def _wait_for_port(self) -> int:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self._fail(f"exited with {self.process.returncode}")
            found = LISTENING.search(self.log())
            if found:
                return int(found.group(1))
            time.sleep(0.05)
        self._fail("did not start listening")

    def _wait_until_answering(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
            try:
                connection.request("GET", "/")
                if connection.getresponse().status == 200:
                    return
            except OSError:
                pass
            finally:
                connection.close()
            time.sleep(0.1)
        self._fail("never answered GET / with 200")

    def worker_pids(self) -> set[int]:
        """The master's children: its workers (Linux lists them in /proc)."""
        pid = self.process.pid
        try:
            return {int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()}
        except FileNotFoundError:
            return set()

    def wait_for_workers(self, gone: set[int] = frozenset()) -> set[int]:
        """Wait until the master runs its full number of workers, none of them in `gone`."""
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            pids = self.worker_pids()
            if len(pids) == self.workers and not pids & gone:
                return pids
            time.sleep(0.05)
        self._fail(f"did not get back to {self.workers} workers (now {self.worker_pids()}, gone {gone})")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)  # graceful: the master stops its workers
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)  # the group this test started, master and workers
            self.process.wait(timeout=10)
