"""A case reference is never given out twice at a school: not after a purge, not to two cases opened at once."""

import threading
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, text

from intranet import migrating
from intranet.auth.models import Role
from intranet.cases import lifecycle
from intranet.cases import operations as ops
from intranet.cases.models import Case, CaseCounter
from intranet.extensions import db as _db
from intranet.schools.models import Organisation, School, SchoolKind

from ...conftest import make_app, session_id_for
from ..test_migrations import fresh_url


def test_a_purged_cases_reference_is_not_given_out_again(app, world, db, cases, school_form):
    closed = db.session.get(Case, world.closed_case_id)
    purged_reference = closed.reference
    closed.closed_at = closed.closed_at - timedelta(days=world.school.case_retention_days + 1)
    closed.filed_at = closed.closed_at  # filed in the archive: purge deletes only filed cases
    db.session.commit()
    assert "1 expired case(s) deleted" in app.test_cli_runner().invoke(args=["purge-cases"]).output
    again = ops.open_case(world.school, school_form.latest, user=world.users["staff"])
    db.session.commit()
    assert again.reference != purged_reference and again.number == 3


def test_each_school_and_year_counts_on_its_own(world, db, cases, school_form, monkeypatch):
    staff, version = world.users["staff"], school_form.latest
    this_year = db.session.get(Case, world.case_id).year
    other = ops.open_case(world.other_school, version, user=staff)
    monkeypatch.setattr(lifecycle, "utcnow", lambda: datetime(this_year + 1, 1, 1, 12, tzinfo=UTC))
    next_year = ops.open_case(world.school, version, user=staff)
    db.session.commit()
    assert (other.reference, next_year.reference) == (f"{this_year}-001", f"{this_year + 1}-001")
    counters = {(c.school_id, c.year): c.last_number for c in db.session.scalars(select(CaseCounter))}
    assert counters == {
        (world.school.id, this_year): 2,
        (world.school.id, this_year + 1): 1,
        (other.school_id, this_year): 1,
    }


def test_cases_opened_at_the_same_moment_get_different_references(app, world, db, school_form, create_user):
    """Eight people open a case at once (on PostgreSQL too): eight different numbers, none refused."""
    people = [session_id_for(create_user(Role.STAFF, school=world.school, email=f"p{i}@example.no")) for i in range(8)]
    url = f"/app/schools/{world.school.slug}/cases/new"
    data = {"checklist": str(school_form.latest.id)}
    barrier = threading.Barrier(len(people))
    statuses = []

    def open_one(person):
        client = app.test_client()
        with client.session_transaction() as session:
            session["_user_id"], session["_fresh"] = person, True
        barrier.wait(timeout=30)
        statuses.append(client.post(url, data=data).status_code)

    threads = [threading.Thread(target=open_one, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    db.session.close()  # the test's own connection must not sit idle in a transaction meanwhile
    for thread in threads:
        thread.join(timeout=60)
    assert statuses == [303] * len(people)
    assert sorted(db.session.scalars(select(Case.number))) == list(range(1, len(people) + 1))


def test_the_migration_starts_each_counter_after_the_cases_already_there(database_url, tmp_path):
    application = make_app(fresh_url(database_url, tmp_path), tmp_path)
    with application.app_context():
        migrating.upgrade()
        try:
            org = Organisation(name="K", slug="k")
            first, second = (School(organisation=org, name=n, slug=n, kind=SchoolKind.PRIMARY) for n in ("s1", "s2"))
            existing = [(first, 2025, 7), (first, 2026, 2), (first, 2026, 5), (second, 2026, 1)]
            _db.session.add_all(Case(school=school, year=year, number=number) for school, year, number in existing)
            _db.session.commit()
            migrating.downgrade(revision="7c3e2a9d41b0")  # back to before the counter, cases kept
            migrating.upgrade()
            rows = _db.session.execute(text("SELECT school_id, year, last_number FROM case_counter")).all()
            assert sorted(tuple(row) for row in rows) == [
                (first.id, 2025, 7),
                (first.id, 2026, 5),
                (second.id, 2026, 1),
            ]
        finally:
            _db.session.remove()
            _db.engine.dispose()
