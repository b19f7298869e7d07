"""The data the load tests work on, built with the app's own code, and what the database holds afterwards."""

import secrets
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from intranet import create_app, migrating
from intranet.auth.models import Membership, Role, User
from intranet.cases import operations as case_ops
from intranet.cases.models import Answer, CaseEvent
from intranet.extensions import db
from intranet.formsadmin import operations as form_ops
from intranet.plans import operations as plan_ops
from intranet.plans import template_operations as template_ops
from intranet.schools.models import Organisation, School, SchoolKind

from ..conftest import PASSWORD, PASSWORD_HASH

SLUG = "lastvik-us"
STEP_KEYS = [f"step_{number}" for number in range(1, 7)]
DRILL_CHECKLIST = {
    "key": "drill",
    "kind": "checklist",
    "default_language": "nb",
    "title": {"nb": "Øvelse", "en": "Drill"},
    "fields": [
        {"key": key, "type": "check", "label": {"nb": f"Steg {key[-1]}", "en": f"Step {key[-1]}"}} for key in STEP_KEYS
    ],
}
# Who is on which case: the first named opens it. Case "a" is worked by everyone at once.
CASES = {"a": [0, 1, 2], "b": [1], "c": [2]}


@dataclass(frozen=True)
class Step:
    """One checklist field of one case's run: what a staff member ticks."""

    case_id: int
    run_id: int
    key: str

    @property
    def path(self) -> str:
        return f"/app/schools/{SLUG}/cases/{self.case_id}/runs/{self.run_id}/fields/{self.key}"

    @property
    def case_path(self) -> str:
        return f"/app/schools/{SLUG}/cases/{self.case_id}"


@dataclass
class Scenario:
    staff: list[str]  # email addresses; all share PASSWORD
    cases: dict[str, tuple[int, int]]  # name: (case id, run id)
    password: str = PASSWORD

    def step(self, case: str, key: str) -> Step:
        case_id, run_id = self.cases[case]
        return Step(case_id, run_id, key)


def app_for(database_url: str, folder: Path):
    """The app in this process, configured as production would be, to set up and read the database."""
    return create_app(
        {
            "SQLALCHEMY_DATABASE_URI": database_url,
            "SECRET_KEY": secrets.token_hex(32),
            "PUBLIC_BASE_URL": "http://127.0.0.1",
            "MAIL_OUTBOX_DIR": str(folder / "outbox"),
        }
    )


def seed(database_url: str, folder: Path) -> Scenario:
    """Migrate, then a municipality with a school, its rector and three staff, a published plan, the
    drill checklist and three open cases (see CASES)."""
    app = app_for(database_url, folder)
    with app.app_context():
        migrating.upgrade()
        organisation = Organisation(name="Lastvik kommune", slug="lastvik")
        school = School(
            organisation=organisation, name="Lastvik ungdomsskole", slug=SLUG, kind=SchoolKind.LOWER_SECONDARY
        )
        rector = person("rektor@lastvik.no", "Rita Rektor", Role.SCHOOL_ADMIN, school)
        staff = [person(f"ansatt{n}@lastvik.no", f"Ansatt {n}", Role.STAFF, school) for n in range(3)]
        db.session.add_all([organisation, school, rector, *staff])
        db.session.flush()
        template_ops.install_default_template(organisation)
        plan_ops.publish_plan(plan_ops.create_plan(school, rector), rector, "Første utgave")
        form = form_ops.import_form(school, DRILL_CHECKLIST, user=rector)
        version = form_ops.publish(form, note="Første", user=rector)
        cases = {}
        for name, members in CASES.items():
            opener, *others = (staff[n] for n in members)
            case = case_ops.open_case(school, version, user=opener, label=f"Sak {name}")
            for member in others:
                case_ops.add_member(case, member, user=opener)
            cases[name] = (case.id, case.runs[0].id)
        db.session.commit()
        emails = [user.email for user in staff]
        db.engine.dispose()
    return Scenario(staff=emails, cases=cases)


def person(email: str, name: str, role: Role, school: School) -> User:
    user = User(email=email, name=name, password_hash=PASSWORD_HASH)
    user.memberships.append(Membership(role=role, school=school))
    return user


@dataclass
class Stored:
    """What the database holds for one step: the answer row's value and the "answered" events, oldest first."""

    has_row: bool
    value: object
    events: list


def stored_steps(database_url: str, folder: Path) -> dict[tuple[int, str], Stored]:
    """Every (run id, field key) with an answer row or an "answered" event."""
    app = app_for(database_url, folder)
    with app.app_context():
        stored: dict[tuple[int, str], Stored] = {}
        for answer in db.session.scalars(select(Answer)):
            stored[(answer.run_id, answer.field_key)] = Stored(True, answer.value, [])
        answered = select(CaseEvent).where(CaseEvent.kind == "answered").order_by(CaseEvent.id)
        for event in db.session.scalars(answered):
            key = (event.data["run"], event.data["field"])
            stored.setdefault(key, Stored(False, None, [])).events.append(event.data["value"])
        db.engine.dispose()
    return stored
