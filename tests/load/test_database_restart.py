"""PostgreSQL restarted under load: while it is down every request gets the short 503 page in its
language (never a raw 500), nothing is half written, and the app recovers by itself once it is back.

A parent's public page is the exception for its first second: a worker that read the freshness
stamp less than PUBLIC_CACHE_STAMP_SECONDS ago still answers it from memory (it is that fresh)."""

import time

from .client import Client
from .scenario import seed, stored_steps
from .traffic import OWN_STEPS, Traffic, parent, sign_in_staff, staff_at_work, write_problems

UNAVAILABLE = {
    "nb": "Tjenesten er utilgjengelig en kort stund. Prøv igjen om et øyeblikk.",
    "en": "The service is briefly unavailable, try again in a moment.",
}
SECONDS_PER_PHASE = 2  # up, down, up again
STAMP_SECONDS = 1.0  # the default PUBLIC_CACHE_STAMP_SECONDS, which the production settings keep


def test_while_postgresql_restarts_requests_get_503_and_the_app_recovers_by_itself(
    restartable_cluster, serve, tmp_path
):
    database = restartable_cluster
    scenario = seed(database.url, tmp_path)
    server = serve(database.url)
    staff = sign_in_staff(server.host, scenario)
    actors = staff_at_work(staff, scenario, OWN_STEPS)
    actors |= {"parent nb": parent(Client(server.host, "nb")), "parent en": parent(Client(server.host, "en"))}
    traffic = Traffic()
    traffic.start(actors)
    time.sleep(SECONDS_PER_PHASE)
    database.stop()
    down = time.monotonic()
    time.sleep(SECONDS_PER_PHASE)
    coming_back = time.monotonic()
    database.start()
    back = time.monotonic()
    time.sleep(SECONDS_PER_PHASE)
    traffic.stop()
    failed = traffic.failures()
    print(f"\ndatabase restarted: {traffic.summary()}; failed: {len(failed)}")

    other = [(o.actor, o.path, o.status, o.error or o.page[:200]) for o in failed if o.status != 503]
    assert not other, f"{len(other)} requests failed otherwise than with the 503 page, e.g. {other[:3]}"
    while_down = [o for o in traffic.outcomes if down < o.started and o.finished < coming_back]
    from_memory = [o for o in while_down if o.status == 200]
    assert all(o.actor.startswith("parent") and o.started < down + STAMP_SECONDS for o in from_memory), (
        "only a parent's public page, in the first second, is answered without the database"
    )
    assert any(o.status == 503 for o in while_down) and all(o.status in (200, 503) for o in while_down)
    assert {o.actor for o in while_down if o.started > down + STAMP_SECONDS and o.status == 503} >= {
        "parent nb",
        "parent en",
    }, "after that second parents get the 503 page too"
    for outcome in failed:
        assert UNAVAILABLE[outcome.language] in outcome.page and outcome.retry_after.isdigit()
    after = [o for o in traffic.outcomes if o.started > back]
    assert after and all(o.acknowledged for o in after), "the first requests after the restart already work"
    assert any(o.acknowledged and o.step for o in after), "staff can tick again"
    assert write_problems(traffic.outcomes, stored_steps(database.url, tmp_path)) == []
