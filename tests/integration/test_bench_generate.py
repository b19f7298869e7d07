"""The benchmark's data set: counted right, refused on a database in use, and usable by the app itself."""

import pytest
from sqlalchemy import func, select

from bench.generate import DatabaseNotEmpty, generate
from intranet.auth.models import User
from intranet.cases.models import Answer, Case, CaseEvent, CaseMember, ChecklistRun
from intranet.contacts.models import ContactPerson
from intranet.extensions import db
from intranet.formsadmin.default_forms import load_default_forms
from intranet.formsadmin.models import FormDocument, FormVersion
from intranet.plans.models import Plan, PlanRevision
from intranet.schools.models import School

from ..conftest import _fresh_postgres_database, make_app

SIZES = {"schools": 3, "staff_per_school": 3, "cases_per_school": 8, "answers_per_case": 5, "events_per_case": 6}


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_database(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'bench.db'}"
    return _fresh_postgres_database(request.getfixturevalue("postgres_url"), "intranet_bench")


@pytest.fixture
def generated(empty_database, tmp_path):
    manifest = generate(empty_database, **SIZES)
    app = make_app(empty_database, tmp_path)
    yield manifest, app
    with app.app_context():
        db.engine.dispose()


def test_manifest_counts_are_the_rows_in_the_database_at_the_asked_densities(generated):
    manifest, app = generated
    with app.app_context():
        counted = {t.name: db.session.scalar(select(func.count()).select_from(t)) for t in db.metadata.sorted_tables}
        members_per_case = db.session.execute(select(func.count()).select_from(CaseMember).group_by(CaseMember.case_id))
        references = db.session.execute(select(Case.school_id, Case.year, Case.number)).all()
        pinned_elsewhere = db.session.scalar(
            select(func.count())
            .select_from(ChecklistRun)
            .join(Case)
            .join(FormVersion, FormVersion.id == ChecklistRun.form_version_id)
            .join(FormDocument)
            .where(FormDocument.school_id != Case.school_id)
        )
    assert manifest["counts"] == counted
    assert counted["school"] == manifest["schools"] == 3
    assert counted["plan_revision"] == counted["plan"] == 3
    assert counted["user_account"] == counted["membership"] == 3 * (1 + 3) + 1, (
        "rector and staff per school, one org admin"
    )
    assert counted["case_file"] == 3 * 8 and counted["case_event"] == 3 * 8 * 6
    assert 3 * 8 * 3 <= counted["case_answer"] <= 3 * 8 * 5
    shipped_forms = len(load_default_forms())
    assert counted["form_version"] == counted["form_document"] == shipped_forms * (1 + 3), "the org's and each school's"
    assert all(count >= 1 for (count,) in members_per_case)
    assert pinned_elsewhere == 0, "every run is pinned to a checklist version of its own school"
    assert len(set(references)) == len(references) == 24


def test_the_staff_member_of_the_sample_opens_the_sample_case_and_ticks_a_step(generated):
    manifest, app = generated
    sample = manifest["sample"]
    slug, case_id, run_id = sample["school_slug"], sample["case_id"], sample["run_id"]
    assert len(sample["tick_keys"]) >= 5 and case_id in sample["open_case_ids"]
    with app.app_context():
        school_id = db.session.scalar(select(School.id).where(School.slug == slug))
        revision = db.session.scalar(select(PlanRevision).join(Plan).where(Plan.school_id == school_id))
        contacts = select(ContactPerson.name).where(ContactPerson.school_id == school_id)
        rector = db.session.scalar(contacts.order_by(ContactPerson.position).limit(1))
    client = app.test_client()
    front = client.get(f"/{slug}/?lang=nb")
    assert front.status_code == 200 and rector in front.get_data(as_text=True)
    first_section = next(section for section in revision.sections if section["public"])
    assert first_section["title"]["nb"] in client.get(f"/{slug}/plan?lang=nb").get_data(as_text=True)
    signed_in = client.post("/auth/login", data={"email": sample["staff_email"], "password": manifest["password"]})
    assert signed_in.status_code == 302 and signed_in.location == "/app/"
    assert client.get(f"/app/schools/{slug}/cases/").status_code == 200
    for other_case in sample["open_case_ids"]:
        assert client.get(f"/app/schools/{slug}/cases/{other_case}").status_code == 200
    page = client.get(f"/app/schools/{slug}/cases/{case_id}").get_data(as_text=True)
    for key in sample["tick_keys"]:
        assert f'name="r{run_id}-{key}"' in page
    key = sample["tick_keys"][0]
    ticked = client.post(
        f"/app/schools/{slug}/cases/{case_id}/runs/{run_id}/fields/{key}", data={f"r{run_id}-{key}": "y"}
    )
    assert ticked.status_code == 303
    with app.app_context():
        answer = db.session.scalar(select(Answer).where(Answer.run_id == run_id, Answer.field_key == key))
        staff = db.session.scalar(select(User).where(User.email == sample["staff_email"]))
        newest = db.session.scalar(select(CaseEvent).where(CaseEvent.case_id == case_id).order_by(CaseEvent.id.desc()))
    assert answer.value is True and answer.answered_by_id == staff.id
    assert (newest.kind, newest.data["field"], newest.user_id) == ("answered", key, staff.id)


def test_a_database_that_has_tables_is_refused_unless_reset(generated, empty_database):
    manifest, _app = generated
    with pytest.raises(DatabaseNotEmpty):
        generate(empty_database, **SIZES)
    again = generate(empty_database, **SIZES, reset=True)
    assert again["counts"] == manifest["counts"]
