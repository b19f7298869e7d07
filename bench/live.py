"""The tick as a phone sends it (with the newest event its page has seen) and the open case page's poll:
the tick's response size and latency in-process, and the poll's 304 in-process and under load."""

import re
import time

from sqlalchemy import event

from .measure import percentiles
from .servers import request, wrk

SEEN = re.compile(rb'name="seen" value="(\d+)"')


def seen_on(body: bytes) -> int:
    return int(SEEN.search(body).group(1))


def live_in_process(staff, pages, engine, repeat: int) -> dict:
    """The tick with the page's last-seen event (each answer's `seen` sent with the next, as the page
    does): p50/p99, response bytes and statements; and the poll answering 304: p50/p99 and statements."""
    headers = {"HX-Request": "true", "Accept-Language": "nb"}
    case_page = pages.gets["checklist page"][0]
    seen = seen_on(staff.get(case_page, headers={"Accept-Language": "nb"}).data)
    statements: list[str] = []

    def counted(conn, cursor, statement, *args):
        statements.append(statement)

    def tick(number: int):
        nonlocal seen
        response = staff.post(pages.tick_path, data=pages.tick_body(number) | {"seen": str(seen)}, headers=headers)
        assert response.status_code == 200, response.status_code
        seen = seen_on(response.data)
        return response

    poll_path = f"/app/schools/{pages.slug}/cases/{pages.case_id}/changes"

    def poll():
        response = staff.get(f"{poll_path}?seen={seen}", headers=headers)
        assert response.status_code == 304, response.status_code
        return response

    tick(0), tick(1)
    event.listen(engine, "before_cursor_execute", counted)
    try:
        size = len(tick(2).data)
        tick_statements = sum(not s.startswith("BEGIN") for s in statements)
        poll()  # Flask checks the page in full once; the next polls are answered in front of it
        statements.clear()
        poll()
        poll_statements = sum(not s.startswith("BEGIN") for s in statements)
    finally:
        event.remove(engine, "before_cursor_execute", counted)
    ticks, polls = [], []
    for number in range(repeat):
        started = time.perf_counter()
        tick(number)
        ticks.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        poll()
        polls.append((time.perf_counter() - started) * 1000)
    return {
        "tick": percentiles(ticks) | {"bytes": size, "queries": tick_statements},
        "poll": percentiles(polls) | {"queries": poll_statements},
        "poll_path": poll_path,
        "seen": seen,
    }


def poll_under_load(server, pages, cookie: str, live: dict, seconds: int) -> dict:
    """wrk on the poll of a page loaded just before (it has seen everything): every answer a 304."""
    headers = {"Cookie": cookie, "HX-Request": "true", "Accept-Language": "nb"}
    page = request(server, "GET", pages.gets["checklist page"][0], None, {"Cookie": cookie, "Accept-Language": "nb"})
    path = f"{live['poll_path']}?seen={seen_on(page.body)}"
    first = request(server, "GET", path, None, headers)
    assert first.status == 304, f"the poll of an unchanged case: HTTP {first.status}"
    return wrk(server.base + path, seconds=seconds, headers=headers)
