"""The municipality keeps each school year's calendar: years, breaks, planning days; import and export."""

import io
from datetime import date

from icalendar import Calendar
from sqlalchemy import select

from intranet.schoolyear.models import ClosedKind, ClosedPeriod, SchoolYear

from ...conftest import login_as

YEARS = "/app/organisations/testvik/school-years"


def periods(db, year_id, school_id=None):
    db.session.expire_all()
    return [
        (p.kind, p.first_day, p.last_day, p.name)
        for p in db.session.scalars(
            select(ClosedPeriod)
            .where(
                ClosedPeriod.school_year_id == year_id,
                ClosedPeriod.school_id.is_(None) if school_id is None else ClosedPeriod.school_id == school_id,
            )
            .order_by(ClosedPeriod.first_day)
        )
    ]


def test_the_municipality_adds_a_year_and_its_breaks(client, world, db):
    login_as(client, world.users["org_admin"])
    added = client.post(f"{YEARS}/", data={"first_day": "2027-08-16", "last_day": "2028-06-16"})
    assert added.status_code == 303
    year = db.session.scalar(select(SchoolYear))
    assert (year.first_day, year.last_day, year.name) == (date(2027, 8, 16), date(2028, 6, 16), "2027/28")
    response = client.post(
        f"{YEARS}/{year.id}/periods", data={"kind": "autumn_break", "first_day": "2027-10-04", "last_day": "2027-10-08"}
    )
    assert response.status_code == 303
    client.post(f"{YEARS}/{year.id}/periods", data={"kind": "planning_day", "first_day": "2027-11-12"})
    assert periods(db, year.id) == [
        (ClosedKind.AUTUMN_BREAK, date(2027, 10, 4), date(2027, 10, 8), {}),
        (ClosedKind.PLANNING_DAY, date(2027, 11, 12), date(2027, 11, 12), {}),
    ]
    page = client.get(f"{YEARS}/{year.id}").get_data(as_text=True)
    assert "Høstferie" in page and "Planleggingsdag" in page


def test_bad_dates_are_refused_with_a_message_and_keep_what_was_typed(client, world, db, school_year):
    login_as(client, world.users["org_admin"])
    backwards = client.post(f"{YEARS}/", data={"first_day": "2028-08-16", "last_day": "2028-06-16"})
    assert backwards.status_code == 422
    page = backwards.get_data(as_text=True)
    assert "Siste dag må komme etter første dag." in page and 'value="2028-08-16"' in page
    overlapping = client.post(f"{YEARS}/", data={"first_day": "2027-06-01", "last_day": "2028-06-16"})
    assert overlapping.status_code == 422 and "Dette overlapper skoleåret 2026/27." in overlapping.get_data(
        as_text=True
    )
    typo = client.post(f"{YEARS}/{school_year.id}/periods", data={"kind": "winter_break", "first_day": "22.2.2O27"})
    assert typo.status_code == 422
    assert "Skriv en dato, for eksempel 2026-08-17." in typo.get_data(as_text=True)
    outside = client.post(
        f"{YEARS}/{school_year.id}/periods", data={"kind": "other", "first_day": "2027-07-01", "name": "Sommer"}
    )
    assert outside.status_code == 422
    page = outside.get_data(as_text=True)
    assert "Dagene må ligge innenfor skoleåret 2026/27." in page and 'value="Sommer"' in page
    assert client.post(f"{YEARS}/999999/periods", data={}).status_code == 404
    assert len(periods(db, school_year.id)) == 1


def test_another_municipalitys_year_is_not_found(client, world, db, school_year):
    login_as(client, world.users["org_admin_other_org"])
    assert client.get(f"/app/organisations/fjernby/school-years/{school_year.id}").status_code == 404


CSV = """kind,first_day,last_day,name
first_day,2026-08-19,2026-08-19,
autumn_break,28.09.2026,02.10.2026,
christmas_break,2026-12-21,2027-01-01,
other,2027-05-07,,Fridag etter Kristi himmelfart
summer,2027-06-21,2027-08-15,
"""


def upload(client, year_id, body: bytes, name: str):
    return client.post(
        f"{YEARS}/{year_id}/import", data={"file": (io.BytesIO(body), name)}, content_type="multipart/form-data"
    )


def test_a_csv_with_problems_is_refused_line_by_line_and_changes_nothing(client, world, db, school_year):
    login_as(client, world.users["org_admin"])
    before = periods(db, school_year.id)
    response = upload(client, school_year.id, CSV.replace("28.09.2026", "28/09/2026").encode(), "rute.csv")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Linje 3: skriv datoene som 2026-08-17 eller 17.08.2026." in page
    assert "Linje 6: ukjent type «summer»." in page
    assert periods(db, school_year.id) == before
    assert upload(client, school_year.id, b"", "tom.csv").status_code == 422


def test_a_csv_replaces_the_municipalitys_periods_and_moves_the_first_day(client, world, db, school_year):
    login_as(client, world.users["org_admin"])
    good = "\n".join(line for line in CSV.splitlines() if not line.startswith("summer")).encode()
    response = upload(client, school_year.id, good, "rute.csv")
    assert response.status_code == 303
    assert periods(db, school_year.id) == [
        (ClosedKind.AUTUMN_BREAK, date(2026, 9, 28), date(2026, 10, 2), {}),
        (ClosedKind.CHRISTMAS_BREAK, date(2026, 12, 21), date(2027, 1, 1), {}),
        (ClosedKind.OTHER, date(2027, 5, 7), date(2027, 5, 7), {"nb": "Fridag etter Kristi himmelfart"}),
    ]
    assert db.session.get(SchoolYear, school_year.id).first_day == date(2026, 8, 19)
    assert periods(db, school_year.id, world.school.id), "the school's own days stay"


ICS = b"""BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Kommune//Skolerute//NO
BEGIN:VEVENT
UID:1@kommune
DTSTART;VALUE=DATE:20260928
DTEND;VALUE=DATE:20261003
SUMMARY:H\xc3\xb8stferie
END:VEVENT
BEGIN:VEVENT
UID:2@kommune
DTSTART;VALUE=DATE:20270222
DTEND;VALUE=DATE:20270227
SUMMARY:Vinterferie uke 8
END:VEVENT
BEGIN:VEVENT
UID:3@kommune
DTSTART;VALUE=DATE:20270104
SUMMARY:Planleggingsdag for l\xc3\xa6rere
END:VEVENT
BEGIN:VEVENT
UID:4@kommune
DTSTART;VALUE=DATE:20270618
DTEND;VALUE=DATE:20270619
SUMMARY:Siste skoledag
END:VEVENT
BEGIN:VEVENT
UID:5@kommune
DTSTART;VALUE=DATE:20280101
DTEND;VALUE=DATE:20280102
SUMMARY:Nytt\xc3\xa5rsdag
END:VEVENT
END:VCALENDAR
"""


def test_an_icalendar_file_is_read_by_its_summaries(client, world, db, school_year):
    login_as(client, world.users["org_admin"])
    response = upload(client, school_year.id, ICS, "skolerute.ics")
    assert response.status_code == 303
    assert periods(db, school_year.id) == [
        (ClosedKind.AUTUMN_BREAK, date(2026, 9, 28), date(2026, 10, 2), {}),
        (ClosedKind.PLANNING_DAY, date(2027, 1, 4), date(2027, 1, 4), {}),
        (ClosedKind.WINTER_BREAK, date(2027, 2, 22), date(2027, 2, 26), {}),
    ]
    flashed = client.get(f"{YEARS}/{school_year.id}").get_data(as_text=True)
    assert "3 ferier og planleggingsdager er importert." in flashed
    assert "1 hendelser utenfor skoleåret er utelatt." in flashed
    assert upload(client, school_year.id, b"BEGIN:VCALENDAR\nnonsense", "x.ics").status_code == 422


def test_the_exported_calendar_imports_again_unchanged(client, world, db, school_year):
    login_as(client, world.users["org_admin"])
    client.post(f"{YEARS}/{school_year.id}/periods", data={"kind": "other", "first_day": "2027-05-07", "name": "Fri"})
    before = periods(db, school_year.id)
    ics = client.get(f"{YEARS}/{school_year.id}/calendar.ics")
    assert ics.status_code == 200 and ics.headers["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(ics.data).walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == ["Første skoledag", "Juleferie", "Fri", "Siste skoledag"]
    csv = client.get(f"{YEARS}/{school_year.id}/calendar.csv")
    assert csv.get_data(as_text=True).splitlines()[0] == "kind,first_day,last_day,name"
    for body, name in ((ics.data, "export.ics"), (csv.data, "export.csv")):
        assert upload(client, school_year.id, body, name).status_code == 303
        assert periods(db, school_year.id) == before
