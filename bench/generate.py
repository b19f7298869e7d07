"""A large, realistic data set for benchmarks, in the app's own schema (built by its migrations).

    python -m bench.generate --database-url sqlite:////tmp/bench.db [--schools N | --national] [--reset]

The organisations' plan templates and shipped checklists, and the first school's published plan and
checklist copies, are made by the app's own operations. Every other school gets bulk copies of those
rows; people, contacts, cases, checklist runs, answers and events are inserted in batches with ids
chosen here, so no row waits on a round trip of its own. Every generated person has the same password.
All names are invented.
"""

import argparse
import json
import random
import secrets
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import Table, create_engine, func, insert, inspect, select
from sqlalchemy.engine import make_url

from forms import Definition, InvalidAnswer, evaluate
from intranet import create_app, migrating
from intranet.auth.models import Membership, Role, User
from intranet.auth.passwords import hash_password
from intranet.cases.models import CLOSED, OPEN, Answer, Case, CaseEvent, CaseMember, ChecklistRun
from intranet.cases.operations import OSLO
from intranet.config import database_url_from_env
from intranet.contacts.models import ContactPerson, ContactRole, ExternalService
from intranet.contacts.operations import normalised_phone
from intranet.db import utcnow
from intranet.extensions import db
from intranet.formsadmin.models import FormDocument, FormVersion
from intranet.formsadmin.operations import copy_template, install_default_forms, publish, templates_for
from intranet.plans.models import Plan, PlanRevision, PlanSection, PlanTemplate, TemplateVersion
from intranet.plans.operations import create_plan, install_default_template, publish_plan
from intranet.schools.models import Organisation, School, SchoolKind

PASSWORD = "bench-rusplan-2026"  # noqa: S105 - shared by every generated account, written to the manifest
DEFAULT_MANIFEST = Path(__file__).parent / "out" / "manifest.json"
NATIONAL = {"schools": 3000, "organisations": 350}
BATCH = 10_000  # rows held before they are inserted
DAY = 86_400.0
OPEN_SHARE = 0.2  # the newest fifth of a school's cases are still open (and a few stale older ones)
SAMPLE_TICKS = 6  # check items left unanswered on the sample run, for the benchmark to tick


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


FIRST_NAMES = _words(
    "Ingrid Ola Kari Per Sigrid Jonas Nora Emil Ida Magnus Thea Henrik Sofie Lars Marte Anders Hanne Erik "
    "Silje Tobias Amir Fatima Leah Jakob Maja Sander Tiril Even Astrid Mohammed Linnea Sindre Vilde Ali"
)
LAST_NAMES = _words(
    "Hansen Johansen Olsen Larsen Andersen Pedersen Nilsen Kristiansen Jensen Karlsen Berg Haugen Bakke Lie "
    "Strand Dahl Moen Holm Lunde Solberg Haddad Ahmed Nguyen Eide Myhre Aasen Vik Sæther Tveit Rønning"
)
PLACE_STARTS = _words(
    "Fjord Lyng Bekke Nord Sør Aust Vest Stein Furu Bjørke Elve Holme Sol Skog Myr Berg Sand Strand Eik "
    "Gran Hav Li Ros Kvern Foss"
)
PLACE_ENDS = _words("vik dal nes heia by ås berg haug øy sund mo land stad voll")
KINDS = [SchoolKind.PRIMARY] * 11 + [SchoolKind.LOWER_SECONDARY] * 4 + [SchoolKind.COMBINED] * 3
KINDS += [SchoolKind.UPPER_SECONDARY] * 2
KIND_WORDS = {
    SchoolKind.PRIMARY: ("skole", "bs"),
    SchoolKind.LOWER_SECONDARY: ("ungdomsskole", "us"),
    SchoolKind.COMBINED: ("oppvekstsenter", "os"),
    SchoolKind.UPPER_SECONDARY: ("videregående skole", "vgs"),
}
# Contact persons of every school: roles, title, who holds the role, public, phone.
CONTACTS = (
    (["rector"], {"nb": "Rektor", "nn": "Rektor", "en": "Rector"}, "rector", True, "mobile"),
    (["department_head"], {"nb": "Avdelingsleder", "nn": "Avdelingsleiar"}, "staff", True, "mobile"),
    (["social_counsellor", "kjentmann"], {"nb": "Sosialrådgiver", "nn": "Sosialrådgjevar"}, "staff", True, "mobile"),
    (["school_nurse"], {"nb": "Helsesykepleier", "nn": "Helsesjukepleiar"}, "nurse", True, "mobile"),
    (["contact_teacher"], {"nb": "Kontaktlærer 9B", "nn": "Kontaktlærar 9B"}, "staff", False, None),
    (["police_contact"], {"nb": "Politikontakt", "nn": "Politikontakt"}, "police", False, "02800"),
)
SERVICES = (
    ({"nb": "Politiet", "nn": "Politiet", "en": "Police"}, {"nb": "Ikke akutt: tips og råd"}, "02800"),
    ({"nb": "Legevakt", "nn": "Legevakt", "en": "Out-of-hours medical service"}, {"nb": "Når det haster"}, "116117"),
    ({"nb": "Alarmtelefonen for barn og unge"}, {"nb": "Gratis, hele døgnet"}, "116 111"),
    ({"nb": "Barnevernet", "nn": "Barnevernet", "en": "Child welfare service"}, {"nb": "Dagtid"}, "55 12 34 56"),
)
FIRST_CHECKLISTS = {  # how often a case starts with each shipped checklist
    "suspicion": 35,
    "intoxicated_at_school": 20,
    "wondering_conversation": 15,
    "suspicion_persists": 10,
    "confirmed_use_or_sale": 8,
    "suspected_sale": 7,
    "follow_up_after_intoxication": 5,
}
FOLLOW_UPS = {
    "suspicion": "wondering_conversation",
    "wondering_conversation": "suspicion_persists",
    "suspicion_persists": "confirmed_use_or_sale",
    "intoxicated_at_school": "follow_up_after_intoxication",
}
CASE_LABELS = [f"{grade}{group} {day}" for grade in ("7", "8", "9", "10") for group in "ABC" for day in ("man", "ons")]
CASE_LABELS += ["Vg1 ST", "Vg2 HO", "Vg1 BA", "Friminutt", "Skoletur", ""]
TEXTS = (
    "Ringte foresatte, avtalt møte.",
    "Eleven ble sittende hos helsesykepleier.",
    "Sett i kantina etter lunsj.",
    "Drøftet uten navn i elevtjenesten.",
    "Avtalt ny samtale neste uke.",
    "Kontaktlærer følger opp.",
)
CLOSING_NOTES = ("Avsluttet etter oppfølgingsmøte.", "Ingen videre tiltak.", "Overført til barnevernet.", "")


class DatabaseNotEmpty(RuntimeError):
    """The target database already has tables; generating into it would mix data sets."""


@dataclass(frozen=True)
class Sizes:
    schools: int
    organisations: int
    staff_per_school: int
    cases_per_school: int
    answers_per_case: int
    events_per_case: int


@dataclass
class Checklist:
    """A published checklist as the cases use it, with answer sequences someone could give."""

    key: str
    title: dict
    number: int
    labels: dict  # field key -> label in the default language, as the app logs it
    types: dict  # field key -> field type name
    sequences: list  # lists of (field key, value) someone could give; dates are set when answered
    sample_sequence: list  # one such list that leaves the first SAMPLE_TICKS of `check_keys` unanswered
    check_keys: list  # the check items visible before any answer
    definition: Definition


@dataclass
class SchoolRefs:
    id: int
    slug: str
    rector: tuple  # (id, name, email)
    staff: list = field(default_factory=list)  # (id, name, email)
    versions: dict = field(default_factory=dict)  # checklist key -> form_version id


# ---------------------------------------------------------------- rows, inserted in batches


class Rows:
    """Rows waiting per table; inserted in batches, parent tables first, and counted.

    Each value goes through its column's own type once (JSON, UTC timestamps, enums), so it is stored
    as the app stores it; the rows then go straight to the driver (executemany on SQLite, COPY on
    PostgreSQL): SQLAlchemy's bookkeeping per row would cost more than the database's own work.
    """

    def __init__(self, connection, last_ids: dict):
        self.connection, self.last_ids = connection, last_ids
        self.pending: dict[Table, list[dict]] = {}
        self.columns: dict[Table, tuple] = {}
        self.waiting = 0
        self.written: Counter = Counter()

    def add(self, table: Table, **row) -> int | None:
        if "id" in table.c:
            self.last_ids[table.name] += 1
            row["id"] = self.last_ids[table.name]
        self.pending.setdefault(table, []).append(row)
        self.waiting += 1
        if self.waiting >= BATCH:
            self.flush()
        return row.get("id")

    def flush(self) -> None:
        for table in db.metadata.sorted_tables:
            rows = self.pending.pop(table, None)
            if rows:
                statement, names, processors = self.columns.get(table) or self.prepare(table, rows[0])
                pairs = list(zip(names, processors, strict=True))
                values = [
                    tuple(process(row[name]) if process else row[name] for name, process in pairs) for row in rows
                ]
                self.insert(statement, values)
                self.written[table.name] += len(rows)
        self.waiting = 0

    def prepare(self, table: Table, row: dict) -> tuple:
        """The statement, its columns in order and each column's bind processor."""
        dialect = self.connection.dialect
        unset = [column.name for column in table.c if column.name not in row]
        if unset:
            raise ValueError(f"every column of {table.name} needs a value here; missing {unset}")
        if dialect.name == "postgresql":
            from psycopg import sql

            names = list(row)
            columns = sql.SQL(", ").join(map(sql.Identifier, names))
            statement = sql.SQL("COPY {} ({}) FROM STDIN").format(sql.Identifier(table.name), columns)
        else:
            compiled = insert(table).compile(dialect=dialect, column_keys=list(row))
            statement, names = compiled.string, list(compiled.positiontup)
        processors = [table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in names]
        self.columns[table] = (statement, names, processors)
        return self.columns[table]

    def insert(self, statement, values: list[tuple]) -> None:
        if self.connection.dialect.name != "postgresql":
            self.connection.exec_driver_sql(statement, values)
            return
        with self.connection.connection.driver_connection.cursor() as cursor, cursor.copy(statement) as copy:
            for each in values:
                copy.write_row(each)


def _row_counts() -> dict[str, int]:
    return {t.name: db.session.scalar(select(func.count()).select_from(t)) for t in db.metadata.sorted_tables}


def _copyable(row) -> dict:
    """A selected row as keyword values for a copy: its own id is left for `Rows` to assign."""
    values = row._asdict()
    values.pop("id", None)
    return values


# ---------------------------------------------------------------- the data set


class Generator:
    def __init__(self, sizes: Sizes, seed: int):
        self.sizes, self.rng = sizes, random.Random(seed)
        self.now = utcnow()
        self.since = self.now - timedelta(days=400)  # plans and checklists were published before any case
        self.password_hash = hash_password(PASSWORD)
        self.sample_index = sizes.schools // 2
        self.sample: dict = {}

    def person(self) -> str:
        return f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"

    def mobile(self) -> str:
        """A Norwegian mobile number as the app stores it (not every 4xx/9xx series is in use)."""
        while not (phone := normalised_phone(f"{self.rng.choice('49')}{self.rng.randrange(10**7):07d}")):
            pass
        return phone

    def run(self) -> dict:
        _fast_sqlite_writes()
        organisations = self.organisations()
        first = self.first_school(organisations[0])
        _backdate(self.since)
        counts = _row_counts()
        tables = [table for table in db.metadata.sorted_tables if "id" in table.c]
        last_ids = {table.name: db.session.scalar(select(func.max(table.c.id))) or 0 for table in tables}
        self.rows = Rows(db.session.connection(), last_ids)
        self.read_prototypes(first)
        for organisation in organisations:
            self.organisation_rows(organisation)
        for index, organisation_id in enumerate(self.school_owners(organisations)):
            school = first if index == 0 else self.school_rows(index, organisation_id)
            self.people_and_contacts(school)
            self.cases(school, sample=index == self.sample_index)
        self.rows.flush()
        counts = dict(Counter(counts) + self.rows.written)
        return {"counts": {t.name: counts.get(t.name, 0) for t in db.metadata.sorted_tables}, "sample": self.sample}

    # -------------------------------------------------------- the app's own operations

    def organisations(self) -> list[tuple[int, str]]:
        """Every organisation with the shipped plan template and checklists, as `flask install-template`."""
        made = []
        for index in range(self.sizes.organisations):
            place = _place(index)
            organisation = Organisation(name=f"{place} kommune", slug=f"{_slug(place)}-{index + 1:03d}")
            db.session.add(organisation)
            db.session.flush()
            install_default_template(organisation)
            install_default_forms(organisation)
            made.append((organisation.id, organisation.slug))
        db.session.flush()
        return made

    def first_school(self, organisation: tuple[int, str]) -> SchoolRefs:
        """The first school, its rector, plan revision and checklist copies, made the app's way."""
        school = School(organisation_id=organisation[0], **self.school_values(0))
        rector = self.account(f"rektor.{school.slug}@example.no")
        user = User(**{k: v for k, v in rector.items() if k not in ("created_at", "updated_at")})
        user.memberships.append(Membership(role=Role.SCHOOL_ADMIN, school=school))
        db.session.add_all([school, user])
        db.session.flush()
        plan = create_plan(school, user)
        publish_plan(plan, user, "Første versjon av planen")
        for version in templates_for(school):
            form = copy_template(school, version, user=user)
            publish(form, note="Tatt i bruk fra kommunens mal", user=user)
        db.session.flush()
        return SchoolRefs(school.id, school.slug, (user.id, user.name, user.email))

    def read_prototypes(self, first: SchoolRefs) -> None:
        """What every school copies: the first school's plan, revision and checklists; each organisation's ids."""
        plan_id = db.session.scalar(select(Plan.id).where(Plan.school_id == first.id))
        sections = db.session.execute(select(PlanSection.__table__).where(PlanSection.plan_id == plan_id))
        self.plan_sections = [_copyable(row) for row in sections]
        self.revision = _copyable(db.session.execute(select(PlanRevision.__table__)).one())
        newest = select(PlanTemplate.organisation_id, func.max(TemplateVersion.id)).join(TemplateVersion)
        self.template_versions = dict(db.session.execute(newest.group_by(PlanTemplate.organisation_id)).all())
        owned = select(FormDocument.organisation_id, FormDocument.key, FormDocument.id)
        self.organisation_forms = {
            (org, key): form_id
            for org, key, form_id in db.session.execute(owned.where(FormDocument.school_id.is_(None)))
        }
        forms = db.session.execute(select(FormDocument.__table__).where(FormDocument.school_id == first.id)).all()
        versions = db.session.execute(
            select(FormVersion.__table__)
            .where(FormVersion.form_id.in_([form.id for form in forms]))
            .order_by(FormVersion.number)
        ).all()
        self.school_forms = [
            (_copyable(form), [_copyable(v) for v in versions if v.form_id == form.id]) for form in forms
        ]
        latest = {form.key: [v for v in versions if v.form_id == form.id][-1] for form in forms}
        first.versions = {key: version.id for key, version in latest.items()}
        self.checklists = {
            key: _checklist(key, version.definition, version.number, self.rng)
            for key, version in latest.items()
            if version.definition.get("kind") == "checklist"
        }

    # -------------------------------------------------------- bulk rows

    def stamp(self) -> dict:
        return {"created_at": self.since, "updated_at": self.since}

    def school_owners(self, organisations: list[tuple[int, str]]) -> list[int]:
        """The organisation of each school: a few large municipalities and many small ones, none empty."""
        count, total = len(organisations), self.sizes.schools
        weights = [1 / (rank + 1) ** 0.7 for rank in range(count)]
        sizes = [1 + int((total - count) * weight / sum(weights)) for weight in weights]
        for rank in range(total - sum(sizes)):
            sizes[rank % count] += 1
        return [org_id for (org_id, _slug), size in zip(organisations, sizes, strict=True) for _ in range(size)]

    def school_values(self, index: int) -> dict:
        kind = KINDS[index % len(KINDS)]
        place = _place(index * 7 + 3)
        word, short = KIND_WORDS[kind]
        default = "nn" if index % 9 == 4 else "nb"
        languages = "nn,nb,en" if default == "nn" else "nb,nn,en"
        return {
            "name": f"{place} {word}",
            "slug": f"{_slug(place)}-{short}-{index + 1:04d}",
            "kind": kind,
            "languages": languages,
            "default_language": default,
        }

    def account(self, email: str) -> dict:
        """A user row: an invented name, the shared password hash, a session token of its own."""
        return {
            "email": email,
            "name": self.person(),
            "password_hash": self.password_hash,
            "language": None,
            "active": True,
            "session_token": secrets.token_hex(16),
            **self.stamp(),
        }

    def user(self, values: dict, role: Role, *, school_id=None, organisation_id=None) -> int:
        user_id = self.rows.add(User.__table__, **values, last_login_at=None)
        self.rows.add(
            Membership.__table__,
            user_id=user_id,
            role=role,
            school_id=school_id,
            organisation_id=organisation_id,
            **self.stamp(),
        )
        return user_id

    def organisation_rows(self, organisation: tuple[int, str]) -> None:
        """The organisation's administrator and the services all its schools list."""
        org_id, slug = organisation
        values = self.account(f"kommune.{slug}@example.no")
        self.user(values, Role.ORG_ADMIN, organisation_id=org_id)
        for position, (name, note, phone) in enumerate(SERVICES):
            self.rows.add(
                ExternalService.__table__,
                organisation_id=org_id,
                school_id=None,
                name=name,
                note=note,
                phone=normalised_phone(phone),
                url=None,
                public=True,
                position=position,
                **self.stamp(),
            )

    def school_rows(self, index: int, organisation_id: int) -> SchoolRefs:
        """A school with its rector, a copy of the first school's published plan and of its checklists."""
        values = self.school_values(index)
        school_id = self.rows.add(
            School.__table__, organisation_id=organisation_id, case_retention_days=180, **values, **self.stamp()
        )
        rector = self.account(f"rektor.{values['slug']}@example.no")
        rector_id = self.user(rector, Role.SCHOOL_ADMIN, school_id=school_id)
        refs = SchoolRefs(school_id, values["slug"], (rector_id, rector["name"], rector["email"]))
        version = self.template_versions[organisation_id]
        plan_id = self.rows.add(Plan.__table__, school_id=school_id, template_version_id=version, **self.stamp())
        for section in self.plan_sections:
            self.rows.add(PlanSection.__table__, **section | {"plan_id": plan_id})
        self.rows.add(
            PlanRevision.__table__,
            **self.revision | {"plan_id": plan_id, "template_version_id": version, "published_by_id": rector_id},
        )
        for form, versions in self.school_forms:
            source = self.organisation_forms[(organisation_id, form["key"])]
            form_id = self.rows.add(
                FormDocument.__table__,
                **form
                | {
                    "organisation_id": organisation_id,
                    "school_id": school_id,
                    "source_form_id": source,
                    "updated_by_id": rector_id,
                },
            )
            for each in versions:
                version_id = self.rows.add(
                    FormVersion.__table__, **each | {"form_id": form_id, "published_by_id": rector_id}
                )
            refs.versions[form["key"]] = version_id
        return refs

    def people_and_contacts(self, school: SchoolRefs) -> None:
        for number in range(1, self.sizes.staff_per_school + 1):
            values = self.account(f"ansatt{number}.{school.slug}@example.no")
            user_id = self.user(values, Role.STAFF, school_id=school.id)
            school.staff.append((user_id, values["name"], values["email"]))
        for position, (roles, title, holder, public, phone) in enumerate(CONTACTS):
            person = {"rector": school.rector, "staff": school.staff[position % len(school.staff)]}.get(holder)
            name, email = (person[1], person[2]) if person else (self.person(), None)
            if holder == "nurse":
                email = f"helsesykepleier.{school.slug}@example.no"
            contact_id = self.rows.add(
                ContactPerson.__table__,
                school_id=school.id,
                name=name,
                title=title,
                email=email,
                phone=self.mobile() if phone == "mobile" else normalised_phone(phone),
                public=public,
                position=position,
                **self.stamp(),
            )
            for key in roles:
                self.rows.add(ContactRole.__table__, contact_id=contact_id, role_key=key)

    # -------------------------------------------------------- cases

    def cases(self, school: SchoolRefs, *, sample: bool) -> None:
        """The school's cases over the last year, numbered per school and year in the order they were opened."""
        count, now = self.sizes.cases_per_school, self.now.timestamp()
        still_open = max(1, round(count * OPEN_SHARE))
        watcher = school.staff[0]  # the sample staff member, on every open case of the sample school
        numbers: Counter = Counter()
        open_ids = []
        for index, start in enumerate(sorted(now - self.rng.uniform(600, 365 * DAY) for _ in range(count))):
            newest = count - 1 - index
            is_open = newest < still_open or self.rng.random() < 0.1
            year = datetime.fromtimestamp(start, OSLO).year
            numbers[year] += 1
            on_case = watcher if sample and is_open else None
            case_id = self.case(
                school, start, (year, numbers[year]), is_open, watcher=on_case, sample=sample and newest == 0
            )
            if on_case:
                open_ids.append(case_id)
        if sample:
            self.sample |= {
                "school_slug": school.slug,
                "rector_email": school.rector[2],
                "staff_email": watcher[2],
                "open_case_ids": open_ids[::-1][:20],
            }

    def case(self, school: SchoolRefs, start: float, number: tuple, is_open: bool, *, watcher, sample: bool) -> int:
        """One case: its members, checklist runs, answers and events, timed between opening and closing."""
        rng, sizes = self.rng, self.sizes
        opener = watcher if sample else (rng.choice(school.staff) if rng.random() < 0.9 else school.rector)
        others = [person for person in (school.rector, *school.staff) if person != opener]
        members = [opener, *rng.sample(others, min(len(others), rng.choice((0, 1, 1, 2))))]
        if watcher and watcher not in members:
            members.append(watcher)
        checklists = self.checklists_for_case(sample)
        actions = [("opened", opener, None)] + [("member_added", opener, member) for member in members[1:]]
        budget = sizes.answers_per_case
        for position, checklist in enumerate(checklists):
            sequence = checklist.sample_sequence if sample else rng.choice(checklist.sequences)
            share = budget if position == len(checklists) - 1 else budget - budget // 2
            budget -= len(sequence[:share])
            actions.append(("checklist_started", opener if position == 0 else rng.choice(members), position))
            actions += [("answered", rng.choice(members), (position, key, value)) for key, value in sequence[:share]]
        closing = None if is_open else (rng.choice((school.rector, opener)), rng.choice(CLOSING_NOTES))
        room = sizes.events_per_case - (closing is not None) - len(actions)
        actions += [("viewed", rng.choice(members), None) for _ in range(room)]
        end = min(start + rng.uniform(0.5, 30 if is_open else 45) * DAY, self.now.timestamp() - 60)
        times = [start, *sorted(rng.uniform(start, end) for _ in actions[1:])]
        case_id = self.rows.add(
            Case.__table__,
            school_id=school.id,
            year=number[0],
            number=number[1],
            label=rng.choice(CASE_LABELS),
            archive_reference=f"{number[0] % 100}/{rng.randrange(100, 9999)}" if rng.random() < 0.5 else "",
            status=OPEN if is_open else CLOSED,
            opened_by_id=opener[0],
            opened_at=_moment(start),
            closed_by_id=closing and closing[0][0],
            closed_at=None if is_open else _moment(end),
            closing_note=closing[1] if closing else "",
            created_at=_moment(start),
            updated_at=_moment(end),
        )
        added = {
            detail[0]: moment
            for (kind, _, detail), moment in zip(actions, times, strict=True)
            if kind == "member_added"
        }
        for member in members:
            added_at = _moment(added.get(member[0], start))
            self.rows.add(CaseMember.__table__, case_id=case_id, user_id=member[0], added_at=added_at)
        reference = f"{number[0]}-{number[1]:03d}"
        run_ids, events = self.work(school, case_id, reference, checklists, zip(actions, times, strict=True))
        events = events[: max(0, sizes.events_per_case - (closing is not None))]
        if closing and sizes.events_per_case:
            events.append((closing[0], end, "closed", {"note": closing[1]}))
        for person, moment, kind, data in events:
            at = _moment(moment)
            self.rows.add(CaseEvent.__table__, case_id=case_id, user_id=person[0], at=at, kind=kind, data=data)
        if sample:
            self.remember_sample(case_id, run_ids[0], checklists[0])
        return case_id

    def checklists_for_case(self, sample: bool) -> list[Checklist]:
        """The first checklist by how often each situation comes up; a third of the cases get a follow-up."""
        if sample:
            return [max(self.checklists.values(), key=lambda checklist: len(checklist.check_keys))]
        keys = [key for key in FIRST_CHECKLISTS if key in self.checklists] or list(self.checklists)
        first = self.rng.choices(keys, [FIRST_CHECKLISTS.get(key, 1) for key in keys])[0]
        if self.rng.random() >= 0.3 or len(self.checklists) < 2:
            return [self.checklists[first]]
        follow_up = FOLLOW_UPS.get(first) or self.rng.choice([key for key in self.checklists if key != first])
        return [self.checklists[first], self.checklists[follow_up]]

    def work(self, school: SchoolRefs, case_id: int, reference: str, checklists: list, timeline) -> tuple[list, list]:
        """The runs and answers the actions made, and the events they logged as (who, when, kind, data)."""
        run_ids, events = [], []
        for (kind, person, detail), moment in timeline:
            data = {}
            if kind == "opened":
                data = {"reference": reference}
            elif kind == "member_added":
                data = {"member": detail[1]}
            elif kind == "checklist_started":
                checklist = checklists[detail]
                version_id = school.versions[checklist.key]
                run_ids.append(
                    self.rows.add(
                        ChecklistRun.__table__,
                        case_id=case_id,
                        form_version_id=version_id,
                        started_at=_moment(moment),
                        started_by_id=person[0],
                    )
                )
                data = {"run": run_ids[-1], "title": checklist.title, "version": checklist.number}
            elif kind == "answered":
                position, key, value = detail
                value, label = _dated(checklists[position].types[key], value, moment), checklists[position].labels[key]
                note = self.rng.choice(TEXTS) if self.rng.random() < 0.1 else ""
                self.rows.add(
                    Answer.__table__,
                    run_id=run_ids[position],
                    field_key=key,
                    value=value,
                    note=note,
                    answered_by_id=person[0],
                    answered_at=_moment(moment),
                )
                data = {"run": run_ids[position], "field": key, "label": label, "value": value}
            events.append((person, moment, kind, data))
        return run_ids, events

    def remember_sample(self, case_id: int, run_id: int, checklist: Checklist) -> None:
        """The sample case's run leaves its tick keys unanswered and visible; the benchmark relies on it."""
        given = dict(checklist.sample_sequence[: self.sizes.answers_per_case])
        visible = {item.key for item in evaluate(checklist.definition, given).visible}
        ticks = [key for key in checklist.check_keys if key in visible and key not in given]
        if len(ticks) < 5:
            raise RuntimeError(f"the sample checklist {checklist.key!r} leaves only {len(ticks)} items to tick")
        self.sample |= {"case_id": case_id, "run_id": run_id, "tick_keys": ticks}


# ---------------------------------------------------------------- checklists and their answers

SAMPLE_VALUES = {
    "check": lambda item, rng: True,
    "call": lambda item, rng: True,
    "yes_no": lambda item, rng: rng.random() < 0.5,
    "single_choice": lambda item, rng: rng.choice(item.choice_keys),
    "multiple_choice": lambda item, rng: [k for k in item.choice_keys if rng.random() < 0.3] or [item.choice_keys[0]],
    "text": lambda item, rng: rng.choice(TEXTS)[:40],
    "long_text": lambda item, rng: rng.choice(TEXTS),
    "number": lambda item, rng: 1,
    "date": lambda item, rng: "2026-01-15",  # replaced by the day it was answered
    "datetime": lambda item, rng: "2026-01-15T10:30",
}  # contact pickers are left unanswered: their answers would name the school's own people


def _checklist(key: str, data: dict, number: int, rng: random.Random) -> Checklist:
    definition = Definition.from_json(data)
    answerable = [item for item in definition.fields if item.takes_answer]
    visible_at_start = evaluate(definition, {}).visible
    checks = [item.key for item in visible_at_start if item.type_name == "check"]
    return Checklist(
        key=key,
        title=data["title"],
        number=number,
        labels={item.key: definition.text(item.label, definition.default_language) for item in answerable},
        types={item.key: item.type_name for item in answerable},
        sequences=[_answer_sequence(definition, rng) for _ in range(8)],
        sample_sequence=_answer_sequence(definition, rng, skip=set(checks[:SAMPLE_TICKS])),
        check_keys=checks,
        definition=definition,
    )


def _answer_sequence(definition: Definition, rng: random.Random, skip=frozenset()) -> list[tuple]:
    """Answers someone could give top to bottom: each to a field the earlier answers leave visible."""
    answers: dict = {}
    for item in definition.fields:
        make = SAMPLE_VALUES.get(item.type_name)
        if not item.takes_answer or make is None or item.key in skip or rng.random() < 0.15:
            continue
        try:
            trial = {**answers, item.key: item.coerce(make(item, rng))}
        except InvalidAnswer:
            continue
        if not evaluate(definition, trial).hidden & trial.keys():
            answers = trial
    return list(answers.items())


def _dated(type_name: str, value, moment: float):
    """A date or date-time answer is the day (and time) it was given, on the Oslo clock."""
    if type_name == "date":
        return datetime.fromtimestamp(moment, OSLO).date().isoformat()
    if type_name == "datetime":
        return datetime.fromtimestamp(moment, OSLO).strftime("%Y-%m-%dT%H:%M")
    return value


def _moment(timestamp: float) -> datetime:
    return datetime.fromtimestamp(timestamp, UTC)


# ---------------------------------------------------------------- names


def _place(index: int) -> str:
    start, end = PLACE_STARTS[index % len(PLACE_STARTS)], PLACE_ENDS[(index // len(PLACE_STARTS)) % len(PLACE_ENDS)]
    return (start + end).capitalize()


def _slug(name: str) -> str:
    ascii_name = name.lower().replace("æ", "ae").replace("ø", "o").replace("å", "a")
    return "".join(char if char.isalnum() and char.isascii() else "-" for char in ascii_name).strip("-")


# ---------------------------------------------------------------- the database around the data


def reset_database(url: str) -> None:
    """Drop everything: delete a SQLite file, or drop and recreate PostgreSQL's public schema."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(parsed.database + suffix).unlink(missing_ok=True)
        return
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.exec_driver_sql("DROP SCHEMA IF EXISTS public CASCADE")
        connection.exec_driver_sql("CREATE SCHEMA public")
    engine.dispose()


def _fast_sqlite_writes() -> None:
    """No rollback journal and no fsync while generating into SQLite (a failed run is simply run again)."""
    connection = db.session.connection()
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("PRAGMA journal_mode=OFF")
        connection.exec_driver_sql("PRAGMA synchronous=OFF")
        connection.exec_driver_sql("PRAGMA cache_size=-262144")  # 256 MB: the big tables' indexes stay in memory


def _backdate(moment: datetime) -> None:
    """Date what the app's operations just made (templates, the first plan and checklists) before any case."""
    connection = db.session.connection()
    for table in db.metadata.sorted_tables:
        stamps = {name: moment for name in ("created_at", "updated_at", "published_at") if name in table.c}
        if stamps:
            connection.execute(table.update().values(**stamps))


def _after_load() -> None:
    """PostgreSQL: move the id sequences past the ids chosen here, and gather planner statistics."""
    if db.engine.dialect.name != "postgresql":
        return
    with db.engine.begin() as connection:
        for table in db.metadata.sorted_tables:
            if "id" in table.c:
                sequence = func.pg_get_serial_sequence(table.name, "id")
                next_id = select(func.coalesce(func.max(table.c.id), 0) + 1).scalar_subquery()
                connection.execute(select(func.setval(sequence, next_id, False)))
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql("ANALYZE")


def generate(
    database_url: str,
    *,
    schools: int,
    organisations: int = 1,
    staff_per_school: int = 10,
    cases_per_school: int = 100,
    answers_per_case: int = 8,
    events_per_case: int = 8,
    seed: int = 1,
    reset: bool = False,
) -> dict:
    """Fill an empty database with the data set and return its manifest.

    Each school gets a rector and `staff_per_school` staff, and `cases_per_school` cases with about
    `answers_per_case` answers and exactly `events_per_case` events each. Raises DatabaseNotEmpty when
    the database has tables, unless `reset` drops everything first.
    """
    sizes = Sizes(schools, organisations, staff_per_school, cases_per_school, answers_per_case, events_per_case)
    if not (1 <= organisations <= schools and staff_per_school >= 1 and cases_per_school >= 1):
        raise ValueError("need at least one school per organisation, one staff member and one case per school")
    started = time.monotonic()
    url = database_url_from_env(database_url)
    if reset:
        reset_database(url)
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": secrets.token_hex(16)})
    with app.app_context():
        try:
            tables = inspect(db.engine).get_table_names()
            if tables:
                raise DatabaseNotEmpty(
                    f"The database already has {len(tables)} tables ({', '.join(sorted(tables)[:3])}, ...). "
                    "Pass --reset (reset=True) to drop everything in it first."
                )
            migrating.upgrade()
            made = Generator(sizes, seed).run()
            db.session.commit()
            _after_load()
        finally:
            db.session.remove()
            db.engine.dispose()
    return {
        "schools": schools,
        "organisations": organisations,
        "per_school": {"staff": staff_per_school, "cases": cases_per_school},
        "per_case": {"answers": answers_per_case, "events": events_per_case},
        "seed": seed,
        "password": PASSWORD,
        "seconds": round(time.monotonic() - started, 1),
        **made,
    }


# ---------------------------------------------------------------- command line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True, help="sqlite:////path/file.db or postgresql://...")
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--schools", type=int, default=400, help="number of schools (default 400)")
    size.add_argument("--national", action="store_true", help="about 3,000 schools in 350 organisations")
    parser.add_argument("--organisations", type=int, help="default 1 (350 with --national)")
    parser.add_argument("--staff-per-school", type=int, default=10)
    parser.add_argument("--cases-per-school", type=int, default=100)
    parser.add_argument("--answers-per-case", type=int, default=8)
    parser.add_argument("--events-per-case", type=int, default=8)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--manifest", type=Path, default=DEFAULT_MANIFEST, help=f"default {DEFAULT_MANIFEST}")
    parser.add_argument("--reset", action="store_true", help="drop everything in the database first")
    args = parser.parse_args(argv)
    schools = NATIONAL["schools"] if args.national else args.schools
    organisations = args.organisations or (NATIONAL["organisations"] if args.national else 1)
    try:
        manifest = generate(
            args.database_url,
            schools=schools,
            organisations=organisations,
            staff_per_school=args.staff_per_school,
            cases_per_school=args.cases_per_school,
            answers_per_case=args.answers_per_case,
            events_per_case=args.events_per_case,
            seed=args.seed,
            reset=args.reset,
        )
    except (DatabaseNotEmpty, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    args.manifest.parent.mkdir(parents=True, exist_ok=True)
    args.manifest.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    _report(manifest, args.manifest)
    return 0


def _report(manifest: dict, path: Path) -> None:
    for table, count in sorted(manifest["counts"].items(), key=lambda item: -item[1]):
        print(f"  {table:22} {count:>12,}")
    print(f"  {'total':22} {sum(manifest['counts'].values()):>12,}")
    print(
        f"{manifest['schools']:,} schools in {manifest['organisations']:,} organisation(s) in {manifest['seconds']} s"
    )
    print(f"Every account has the password {manifest['password']!r}; sample: {json.dumps(manifest['sample'])}")
    print(f"Manifest written to {path}")


if __name__ == "__main__":
    sys.exit(main())
