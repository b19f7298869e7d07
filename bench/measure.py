"""What the benchmark measures on one database: latencies in-process and over HTTP, throughput
against the bare-Flask floor, the public page's weight, workers' memory and SQL query counts."""

import gc
import gzip
import re
import runpy
import statistics
import time
from functools import partial
from html.parser import HTMLParser
from urllib.parse import urlencode

from sqlalchemy import event, select

from .servers import ROOT, gunicorn, request, tick_script, wrk


def percentiles(samples_ms: list[float]) -> dict:
    ordered = sorted(samples_ms)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return {"p50_ms": round(statistics.median(ordered), 3), "p99_ms": round(p99, 3), "n": len(ordered)}


class Pages:
    """The six requests the issue names, for the sample school, case and staff member."""

    def __init__(self, manifest: dict, run_id: int, tick_key: str):
        sample = manifest["sample"]
        self.slug = sample["school_slug"]
        self.case_id = sample["case_id"]
        self.run_id = run_id
        self.tick_key = tick_key

    @property
    def gets(self) -> dict[str, tuple[str, bool]]:
        """name → (path, signed in)"""
        cases = f"/app/schools/{self.slug}/cases/"
        return {
            "public school page": (f"/{self.slug}/", False),
            "public plan": (f"/{self.slug}/plan", False),
            "staff dashboard": ("/app/", True),
            "case list": (cases, True),
            "checklist page": (f"{cases}{self.case_id}", True),
        }

    @property
    def tick_path(self) -> str:
        return f"/app/schools/{self.slug}/cases/{self.case_id}/runs/{self.run_id}/fields/{self.tick_key}"

    def tick_body(self, number: int) -> dict:
        """Tick, untick, tick...: every request changes the answer."""
        return {f"r{self.run_id}-{self.tick_key}": "y"} if number % 2 == 0 else {}


def open_runs(app, case_ids: list[int], tick_keys: list[str]) -> list[tuple[int, int, str]]:
    """(case id, run id, a check field's key) for the staff member's open cases, for the tick mix."""
    from intranet.cases.models import ChecklistRun
    from intranet.extensions import db

    found = []
    with app.app_context():
        runs = db.session.scalars(select(ChecklistRun).where(ChecklistRun.case_id.in_(case_ids))).all()
        for run in runs:
            keys = [
                field["key"]
                for field in run.form_version.definition["fields"]
                if field["type"] == "check" and not field.get("show_if")
            ]
            for key in keys[:3]:
                found.append((run.case_id, run.id, key))
    return found or [(case_id, None, key) for case_id in case_ids for key in tick_keys]


# ---------------------------------------------------------------- in-process (Flask's test client)


def like_a_worker() -> None:
    """This process's collector as gunicorn.conf.py sets a worker's: what is loaded so far frozen (a worker is
    forked from the preloaded app after `gc.freeze()`), and the same thresholds. Without it, a full collection
    of everything the benchmark itself holds lands inside some request and is counted as its latency."""
    settings = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    gc.collect()
    gc.freeze()
    gc.set_threshold(*settings.get("GC_THRESHOLD", gc.get_threshold()))  # an older gunicorn.conf.py: as it was


def in_process_app(database_url: str):
    """The intranet for in-process measurements: no CSRF tokens to carry, no sign-in throttling."""
    from intranet import create_app
    from intranet.extensions import limiter

    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": database_url,
            "SECRET_KEY": "bench-" + "x" * 40,
            "PUBLIC_BASE_URL": "http://localhost",
            "WTF_CSRF_ENABLED": False,
        }
    )
    limiter.enabled = False
    return app


def in_process(database_url: str, manifest: dict, repeat: int, worker_gc: bool = True) -> tuple[dict, dict, Pages]:
    """Latency of each request through the whole app in this process (its collector set as a worker's,
    unless `worker_gc` is false), and its SQL statements."""
    from intranet.extensions import db

    app = in_process_app(database_url)
    sample = manifest["sample"]
    pages = Pages(manifest, sample["run_id"], sample["tick_keys"][0])
    staff = app.test_client()
    signed_in = staff.post("/auth/login", data={"email": sample["staff_email"], "password": manifest["password"]})
    assert signed_in.status_code == 302, f"the sample staff member could not sign in: {signed_in.status_code}"
    parent = app.test_client()
    if worker_gc:
        like_a_worker()
    statements = []
    with app.app_context():
        engine = db.engine

    def counted(*args):
        statements.append(1)

    latencies, queries = {}, {}
    headers = {"Accept-Language": "nb", "Accept-Encoding": "gzip"}
    for name, (path, as_staff) in pages.gets.items():
        client = staff if as_staff else parent
        assert client.get(path, headers=headers).status_code == 200, f"{name}: {path}"
        latencies[name], queries[name] = _timed(
            engine, counted, statements, repeat, partial(client.get, path, headers=headers)
        )
    tick_headers = {"HX-Request": "true"}
    number = iter(range(10**9))
    latencies["tick (htmx POST)"], queries["tick (htmx POST)"] = _timed(
        engine,
        counted,
        statements,
        repeat,
        lambda: staff.post(pages.tick_path, data=pages.tick_body(next(number)), headers=tick_headers),
    )
    from .live import live_in_process  # noqa: PLC0415 - it uses this module

    pages.live = live_in_process(staff, pages, engine, repeat)
    return latencies, queries, pages


def _timed(engine, counted, statements, repeat, call) -> tuple[dict, int]:
    """p50/p99 of `repeat` calls, and the SQL statements of one call after two warm-up calls (a tick
    then hits an answer row that exists, whatever state the data set was in)."""
    samples = []
    call(), call()
    event.listen(engine, "before_cursor_execute", counted)
    try:
        statements.clear()
        response = call()
        assert response.status_code == 200, response.status_code
        query_count = len(statements)
    finally:
        event.remove(engine, "before_cursor_execute", counted)
    for _ in range(repeat):
        started = time.perf_counter()
        response = call()
        samples.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    return percentiles(samples), query_count


# ---------------------------------------------------------------- over HTTP, against gunicorn


def floor(seconds: int) -> dict:
    with gunicorn("bench.bare:app") as bare:
        measured = wrk(bare.base + "/", seconds=seconds)
        measured["rss_mib"] = bare.worker_memory_mib("Rss")
        return measured


def signed_in_nothing(database_url: str, manifest: dict, seconds: int) -> dict:
    """Throughput of a signed-in htmx POST that does nothing (bench/ceiling.py): what any tick,
    however lean, starts from."""
    sample = manifest["sample"]
    with gunicorn("bench.ceiling:app", database_url) as server:
        cookie, token = sign_in(server, sample["staff_email"], manifest["password"])
        return wrk(server.base + "/", seconds=seconds, script=tick_script(cookie, token, [("/bench/nothing", "")]))


def over_http(database_url: str, manifest: dict, pages: Pages, runs: list, repeat: int, seconds: int) -> dict:
    sample = manifest["sample"]
    with gunicorn("wsgi:app", database_url) as server:
        cookie, token = sign_in(server, sample["staff_email"], manifest["password"])
        headers = {"Accept-Language": "nb", "Accept-Encoding": "gzip"}
        latencies = {}
        for name, (path, as_staff) in pages.gets.items():
            extra = {"Cookie": cookie} if as_staff else {}
            latencies[name] = _http_timed(server, "GET", path, None, {**headers, **extra}, repeat)
        tick_headers = {
            "Cookie": cookie,
            "X-CSRFToken": token,
            "HX-Request": "true",
            "Content-Type": "application/x-www-form-urlencoded",
        }
        bodies = iter(urlencode(pages.tick_body(n)).encode() for n in range(10**9))
        latencies["tick (htmx POST)"] = _http_timed(server, "POST", pages.tick_path, bodies, tick_headers, repeat)
        public = wrk(server.base + pages.gets["public school page"][0], seconds=seconds, headers=headers)
        ticks = [
            (f"/app/schools/{pages.slug}/cases/{case_id}/runs/{run_id}/fields/{key}", body)
            for case_id, run_id, key in runs
            for body in (urlencode({f"r{run_id}-{key}": "y"}), "")
        ]
        ticking = wrk(server.base + "/", seconds=seconds, script=tick_script(cookie, token, ticks))
        weight = page_weight(server, pages.gets["public school page"][0])
        from .anonymous import anonymous_throughput, staff_under_flood  # noqa: PLC0415 - they use this module

        rss, pss = server.worker_memory_mib("Rss"), server.worker_memory_mib("Pss")
        anonymous = anonymous_throughput(server, pages, headers, seconds)
        flood = staff_under_flood(server, pages, cookie, seconds)
        from .live import poll_under_load  # noqa: PLC0415 - it uses this module

        poll = poll_under_load(server, pages, cookie, pages.live, seconds)
        flood["rss_mib_after"] = server.worker_memory_mib("Rss")  # every worker has rendered PDFs now
    return {
        "latency": latencies,
        "public": public,
        "ticks": ticking,
        "weight": weight,
        "anonymous": anonymous,
        "flood": flood,
        "live": pages.live | {"poll_load": poll},
        "rss_mib": rss,
        "pss_mib": pss,
    }


def _http_timed(server, method, path, bodies, headers, repeat) -> dict:
    samples = []
    for _ in range(repeat + 1):
        body = next(bodies) if bodies is not None else None
        started = time.perf_counter()
        answer = request(server, method, path, body, headers)
        samples.append((time.perf_counter() - started) * 1000)
        assert answer.status == 200, f"{method} {path}: HTTP {answer.status}"
    return percentiles(samples[1:])


def sign_in(server, email: str, password: str) -> tuple[str, str]:
    """Through the real login form: the session cookie and the CSRF token htmx sends in a header."""
    form = request(server, "GET", "/auth/login")
    cookie = _cookie(form.headers)
    token = re.search(rb'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"', form.body)
    token = (token.group(1) or token.group(2)).decode()
    body = urlencode({"email": email, "password": password, "csrf_token": token}).encode()
    answer = request(
        server,
        "POST",
        "/auth/login",
        body,
        {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"},
    )
    assert answer.status == 302, f"sign-in failed: HTTP {answer.status}"
    cookie = _cookie(answer.headers) or cookie
    page = request(server, "GET", "/app/", None, {"Cookie": cookie})
    token = re.search(rb'"X-CSRFToken": "([^"]+)"', page.body).group(1).decode()
    return _cookie(page.headers) or cookie, token  # the page may have put a new token in the session


def _cookie(headers: dict) -> str:
    value = headers.get("set-cookie", "")
    return value.split(";", 1)[0] if value else ""


class _Assets(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") in ("stylesheet", "icon"):
            self.urls.append(attrs["href"])
        elif tag in ("script", "img") and attrs.get("src"):
            self.urls.append(attrs["src"])


def page_weight(server, path: str) -> dict:
    """What a browser downloads on a first visit to the page, compressed as served."""
    headers = {"Accept-Encoding": "gzip", "Accept-Language": "nb"}
    page = request(server, "GET", path, None, headers)
    html = gzip.decompress(page.body) if page.headers.get("content-encoding") == "gzip" else page.body
    parser = _Assets()
    parser.feed(html.decode())
    sizes = {path: len(page.body)}
    for url in parser.urls:
        if url.startswith("/") and not url.startswith("//"):
            sizes[url] = len(request(server, "GET", url, None, headers).body)
    off_site = [url for url in parser.urls if not url.startswith("/") or url.startswith("//")]
    return {"requests": len(sizes), "bytes": sum(sizes.values()), "files": sizes, "off_site": off_site}
