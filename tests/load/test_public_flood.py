"""A flood of anonymous requests for PDFs, the annual wheel and the calendar feed, each with a query
string of its own so that none is in the cache, while a staff member reads the case list, on gunicorn with
four workers: renders are bounded (503 with Retry-After beyond the host's render slots), nothing else
fails, and the staff member is answered throughout. How fast they are answered is the benchmark's
business (bench/, "staff case list under a PDF flood"), not a timed assertion here."""

from statistics import median

from .client import Client
from .scenario import SLUG, seed
from .traffic import Traffic, anonymous_flood, reader, sign_in_staff

FLOOD_SECONDS = 8
FLOODERS = 8
PATHS = [f"/{SLUG}/plan.pdf", f"/{SLUG}/poster.pdf", f"/{SLUG}/wheel", f"/{SLUG}/calendar.ics", f"/{SLUG}/plan.pdf?x"]


def test_a_flood_of_anonymous_renders_is_bounded_and_the_staff_keep_being_answered(served_database, serve, tmp_path):
    scenario = seed(served_database, tmp_path)
    server = serve(served_database)
    staff = sign_in_staff(server.host, scenario)[0]
    case_list = f"/app/schools/{SLUG}/cases/"
    actors = {
        "staff reader": reader(staff, case_list),
        **{f"flood {n}": anonymous_flood(Client(server.host), PATHS, start=n * 100_000) for n in range(FLOODERS)},
    }
    idle = Traffic()
    idle.run({"staff reader": reader(staff, case_list)}, 2)
    traffic = Traffic()
    traffic.run(actors, FLOOD_SECONDS)
    staff_ms = [
        median(o.finished - o.started for o in t.outcomes if o.actor == "staff reader") * 1000 for t in (idle, traffic)
    ]
    print(f"\npublic flood on {served_database.split(':')[0]}: {traffic.summary()}")
    print(f"staff case list p50: {staff_ms[0]:.1f} ms idle, {staff_ms[1]:.1f} ms under the flood (see bench/)")

    staff_answers = [o for o in traffic.outcomes if o.actor == "staff reader"]
    flood = [o for o in traffic.outcomes if o.actor != "staff reader"]
    assert staff_answers and all(o.status == 200 for o in staff_answers), {o.status for o in staff_answers}
    assert not [o for o in flood if o.status is None], "a flood request failed at the connection level"
    unexpected = {o.status for o in flood} - {200, 503}
    assert not unexpected, f"flood answered {unexpected}"
    refused = [o for o in flood if o.status == 503]
    assert refused, "the flood was never bounded: every render ran"
    assert all(o.retry_after and int(o.retry_after) >= 1 for o in refused)
    assert all("Retry-After" not in o.page and "<html" in o.page for o in refused[:5])  # the friendly page
    rendered = {o.path.partition("?")[0] for o in flood if o.status == 200}
    assert {f"/{SLUG}/plan.pdf", f"/{SLUG}/wheel"} <= rendered, "the bound still lets renders through"
