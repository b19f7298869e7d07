"""The demo municipality's school year 2026/27: written for the demo, shaped like a real skolerute."""

from datetime import date

from ..extensions import db
from .models import ClosedKind, ClosedPeriod, SchoolYear

FIRST_DAY, LAST_DAY = date(2026, 8, 17), date(2027, 6, 18)
BREAKS = [
    # kind, first day, last day, name ({} : the kind's own name)
    (ClosedKind.AUTUMN_BREAK, date(2026, 9, 28), date(2026, 10, 2), {}),
    (ClosedKind.PLANNING_DAY, date(2026, 11, 13), date(2026, 11, 13), {}),
    (ClosedKind.CHRISTMAS_BREAK, date(2026, 12, 21), date(2027, 1, 1), {}),
    (ClosedKind.PLANNING_DAY, date(2027, 1, 4), date(2027, 1, 4), {}),
    (ClosedKind.WINTER_BREAK, date(2027, 2, 22), date(2027, 2, 26), {}),
    (ClosedKind.EASTER_BREAK, date(2027, 3, 22), date(2027, 3, 26), {}),
    (ClosedKind.OTHER, date(2027, 5, 7), date(2027, 5, 7), {"nb": "Fridag etter Kristi himmelfart"}),
]
# Fjordvik ungdomsskole's own planning days (the staff's course on the new plan).
SCHOOL_DAYS = {"fjordvik-us": [(ClosedKind.PLANNING_DAY, date(2026, 12, 7), date(2026, 12, 8), {})]}


def load_demo_school_year(organisation, schools: dict) -> SchoolYear:
    year = SchoolYear(organisation_id=organisation.id, first_day=FIRST_DAY, last_day=LAST_DAY)
    for kind, first, last, name in BREAKS:
        year.periods.append(ClosedPeriod(kind=kind, first_day=first, last_day=last, name=name))
    for slug, days in SCHOOL_DAYS.items():
        for kind, first, last, name in days:
            year.periods.append(
                ClosedPeriod(kind=kind, school_id=schools[slug].id, first_day=first, last_day=last, name=name)
            )
    db.session.add(year)
    db.session.flush()
    return year
