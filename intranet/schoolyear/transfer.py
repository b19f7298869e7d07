"""A school year's calendar in and out: iCalendar (`icalendar`) and CSV, as municipalities publish it.

Both carry the breaks and planning days and two one-day markers, the first and the last school day.
CSV: a header `kind,first_day,last_day,name`, dates as 2026-08-17 or 17.08.2026, kinds as in `ClosedKind`
plus `first_day` and `last_day`. iCalendar: all-day events; the kind is the event's CATEGORIES when it
names one, else read from the summary ("Høstferie", "Juleferie", "Planleggingsdag", ...).
"""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from flask_babel import gettext as _

from .models import ClosedKind, ClosedPeriod, SchoolYear
from .operations import PeriodData

FIRST, LAST = "first_day", "last_day"
MAX_FILE = 256 * 1024
CSV_HEADER = ["kind", "first_day", "last_day", "name"]
KEYWORDS = [  # (pattern in a lower-case summary, kind), first match wins
    (r"første skoledag|fyrste skuledag|skolestart|skulestart|first day", FIRST),
    (r"siste skoledag|siste skuledag|last day", LAST),
    (r"høst|haust|autumn", ClosedKind.AUTUMN_BREAK),
    (r"jule|\bjul\b|christmas", ClosedKind.CHRISTMAS_BREAK),
    (r"vinter|winter", ClosedKind.WINTER_BREAK),
    (r"påske|easter", ClosedKind.EASTER_BREAK),
    (r"planlegging|planning|kursdag", ClosedKind.PLANNING_DAY),
]
KINDS = {kind.value: kind for kind in ClosedKind}


class ImportProblem(Exception):
    """The file cannot be read; `problems` says where and why, in the user's language."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass
class Imported:
    periods: list[PeriodData] = field(default_factory=list)
    first_day: date | None = None
    last_day: date | None = None
    outside: int = 0  # events that fall wholly outside the school year (ignored)


def guess_kind(summary: str, categories: list[str]) -> ClosedKind | str:
    for category in categories:
        if category in KINDS or category in (FIRST, LAST):
            return KINDS.get(category, category)
    lowered = summary.lower()
    return next((kind for pattern, kind in KEYWORDS if re.search(pattern, lowered)), ClosedKind.OTHER)


def _collect(found: Imported, year: SchoolYear, kind, first: date, last: date, name: str, language: str) -> None:
    if kind == FIRST:
        found.first_day = first
    elif kind == LAST:
        found.last_day = first
    elif last < year.first_day or first > year.last_day:
        found.outside += 1
    else:
        named = {language: name} if name and kind == ClosedKind.OTHER else {}
        found.periods.append(PeriodData(kind, max(first, year.first_day), min(last, year.last_day), named))


def _as_date(value) -> date:
    return value.date() if isinstance(value, datetime) else value


def read_ics(raw: bytes, year: SchoolYear, language: str) -> Imported:
    """The events of an iCalendar file that fall in `year` (all-day: DTEND is the day after)."""
    from icalendar import Calendar  # loaded by the first import, not by every worker at start

    try:
        calendar = Calendar.from_ical(raw.decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError) as error:
        raise ImportProblem([_("This is not an iCalendar file: %(reason)s", reason=str(error))]) from error
    found, problems = Imported(), []
    for number, event in enumerate(calendar.walk("VEVENT"), start=1):
        summary = str(event.get("SUMMARY", "")).strip()
        start, end = event.get("DTSTART"), event.get("DTEND")
        if start is None:
            problems.append(_("Event %(number)d (%(summary)s) has no start.", number=number, summary=summary))
            continue
        first = _as_date(start.dt)
        if end is None:
            last = first
        elif isinstance(end.dt, datetime):
            last = max(first, (end.dt - timedelta(seconds=1)).date())
        else:
            last = max(first, end.dt - timedelta(days=1))
        categories = [str(c).strip().lower() for entry in _listed(event.get("CATEGORIES")) for c in entry.cats]
        _collect(found, year, guess_kind(summary, categories), first, last, summary, language)
    if problems:
        raise ImportProblem(problems)
    return found


def _listed(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _read_date(text: str) -> date:
    text = text.strip()
    match = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", text)
    if match:
        return date(int(match[3]), int(match[2]), int(match[1]))
    return date.fromisoformat(text)


def read_csv(raw: bytes, year: SchoolYear, language: str) -> Imported:
    """The rows of a CSV file (comma or semicolon separated) that fall in `year`."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportProblem([_("The file is not UTF-8 text.")]) from error
    head = text.split("\n", 1)[0]
    rows = list(csv.reader(io.StringIO(text), delimiter=";" if head.count(";") > head.count(",") else ","))
    if not rows or [cell.strip().lower() for cell in rows[0][:3]] != CSV_HEADER[:3]:
        raise ImportProblem([_("The first line must be: %(header)s", header=",".join(CSV_HEADER))])
    found, problems = Imported(), []
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        cells = [*row, "", "", "", ""][:4]
        kind_text = cells[0].strip().lower()
        kind = KINDS.get(kind_text, kind_text if kind_text in (FIRST, LAST) else None)
        try:
            first = _read_date(cells[1])
            last = _read_date(cells[2]) if cells[2].strip() else first
        except ValueError:
            problems.append(_("Line %(line)d: write the dates as 2026-08-17 or 17.08.2026.", line=line))
            continue
        if kind is None:
            problems.append(_("Line %(line)d: unknown kind “%(kind)s”.", line=line, kind=cells[0].strip()))
        elif last < first:
            problems.append(_("Line %(line)d: the last day comes before the first day.", line=line))
        else:
            _collect(found, year, kind, first, last, cells[3].strip(), language)
    if problems:
        raise ImportProblem(problems)
    return found


def read_file(filename: str, raw: bytes, year: SchoolYear, language: str) -> Imported:
    """An uploaded calendar: iCalendar when it says BEGIN:VCALENDAR (or is named .ics), else CSV."""
    if len(raw) > MAX_FILE:
        raise ImportProblem([_("The file is larger than 256 kB; this is not a school calendar.")])
    if not raw.strip():
        raise ImportProblem([_("Choose an iCalendar (.ics) or CSV file.")])
    if raw.lstrip().startswith(b"BEGIN:VCALENDAR") or filename.lower().endswith(".ics"):
        return read_ics(raw, year, language)
    return read_csv(raw, year, language)


def to_csv(year: SchoolYear, periods: list[ClosedPeriod], name_of) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    writer.writerow([FIRST, year.first_day.isoformat(), year.first_day.isoformat(), ""])
    for period in periods:
        writer.writerow([period.kind.value, period.first_day.isoformat(), period.last_day.isoformat(), name_of(period)])
    writer.writerow([LAST, year.last_day.isoformat(), year.last_day.isoformat(), ""])
    return out.getvalue()


def to_ics(year: SchoolYear, periods: list[ClosedPeriod], name_of, markers: tuple[str, str], calendar_name: str, stamp):
    """All-day events: the first and last school day (`markers` are their summaries), and each period."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//Rusplan//School year//NO")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", calendar_name)
    entries = [(f"first-{year.id}", FIRST, year.first_day, year.first_day, markers[0])]
    entries += [(f"closed-{p.id}", p.kind.value, p.first_day, p.last_day, name_of(p)) for p in periods]
    entries.append((f"last-{year.id}", LAST, year.last_day, year.last_day, markers[1]))
    for uid, kind, first, last, summary in entries:
        event = Event()
        event.add("uid", f"{uid}@rusplan")
        event.add("dtstamp", stamp)
        event.add("summary", summary)
        event.add("categories", [kind])
        event.add("dtstart", first)
        event.add("dtend", last + timedelta(days=1))
        calendar.add_component(event)
    return calendar.to_ical()
