"""gunicorn started the way production starts it, a plain HTTP client, wrk, and workers' memory."""

import http.client
import os
import re
import secrets
import signal
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.pg import free_port  # the tests' helper (bench runs from the checkout's root)

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = [sys.executable, "-m", "gunicorn", "--no-control-socket", "-w", "4", "--log-level", "warning"]


@dataclass
class Server:
    port: int
    process: subprocess.Popen

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def worker_pids(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()] if children.exists() else []

    def worker_memory_mib(self, field: str = "Rss") -> list[float]:
        """Each worker's resident memory (`Rss`), or its proportional share of pages shared with the
        other workers (`Pss`), from /proc/<pid>/smaps_rollup."""
        sizes = []
        for pid in self.worker_pids():
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
            kib = int(re.search(rf"^{field}:\s+(\d+) kB", rollup, re.M).group(1))
            sizes.append(round(kib / 1024, 1))
        return sizes


@contextmanager
def gunicorn(app: str, database_url: str | None = None):
    """`gunicorn -w 4 <app>` on a free port on 127.0.0.1, with production settings (a real
    SECRET_KEY and the public address it is asked at, no debug); stopped afterwards."""
    port = free_port()
    env = {**os.environ, "SECRET_KEY": secrets.token_hex(32), "PUBLIC_BASE_URL": f"http://127.0.0.1:{port}"}
    env.pop("FLASK_DEBUG", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    log = tempfile.TemporaryFile()  # noqa: SIM115 - gunicorn writes to it until the server stops
    process = subprocess.Popen(
        [*GUNICORN, "-b", f"127.0.0.1:{port}", app], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    server = Server(port, process)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if request(server, "GET", "/").status < 500 and len(server.worker_pids()) == 4:
                    break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                raise RuntimeError(f"gunicorn {app} did not start:\n{log.read().decode(errors='replace')}")
            time.sleep(0.2)
        yield server
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


@dataclass
class Answer:
    status: int
    headers: dict
    body: bytes


def request(server: Server, method: str, path: str, body: bytes | None = None, headers: dict | None = None):
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return Answer(response.status, {k.lower(): v for k, v in response.getheaders()}, response.read())
    finally:
        connection.close()


def wrk(url: str, *, seconds: int, connections: int = 16, headers: dict | None = None, script: str | None = None):
    """Requests per second, latency percentiles (ms) and errors, from wrk run as a second process."""
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency"]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as lua:
        if script:
            lua.write(script)
            lua.flush()
            command += ["-s", lua.name]
        output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    percentiles = {
        int(p): _milliseconds(value, unit)
        for p, value, unit in re.findall(r"^\s+(\d+)%\s+([\d.]+)(us|ms|s)\s*$", output, re.M)
    }
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50_ms": percentiles.get(50),
        "p99_ms": percentiles.get(99),
        "non_2xx": int(errors.group(1)) if errors else 0,
        "socket_errors": socket_errors.group(1).strip() if socket_errors else "",
    }


def _milliseconds(value: str, unit: str) -> float:
    return round(float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit], 3)


def tick_script(cookie: str, token: str, ticks: list[tuple[str, str]]) -> str:
    """A wrk script that posts the given (path, form body) ticks in turn, as a signed-in htmx page does."""
    rows = ",\n".join(f'  {{"{path}", "{body}"}}' for path, body in ticks)
    return f"""
wrk.method = "POST"
wrk.headers["Cookie"] = "{cookie}"
wrk.headers["X-CSRFToken"] = "{token}"
wrk.headers["HX-Request"] = "true"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
local ticks = {{
{rows}
}}
local i = math.random(#ticks)
request = function()
  i = i % #ticks + 1
  return wrk.format(nil, ticks[i][1], nil, ticks[i][2])
end
"""


def flood_script(paths: list[str]) -> str:
    """A wrk script asking for `paths` in turn, each time with a query string of its own (so no answer is
    cached; a host other than the public address would only get a 400)."""
    rows = ", ".join(f'"{path}"' for path in paths)
    return f"""
local paths = {{{rows}}}
local n = 0
request = function()
  n = n + 1
  local headers = {{["Accept-Language"] = "nb"}}
  return wrk.format("GET", paths[n % #paths + 1] .. "?n=" .. n, headers)
end
"""
