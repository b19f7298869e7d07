"""Where the tick and the case page spend their time, in-process: `python -m bench.profile [tick|page]`.

Signs the sample staff member in on the small data set (as `bench.live_targets` does), sends the request
`--repeat` times under pyinstrument (a dev dependency) and prints the profile; `--sql` prints the SQL
statements of one request instead, `--time` its p50/p99 without the profiler; `nothing` is the signed-in
POST that does nothing (bench/ceiling.py).
"""

import argparse
import json
import os
import time
from pathlib import Path

from flask_login import login_required
from sqlalchemy import event

from .live import seen_on
from .measure import Pages, in_process_app, like_a_worker
from .run import OUT


def client_for(url: str, manifest: dict):
    app = in_process_app(url)

    @app.post("/bench/nothing")
    @login_required
    def nothing():  # what bench/ceiling.py adds: the signed-in POST a tick starts from
        return ""

    client = app.test_client()
    sample = manifest["sample"]
    assert client.post("/auth/login", data={"email": sample["staff_email"], "password": manifest["password"]})
    return app, client


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.profile", description=__doc__)
    parser.add_argument("what", choices=("tick", "page", "nothing"))
    parser.add_argument("--database-url", default=f"sqlite:///{OUT / 'bench-10.db'}")
    parser.add_argument("--manifest", default=str(OUT / "manifest-10.json"))
    parser.add_argument("--repeat", type=int, default=300)
    parser.add_argument("--sql", action="store_true", help="print one request's SQL statements")
    parser.add_argument("--time", action="store_true", help="p50/p99 (ms; wall, CPU)")
    args = parser.parse_args(argv)
    manifest = json.loads(Path(args.manifest).read_text())
    app, client = client_for(args.database_url, manifest)
    sample = manifest["sample"]
    pages = Pages(manifest, sample["run_id"], sample["tick_keys"][0])
    page_path = pages.gets["checklist page"][0]
    seen = seen_on(client.get(page_path).data)
    count = iter(range(10**9))

    def call():
        nonlocal seen
        if args.what == "page":
            return client.get(page_path, headers={"Accept-Language": "nb"})
        if args.what == "nothing":
            return client.post("/bench/nothing", headers={"HX-Request": "true"})
        number = next(count)
        body = pages.tick_body(number) | {"seen": str(seen)}
        response = client.post(pages.tick_path, data=body, headers={"HX-Request": "true", "Accept-Language": "nb"})
        seen = seen_on(response.data)
        return response

    for _ in range(5):
        assert call().status_code == 200
    like_a_worker()
    if args.sql:
        from intranet.extensions import db

        with app.app_context():
            engine = db.engine
        statements = []
        event.listen(engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
        call()
        for statement in statements:
            print(" ".join(statement.split())[:300])
        print(f"{len(statements)} statements")
        return 0
    if args.time:
        from .measure import percentiles

        samples, cpu = [], []
        for _ in range(args.repeat):
            started, started_cpu = time.perf_counter(), time.thread_time()
            call()
            samples.append((time.perf_counter() - started) * 1000)
            cpu.append((time.thread_time() - started_cpu) * 1000)
        print(args.what, "wall", percentiles(samples), "CPU", percentiles(cpu))
        return 0
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.0005)
    profiler.start()
    for _ in range(args.repeat):
        call()
    profiler.stop()
    print(profiler.output_text(unicode=True, color=False, show_all=bool(os.environ.get("PROFILE_ALL"))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
