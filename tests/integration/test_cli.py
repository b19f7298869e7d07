"""Command-line tasks: demo data and the first administrator."""

from sqlalchemy import func, select

from intranet.auth.models import Membership, Role, User
from intranet.demo import DEMO_PASSWORD
from intranet.schools.models import Organisation, School, SchoolKind


def test_seed_demo_creates_a_municipality_with_three_kinds_of_school(app, db):
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    assert "rektor.fjordvik@example.no" in result.output
    assert db.session.scalar(select(func.count()).select_from(Organisation)) == 1
    kinds = set(db.session.scalars(select(School.kind)))
    assert kinds == {SchoolKind.LOWER_SECONDARY, SchoolKind.UPPER_SECONDARY, SchoolKind.PRIMARY}
    roles = set(db.session.scalars(select(Membership.role)))
    assert roles == {Role.ORG_ADMIN, Role.SCHOOL_ADMIN, Role.STAFF}


def test_seed_demo_twice_changes_nothing(app, db):
    runner = app.test_cli_runner()
    runner.invoke(args=["seed-demo"])
    users = db.session.scalar(select(func.count()).select_from(User))
    result = runner.invoke(args=["seed-demo", "--if-empty"])
    assert result.exit_code == 0 and "already has data" in result.output
    assert db.session.scalar(select(func.count()).select_from(User)) == users


def test_demo_roles_see_what_they_may_and_nothing_more(app, db):
    app.test_cli_runner().invoke(args=["seed-demo"])

    def signed_in(email):
        client = app.test_client()
        assert client.post("/auth/login", data={"email": email, "password": DEMO_PASSWORD}).status_code == 302
        return client

    rector = signed_in("rektor.fjordvik@example.no")
    assert rector.get("/app/schools/fjordvik-us/people").status_code == 200
    assert rector.get("/app/schools/lyngheia-vgs/people").status_code == 404
    assert rector.get("/app/schools/new").status_code == 404
    teacher = signed_in("larer.fjordvik@example.no")
    assert teacher.get("/app/schools/fjordvik-us/people").status_code == 403
    assert "People and invitations" not in teacher.get("/app/?lang=en").get_data(as_text=True)
    municipality = signed_in("kommune@example.no")
    assert municipality.get("/app/schools/new").status_code == 200
    for slug in ("fjordvik-us", "lyngheia-vgs", "bekkely"):
        assert municipality.get(f"/app/schools/{slug}/people").status_code == 200


def test_create_admin_makes_an_org_admin(app, db):
    result = app.test_cli_runner().invoke(
        args=[
            "create-admin",
            "--email",
            "Ada@Example.no",
            "--name",
            "Ada Admin",
            "--organisation",
            "Nyby kommune",
            "--slug",
            "nyby",
        ],
        input="Et langt og godt passord\nEt langt og godt passord\n",
    )
    assert result.exit_code == 0, result.output
    user = db.session.scalar(select(User).where(User.email == "ada@example.no"))
    assert [(m.role, m.organisation.slug) for m in user.memberships] == [(Role.ORG_ADMIN, "nyby")]


def test_create_admin_refuses_a_weak_password_and_writes_nothing(app, db):
    result = app.test_cli_runner().invoke(
        args=[
            "create-admin",
            "--email",
            "ada@example.no",
            "--name",
            "Ada",
            "--organisation",
            "Nyby kommune",
            "--slug",
            "nyby",
        ],
        input="kort\nkort\n",
    )
    assert result.exit_code != 0
    assert db.session.scalar(select(func.count()).select_from(User)) == 0
    assert db.session.scalar(select(func.count()).select_from(Organisation)) == 0
