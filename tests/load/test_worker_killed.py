"""A gunicorn worker killed in the middle of writes: the master starts another, the service keeps
answering, and no acknowledged tick is lost. Only the request the killed worker was serving fails."""

import os
import signal
import time

from .client import Client
from .scenario import seed, stored_steps
from .traffic import OWN_STEPS, Traffic, parent, sign_in_staff, staff_at_work, write_problems

KILLS = 2
SECONDS_BETWEEN_KILLS = 1.5


def test_a_killed_worker_is_replaced_and_no_acknowledged_tick_is_lost(served_database, serve, tmp_path):
    scenario = seed(served_database, tmp_path)
    server = serve(served_database)
    staff = sign_in_staff(server.host, scenario)
    actors = staff_at_work(staff, scenario, OWN_STEPS)
    actors["parent"] = parent(Client(server.host, "nb"))
    traffic = Traffic()
    traffic.start(actors)
    killed, kill_times = set(), []
    for _ in range(KILLS):
        time.sleep(SECONDS_BETWEEN_KILLS)
        victim = min(server.worker_pids() - killed)
        os.kill(victim, signal.SIGKILL)
        killed.add(victim)
        kill_times.append(time.monotonic())
    replaced = server.wait_for_workers(gone=killed)
    time.sleep(SECONDS_BETWEEN_KILLS)
    traffic.stop()
    cut = [o for o in traffic.failures() if o.status is None]
    print(f"\nworkers killed on {served_database.split(':')[0]}: {traffic.summary()}; cut off: {len(cut)}")

    assert len(replaced) == server.workers and not replaced & killed, "the master started new workers"
    answered = [(o.actor, o.path, o.status, o.page[:200]) for o in traffic.failures() if o.status is not None]
    assert not answered, f"{len(answered)} requests got an error answer, e.g. {answered[:3]}"
    assert len(cut) <= KILLS, "a sync worker serves one request at a time: only that one may be cut off"
    assert any(o.acknowledged and o.started > kill_times[-1] for o in traffic.outcomes), "still answering"
    assert write_problems(traffic.outcomes, stored_steps(served_database, tmp_path)) == []
