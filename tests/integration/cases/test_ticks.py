"""A tick on a phone: one parse of the request, plain values to the operation, a fixed few statements."""

from ...conftest import login_as
from .test_cases import answer_url

TICK_STATEMENTS = 8  # session, school, case with runs, members, answers; the answer, the event; contacts


def _statements(counter) -> list[str]:
    """What the request sent, leaving out SQLite's BEGIN (PostgreSQL's driver sends none)."""
    return [statement for statement in counter.statements if not statement.startswith("BEGIN")]


def test_a_tick_takes_a_fixed_few_statements_whether_it_inserts_or_changes_the_answer(
    client, world, db, cases, query_counter
):
    login_as(client, world.users["staff"])
    htmx = {"HX-Request": "true"}
    client.post(answer_url(world, "age"), data={f"r{world.run_id}-age": "under_18"}, headers=htmx)
    counts = []
    for value in ("y", None, "y"):  # the first inserts the answer row, the others change it
        data = {f"r{world.run_id}-call_guardians": value} if value else {}
        with query_counter() as counter:
            response = client.post(answer_url(world, "call_guardians"), data=data, headers=htmx)
        assert response.status_code == 200
        statements = _statements(counter)
        assert not any(statement.startswith("SAVEPOINT") for statement in statements)
        counts.append(len(statements))
    assert counts == [TICK_STATEMENTS] * 3
