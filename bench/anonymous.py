"""The anonymous URLs under load: each one's throughput beside the floor, and a signed-in staff
member's case list while a flood of anonymous renders (PDFs, wheel, feed; never cached) goes on."""

import threading
import time

from .measure import Pages, _http_timed, percentiles
from .servers import flood_script, request, wrk


def anonymous_urls(slug: str) -> dict[str, str]:
    """The anonymous URLs besides the school page, each measured like it (bench/report.py)."""
    return {
        "front page": "/",
        "public plan": f"/{slug}/plan",
        "annual wheel": f"/{slug}/wheel",
        "calendar feed": f"/{slug}/calendar.ics",
        "plan PDF": f"/{slug}/plan.pdf",
        "poster PDF": f"/{slug}/poster.pdf",
    }


def anonymous_throughput(server, pages: Pages, headers: dict, seconds: int) -> dict:
    """wrk on each anonymous URL, after one request has had it made (as the first parent would)."""
    measured = {}
    for name, path in anonymous_urls(pages.slug).items():
        first = request(server, "GET", path, None, headers)
        assert first.status == 200, f"{name}: {path}: HTTP {first.status}"
        measured[name] = wrk(server.base + path, seconds=seconds, headers=headers)
    return measured


def staff_under_flood(server, pages: Pages, cookie: str, seconds: int, repeat: int = 100) -> dict:
    """The case list's latency for a signed-in staff member, idle and while wrk floods the server with
    anonymous PDF, wheel and feed requests that each carry a query string of their own (so none is cached)."""
    case_list = pages.gets["case list"][0]
    staff = {"Cookie": cookie, "Accept-Language": "nb", "Accept-Encoding": "gzip"}
    idle = _http_timed(server, "GET", case_list, None, staff, repeat)
    paths = [f"/{pages.slug}/{name}" for name in ("plan.pdf", "poster.pdf", "wheel", "calendar.ics")]
    flooded: list[dict] = []
    flooding = threading.Thread(
        target=lambda: flooded.append(wrk(server.base + "/", seconds=seconds, script=flood_script(paths)))
    )
    flooding.start()
    time.sleep(0.5)  # the flood is under way
    samples = []
    while flooding.is_alive():
        started = time.perf_counter()
        answer = request(server, "GET", case_list, None, staff)
        samples.append((time.perf_counter() - started) * 1000)
        assert answer.status == 200, f"case list under the flood: HTTP {answer.status}"
    flooding.join()
    return {"idle": idle, "flooded": percentiles(samples), "flood": flooded[0]}
