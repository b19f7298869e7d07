"""The data set's generator: its sizes, its random source and clock, and the order of its phases."""

import random
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import func, select

from intranet.auth.passwords import hash_password
from intranet.contacts.operations import normalised_phone
from intranet.db import utcnow
from intranet.extensions import db

from .cases import CaseRows
from .content import FIRST_NAMES, LAST_NAMES
from .database import backdate, fast_sqlite_writes
from .prototypes import Prototypes
from .rows import Rows, row_counts
from .schools import SchoolRows

PASSWORD = "bench-rusplan-2026"  # noqa: S105 - shared by every generated account, written to the manifest


@dataclass(frozen=True)
class Sizes:
    schools: int
    organisations: int
    staff_per_school: int
    cases_per_school: int
    answers_per_case: int
    events_per_case: int


class Generator(Prototypes, SchoolRows, CaseRows):
    """The data set, phase by phase: the app's own rows first, then copies in bulk, then each school's cases."""

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
        fast_sqlite_writes()
        organisations = self.organisations()
        first = self.first_school(organisations[0])
        backdate(self.since)
        counts = row_counts()
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
