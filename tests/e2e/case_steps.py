"""Cases the browser tests make for themselves, and small steps on the case page.

The tests that work through the demo school's checklists open their own cases at Fjordvik (each
with a random label, so lists can be searched for it). The pages the accessibility tests check are
cases at a school of their own ("sakstest"), made once per session straight in the database, so the
demo school's dashboards and lists stay as they are whatever order the tests run in.
"""

import re
import secrets
import threading
import time
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

from .plan_data import add_school

CASE_URL = re.compile(r"^/app/schools/(?P<slug>[^/]+)/cases/(?P<id>\d+)$")


@dataclass(frozen=True)
class CaseInfo:
    slug: str
    id: int
    run_id: int
    reference: str
    label: str

    @property
    def url(self) -> str:
        return f"/app/schools/{self.slug}/cases/{self.id}"

    def step_url(self, key: str) -> str:
        return f"{self.url}/runs/{self.run_id}/fields/{key}"


def unique_label(prefix: str) -> str:
    return f"{prefix} {secrets.token_hex(3)}"


# ---------------------------------------------------------------- straight in the database


def _user(email: str):
    from intranet.auth.models import User
    from intranet.extensions import db

    return db.session.scalar(db.select(User).where(User.email == email))


def _school(slug: str):
    from intranet.extensions import db
    from intranet.schools.models import School

    return db.session.scalar(db.select(School).where(School.slug == slug))


def make_case(
    live_server,
    *,
    slug: str,
    opener: str,
    checklist: str = "intoxicated_at_school",
    label: str = "",
    answers: dict | None = None,
    notes: dict | None = None,
    answered_by: str | None = None,
    closing_note: str | None = None,
    closed_by: str | None = None,
    days_ago: int = 0,
) -> CaseInfo:
    """A case opened by `opener` on the school's published `checklist` (its key), as the operations
    behind the pages do it: `answers` and `notes` (field key → value) are given by `answered_by`
    (the opener by default), then the case is closed when `closing_note` is given. `days_ago` moves
    the opening back in time, so steps with a due time are overdue."""
    from intranet.cases import operations as ops
    from intranet.cases.views import published_checklists
    from intranet.extensions import db

    with live_server.app.app_context():
        school = _school(slug)
        version = next(v for v in published_checklists(school) if v.definition["key"] == checklist)
        user = _user(opener)
        case = ops.open_case(school, version, user=user, label=label)
        if days_ago:
            case.opened_at -= timedelta(days=days_ago)
        run = case.runs[0]
        worker = _user(answered_by) if answered_by else user
        for key, value in (answers or {}).items():
            ops.answer_field(run, key, value, user=worker)
            db.session.expire(run, ["answers"])
        for key, note in (notes or {}).items():
            ops.note_field(run, key, note, user=worker)
            db.session.expire(run, ["answers"])
        if closing_note is not None:
            ops.close_case(case, note=closing_note, user=_user(closed_by) if closed_by else user)
        db.session.commit()
        return CaseInfo(slug, case.id, run.id, case.reference, label)


def stored_answers(live_server, case_id: int) -> dict:
    """field key → (value, name of who answered, note) for every answer row on the case's runs."""
    from intranet.cases.models import Answer, ChecklistRun
    from intranet.extensions import db

    with live_server.app.app_context():
        rows = db.session.scalars(db.select(Answer).join(ChecklistRun).where(ChecklistRun.case_id == case_id)).all()
        return {row.field_key: (row.value, row.answered_by.name if row.answered_by else None, row.note) for row in rows}


def case_status(live_server, case_id: int) -> str:
    from intranet.cases.models import Case
    from intranet.extensions import db

    with live_server.app.app_context():
        return db.session.get(Case, case_id).status


# ---------------------------------------------------------------- a school of its own for the page catalogue

CASES_SCHOOL = "sakstest"
CASES_RECTOR = "rektor.sakstest@example.no"
CASES_STAFF = "larer.sakstest@example.no"
OPEN_CASE_LABEL = "9C, tirsdag"
STAFF_CASE_LABEL = "10A, fredag"
CLOSED_CASE_LABEL = "8B, onsdag"


def ensure_school_with_cases(live_server) -> None:
    """Made once per test session: a school that has adopted and published the municipality's
    checklists, contact persons to call, and three cases: one open and overdue with answers and a
    note (the rector's), one a staff member opened, and one closed."""
    from intranet.auth.models import Membership, Role, User
    from intranet.contacts.models import ContactPerson, ContactRole
    from intranet.extensions import db
    from intranet.formsadmin import operations as forms_ops

    with live_server.app.app_context():
        if _school(CASES_SCHOOL) is not None:
            return
    add_school(live_server, slug=CASES_SCHOOL, rector=CASES_RECTOR)
    with live_server.app.app_context():
        school = _school(CASES_SCHOOL)
        rector = _user(CASES_RECTOR)
        for version in forms_ops.templates_for(school):
            form = forms_ops.copy_template(school, version, user=rector)
            forms_ops.publish(form, note="Tatt i bruk", user=rector)
        staff = User(email=CASES_STAFF, name="Lars Lærer", password_hash=rector.password_hash)
        staff.memberships.append(Membership(role=Role.STAFF, school_id=school.id))
        db.session.add(staff)
        for position, (name, role, phone) in enumerate(
            [("Rita Rektor", "rector", "+4791111111"), ("Hanne Helse", "school_nurse", "+4792222222")]
        ):
            contact = ContactPerson(school_id=school.id, name=name, title={"nb": name}, phone=phone, position=position)
            contact.role_links = [ContactRole(role_key=role)]
            db.session.add(contact)
        db.session.commit()
    make_case(
        live_server,
        slug=CASES_SCHOOL,
        opener=CASES_RECTOR,
        label=OPEN_CASE_LABEL,
        answers={"stay_with_student": True, "life_in_danger": False, "age_band": "under_18"},
        notes={"stay_with_student": "Eleven satt på helserommet med kontaktlærer."},
        days_ago=10,
    )
    make_case(live_server, slug=CASES_SCHOOL, opener=CASES_STAFF, checklist="suspicion", label=STAFF_CASE_LABEL)
    make_case(
        live_server,
        slug=CASES_SCHOOL,
        opener=CASES_RECTOR,
        label=CLOSED_CASE_LABEL,
        answers={"stay_with_student": True, "life_in_danger": False, "age_band": "adult_18_plus", "sent_home": False},
        notes={"sent_home": "Eleven ble på skolen resten av dagen."},
        closing_note="Fulgt opp med samtale. Ingen melding.",
    )


def case_in_list(label: str):
    """follow(page) on a cases list: the URL of the case with this label."""

    def follow(page) -> str:
        return page.locator("main .case-list a").filter(has_text=label).get_attribute("href")

    return follow


# ---------------------------------------------------------------- on the case page


def case_of(page, label: str = "") -> CaseInfo:
    """The case the page shows (its URL, its first checklist run and the reference in its heading)."""
    found = CASE_URL.match(urlsplit(page.url).path)
    assert found, f"not on a case page: {page.url}"
    run_id = int(page.locator("main section.run").first.get_attribute("id").removeprefix("run-"))
    reference = re.search(r"\d{4}-\d{3,}", page.locator("main h1").inner_text()).group(0)
    return CaseInfo(found["slug"], int(found["id"]), run_id, reference, label)


def step(page, key: str):
    """A step on the case page by its field key (whatever the run)."""
    return page.locator(f"main section.run [id^='step-'][id$='-{key}']:not([hidden])")


def csrf_token(page) -> str:
    """The CSRF token of the signed-in page (every signed-in page has the sign-out form)."""
    return page.locator("form input[name=csrf_token]").first.get_attribute("value")


class HeldRequests:
    """Holds the server's answers to some POSTs until `count` of them have arrived, so requests from
    different browsers are being handled at the same moment (none has had its answer yet)."""

    def __init__(self, paths: set[str], count: int, timeout: float = 10.0):
        self.paths = paths
        self.barrier = threading.Barrier(count, timeout=timeout)
        self.held: list[str] = []
        self.broken = False

    def wrap(self, wsgi_app):
        def held(environ, start_response):
            if environ["REQUEST_METHOD"] == "POST" and environ["PATH_INFO"] in self.paths:
                self.held.append(environ["PATH_INFO"])
                try:
                    self.barrier.wait()
                except threading.BrokenBarrierError:
                    self.broken = True
            return wsgi_app(environ, start_response)

        return held


class SlowAnswers:
    """Makes the server take `seconds` longer over POSTs to a path containing `part`, as on a slow
    mobile connection."""

    def __init__(self, part: str, seconds: float):
        self.part = part
        self.seconds = seconds

    def wrap(self, wsgi_app):
        def slow(environ, start_response):
            if environ["REQUEST_METHOD"] == "POST" and self.part in environ["PATH_INFO"]:
                time.sleep(self.seconds)
            return wsgi_app(environ, start_response)

        return slow


def add_school_with_checklist(live_server, definition: dict, contacts: tuple = ()):
    """A fresh school (its rector signs in with the demo password) that has published `definition`,
    with contact persons (name, role key, phone); returns the school (`SchoolInfo`)."""
    from intranet.contacts.models import ContactPerson, ContactRole
    from intranet.extensions import db
    from intranet.formsadmin import operations as forms_ops

    school = add_school(live_server)
    with live_server.app.app_context():
        found = _school(school.slug)
        rector = _user(school.rector)
        form = forms_ops.import_form(found, definition, user=rector)
        forms_ops.publish(form, note="Første versjon", user=rector)
        for position, (name, role, phone) in enumerate(contacts):
            contact = ContactPerson(school_id=found.id, name=name, title={"nb": name}, phone=phone, position=position)
            contact.role_links = [ContactRole(role_key=role)]
            db.session.add(contact)
        db.session.commit()
    return school
