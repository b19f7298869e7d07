"""The journal of closed cases for the archive: CSV, and XML shaped like a Noark 5 arkivstruktur
(arkiv → arkivdel → mappe of type saksmappe), holding metadata only: never what a case contains."""

import csv
import io
from xml.etree.ElementTree import Element, SubElement, indent, tostring

from .metadata import ACCESS_CODE

NOARK = "http://www.arkivverket.no/standarder/noark5/arkivstruktur"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
#: The access restriction code (tilgangsrestriksjon) and the legal basis (skjermingshjemmel).
RESTRICTION, BASIS = "13", "offl. § 13 jf. fvl. § 13"

CSV_COLUMNS = (
    "case_reference",
    "archive_reference",
    "school",
    "opened_at",
    "opened_by",
    "closed_at",
    "closed_by",
    "filed_at",
    "access_code",
)


def _when(moment) -> str:
    return moment.isoformat(timespec="seconds") if moment else ""


def _name(user) -> str:
    return user.name if user is not None else ""


def rows(school, cases) -> list[dict[str, str]]:
    """One row per closed case: what the archive journals about it."""
    return [
        {
            "case_reference": case.reference,
            "archive_reference": case.archive_reference,
            "school": school.name,
            "opened_at": _when(case.opened_at),
            "opened_by": _name(case.opened_by),
            "closed_at": _when(case.closed_at),
            "closed_by": _name(case.closed_by),
            "filed_at": _when(case.filed_at),
            "access_code": ACCESS_CODE,
        }
        for case in cases
    ]


def as_csv(school, cases) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows(school, cases))
    return buffer.getvalue()


def as_noark_xml(school, cases) -> bytes:
    """The closed cases as saksmapper: title = case reference, dates, case handler, school, access code."""
    archive = Element("arkiv", {"xmlns": NOARK, "xmlns:xsi": XSI})
    SubElement(archive, "tittel").text = school.name
    part = SubElement(archive, "arkivdel")
    SubElement(part, "tittel").text = f"{school.name}: Rusplan"
    for row, case in zip(rows(school, cases), cases, strict=True):
        _saksmappe(part, row, case)
    indent(archive)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + tostring(archive, encoding="unicode").encode()


def _saksmappe(part: Element, row: dict[str, str], case) -> None:
    folder = SubElement(part, "mappe", {"xsi:type": "saksmappe"})
    for tag, value in (
        ("systemID", f"{case.school.slug}-{row['case_reference']}"),
        ("mappeID", row["archive_reference"] or row["case_reference"]),
        ("tittel", row["case_reference"]),
        ("opprettetDato", row["opened_at"]),
        ("opprettetAv", row["opened_by"]),
        ("avsluttetDato", row["closed_at"]),
        ("avsluttetAv", row["closed_by"]),
    ):
        SubElement(folder, tag).text = value
    screening = SubElement(folder, "skjerming")
    SubElement(screening, "tilgangsrestriksjon").text = RESTRICTION
    SubElement(screening, "skjermingshjemmel").text = BASIS
    SubElement(folder, "saksaar").text = str(case.year)
    SubElement(folder, "sakssekvensnummer").text = str(case.number)
    SubElement(folder, "saksdato").text = row["opened_at"][:10]
    SubElement(folder, "administrativEnhet").text = row["school"]
    SubElement(folder, "saksansvarlig").text = row["opened_by"]
    SubElement(folder, "saksstatus").text = "Avsluttet"
