"""Issue #16's targets alone, several rounds in a row: `python -m bench.live_targets [--rounds 3] [--postgres]`.

Each round measures, on the small data set (SQLite, made by `bench.run` or here), the floor (a bare Flask
route), a signed-in htmx POST that does nothing (bench/ceiling.py), the staff tick mix and the open page's
poll under wrk, and in-process the tick as a phone sends it and the case page; every ratio compares
figures of one round. The machine's load average is written beside each round (other work shares it).
Writes bench/results/live-targets[-LABEL].json and prints a table; `bench.run` measures everything else.
"""

import argparse
import json
import os
import shutil
import sys
from datetime import UTC, datetime
from urllib.parse import urlencode

from tests.pg import start_cluster

from .live import poll_under_load
from .measure import floor, in_process, open_runs, sign_in, signed_in_nothing
from .run import OUT, data_set
from .servers import gunicorn, tick_script, wrk

TARGETS = (  # (name, how it is worked out from a round, goal, met)
    ("tick response", lambda r: r["tick_bytes"], "≤ 4,096 bytes", lambda v: v <= 4096),
    ("tick in-process p50", lambda r: r["tick_p50_ms"], "≤ 4 ms", lambda v: v <= 4),
    ("ticks / signed-in empty POST", lambda r: r["ticks_rps"] / r["nothing_rps"], "≥ 0.5 ×", lambda v: v >= 0.5),
    ("case page in-process p50", lambda r: r["page_p50_ms"], "≤ 10 ms", lambda v: v <= 10),
    ("case page in-process p99", lambda r: r["page_p99_ms"], "≤ 30 ms", lambda v: v <= 30),
    ("poll's 304 / floor", lambda r: r["poll_rps"] / r["floor_rps"], "≥ 0.5 ×", lambda v: v >= 0.5),
)


def one_round(url: str, manifest: dict, repeat: int, seconds: int, worker_gc: bool = True) -> dict:
    load = os.getloadavg()[0]
    latencies, queries, pages = in_process(url, manifest, repeat, worker_gc)
    from intranet import create_app

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "b" * 40, "PUBLIC_BASE_URL": "http://localhost"})
    runs = open_runs(app, manifest["sample"]["open_case_ids"], manifest["sample"]["tick_keys"])
    bare = floor(seconds)
    nothing = signed_in_nothing(url, manifest, seconds)
    with gunicorn("wsgi:app", url) as server:
        cookie, token = sign_in(server, manifest["sample"]["staff_email"], manifest["password"])
        ticks = [
            (f"/app/schools/{pages.slug}/cases/{case_id}/runs/{run_id}/fields/{key}", body)
            for case_id, run_id, key in runs
            for body in (urlencode({f"r{run_id}-{key}": "y"}), "")
        ]
        poll = poll_under_load(server, pages, cookie, pages.live, seconds)  # first: ticks still in flight when
        ticking = wrk(
            server.base + "/", seconds=seconds, script=tick_script(cookie, token, ticks)
        )  # wrk stops are news
    live = pages.live
    return {
        "load_1min_before": round(load, 2),
        "load_1min_after": round(os.getloadavg()[0], 2),
        "floor_rps": bare["rps"],
        "nothing_rps": nothing["rps"],
        "ticks_rps": ticking["rps"],
        "ticks_errors": ticking["non_2xx"],
        "poll_rps": poll["rps"],
        "tick_bytes": live["tick"]["bytes"],
        "tick_statements": live["tick"]["queries"],
        "tick_p50_ms": live["tick"]["p50_ms"],
        "tick_p99_ms": live["tick"]["p99_ms"],
        "page_p50_ms": latencies["checklist page"]["p50_ms"],
        "page_p99_ms": latencies["checklist page"]["p99_ms"],
        "page_statements": queries["checklist page"],
        "poll_statements": live["poll"]["queries"],
    }


def table(rounds: list[dict]) -> str:
    lines = ["| target | goal | " + " | ".join(f"round {n + 1}" for n in range(len(rounds))) + " |"]
    lines.append("|---|---|" + "---|" * len(rounds))
    for name, worked_out, goal, met in TARGETS:
        cells = []
        for measured in rounds:
            value = worked_out(measured)
            shown = f"{value:,.0f}" if value >= 100 else f"{value:.3g}"
            cells.append(f"{shown}{'' if met(value) else ' (missed)'}")
        lines.append(f"| {name} | {goal} | " + " | ".join(cells) + " |")
    for key in ("load_1min_before", "floor_rps", "nothing_rps", "ticks_rps", "poll_rps", "tick_p99_ms"):
        lines.append(f"| {key} | | " + " | ".join(str(measured[key]) for measured in rounds) + " |")
    for key in ("tick_statements", "page_statements", "poll_statements"):
        lines.append(f"| {key} | | " + " | ".join(str(measured[key]) for measured in rounds) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.live_targets", description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--schools", type=int, default=10)
    parser.add_argument("--seconds", type=int, default=5, help="each wrk run (default 5)")
    parser.add_argument("--repeat", type=int, default=200, help="requests per in-process latency (default 200)")
    parser.add_argument("--postgres", action="store_true", help="on a throwaway PostgreSQL cluster, not SQLite")
    parser.add_argument("--label", default="", help="a name for these rounds in the JSON (e.g. a commit)")
    parser.add_argument(
        "--default-gc", action="store_true", help="in-process: leave the collector as Python sets it, not as a worker's"
    )
    args = parser.parse_args(argv)
    if not shutil.which("wrk"):
        print("wrk is missing: apt-get install wrk", file=sys.stderr)
        return 2
    OUT.mkdir(exist_ok=True)
    cluster = start_cluster() if args.postgres else None  # a throwaway cluster, started like the tests' one
    if args.postgres and cluster is None:
        print("PostgreSQL server binaries are missing: --postgres needs them", file=sys.stderr)
        return 2
    try:
        if cluster is not None:
            url, reuse, manifest_path = cluster.url, False, OUT / f"manifest-{args.schools}-pg.json"
        else:
            url, reuse, manifest_path = f"sqlite:///{OUT / f'bench-{args.schools}.db'}", True, None
        manifest = data_set(url, args.schools, False, reuse, manifest_path or OUT / f"manifest-{args.schools}.json")
        rounds = []
        for number in range(args.rounds):
            print(f"- round {number + 1} of {args.rounds}", flush=True)
            rounds.append(one_round(url, manifest, args.repeat, args.seconds, not args.default_gc))
    finally:
        if cluster is not None:
            cluster.stop()
    result = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "label": args.label,
        "database": "PostgreSQL" if args.postgres else "SQLite",
        "collector": "Python's defaults" if args.default_gc else "as a worker's (gunicorn.conf.py)",
        "rounds": rounds,
    }
    name = f"live-targets-{args.label}.json" if args.label else "live-targets.json"
    (OUT / name).write_text(json.dumps(result, indent=2))
    print(table(rounds))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
