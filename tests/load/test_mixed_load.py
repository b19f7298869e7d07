"""Parents reading and staff ticking at the same moment, on gunicorn with four workers: no server
error, and every acknowledged tick is in the database as the last one left it."""

from .client import Client
from .scenario import seed, stored_steps
from .traffic import OWN_STEPS, Traffic, parent, sign_in_staff, staff_at_work, write_problems

LOAD_SECONDS = 5


def test_parents_and_staff_at_once_get_no_server_error_and_every_acknowledged_tick_is_stored(
    served_database, serve, tmp_path
):
    scenario = seed(served_database, tmp_path)
    server = serve(served_database)
    staff = sign_in_staff(server.host, scenario)
    work = {
        **OWN_STEPS,
        "staff2 a.step_3": (2, "a", "step_3"),  # a third person on case a
        "staff0 a.step_4": (0, "a", "step_4"),  # the same step ticked by two people
        "staff1 a.step_4": (1, "a", "step_4"),
    }
    actors = {
        "parent nb": parent(Client(server.host, "nb")),
        "parent en": parent(Client(server.host, "en")),
        **staff_at_work(staff, scenario, work),
    }
    traffic = Traffic()
    traffic.run(actors, LOAD_SECONDS)
    print(f"\nmixed load on {served_database.split(':')[0]}: {traffic.summary()}")

    failed = [(o.actor, o.path, o.status, o.error or o.page[:200]) for o in traffic.failures()]
    assert not failed, f"{len(failed)} requests were not answered with 200, e.g. {failed[:3]}"
    assert {o.actor for o in traffic.outcomes} == set(actors), "every parent and staff member was served"
    assert write_problems(traffic.outcomes, stored_steps(served_database, tmp_path)) == []
