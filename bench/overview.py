"""The municipality's overview pages over a generated data set: in-process p50/p99 and SQL statements,
beside the floor (a bare Flask route, measured in-process the same way, in the same run).

    python -m bench.generate --database-url sqlite:////tmp/national.db --national --manifest /tmp/national.json
    python -m bench.overview --database-url sqlite:////tmp/national.db [--repeat 50] [--organisation SLUG]

Without `--organisation` the organisation with the most schools is measured. Its administrator is
`kommune.<slug>@example.no` and each school's `rektor.<school>@example.no` (bench.generate's accounts).
"""

import argparse
import json
import time
from functools import partial

from sqlalchemy import func, select

from .generate import PASSWORD
from .measure import _timed, in_process_app, like_a_worker, percentiles


def _largest_organisation(app) -> tuple[str, str, int]:
    from intranet.extensions import db
    from intranet.schools.models import Organisation, School

    with app.app_context():
        slug, count = db.session.execute(
            select(Organisation.slug, func.count(School.id))
            .join(School, School.organisation_id == Organisation.id)
            .group_by(Organisation.id)
            .order_by(func.count(School.id).desc(), Organisation.id)
            .limit(1)
        ).one()
        school = db.session.scalar(
            select(School.slug).join(Organisation).where(Organisation.slug == slug).order_by(School.id).limit(1)
        )
    return slug, school, count


def _signed_in(app, email: str):
    client = app.test_client()
    response = client.post("/auth/login", data={"email": email, "password": PASSWORD})
    assert response.status_code == 302, f"{email} could not sign in: {response.status_code}"
    return client


def floor(repeat: int) -> dict:
    """The bare Flask route (bench/bare.py) through Flask's test client, as the pages are measured."""
    from .bare import app

    client = app.test_client()
    client.get("/"), client.get("/")
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        client.get("/")
        samples.append((time.perf_counter() - started) * 1000)
    return percentiles(samples)


def measure(database_url: str, repeat: int, organisation: str | None) -> dict:
    from intranet.extensions import db

    app = in_process_app(database_url)
    slug, school, schools = _largest_organisation(app)
    if organisation:
        slug, school, schools = organisation, None, None
    admin = _signed_in(app, f"kommune.{slug}@example.no")
    rector = _signed_in(app, f"rektor.{school}@example.no") if school else None
    base = f"/app/organisations/{slug}/overview"
    pages = {
        "plan status": (admin, f"{base}/"),
        "plan status as CSV": (admin, f"{base}/schools.csv"),
        "statistics (municipality)": (admin, f"{base}/statistics"),
        "checklist health": (admin, f"{base}/checklists"),
    }
    if rector:
        pages["statistics (own school)"] = (rector, f"/app/schools/{school}/statistics")
    like_a_worker()
    with app.app_context():
        engine = db.engine
    statements: list = []
    results = {}
    for name, (client, path) in pages.items():
        latency, count = _timed(engine, lambda *a: statements.append(1), statements, repeat, partial(client.get, path))
        results[name] = latency | {"statements": count}
    pdf_latency, _ = _timed(
        engine, lambda *a: None, statements, max(3, repeat // 10), lambda: admin.get(f"{base}/schools.pdf")
    )
    results["plan status as PDF"] = pdf_latency
    bare = floor(max(repeat, 200))
    for figures in results.values():
        figures["p50_x_floor"] = round(figures["p50_ms"] / bare["p50_ms"], 1)
        figures["p99_x_floor"] = round(figures["p99_ms"] / bare["p99_ms"], 1)
    return {"organisation": slug, "schools": schools, "floor": bare, "pages": results}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--organisation", help="an organisation's slug (default: the one with most schools)")
    args = parser.parse_args(argv)
    result = measure(args.database_url, args.repeat, args.organisation)
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
