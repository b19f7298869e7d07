"""Dates and times as a reader in Norway reads them, in every language: day before month, a 24-hour clock.

Babel formats a language's dates by its default territory, which for English is the United States
("12/4/26, 3:46 PM"). Our readers live in Norway, so English is formatted by British conventions
("4 Dec 2026, 15:46"), while texts still come from the "en" catalog. Every date the app shows goes
through here: the template filters `datetimeformat`, `dateformat` and `timeformat` (replacing
Flask-Babel's) and the functions below for Python code.
"""

from datetime import date, datetime

from babel import Locale, dates
from flask import Flask
from flask_babel import get_locale, get_timezone, to_user_timezone

# The language a text is in → the locale its dates are formatted by (the conventions of a Norwegian reader).
FORMAT_LOCALES = {"en": "en_GB"}


def formatting_locale() -> Locale:
    """The locale dates are formatted by for the current language."""
    locale = get_locale()
    name = FORMAT_LOCALES.get(str(locale))
    return Locale.parse(name) if name else locale


def format_datetime(value: datetime | None = None, format: str = "short") -> str:
    """A moment in the reader's zone. "short" is the one a page shows most: the medium date and the short
    time ("4 Dec 2026, 15:46", "4. des. 2026, 15:46"); never a numeric date a reader must decode."""
    value = value if value is not None else datetime.now(get_timezone())
    locale, zone = formatting_locale(), get_timezone()
    if format != "short":
        return dates.format_datetime(value, format, tzinfo=zone, locale=locale)
    day = dates.format_date(to_user_timezone(value), "medium", locale=locale)
    clock = dates.format_time(value, "short", tzinfo=zone, locale=locale)
    return locale.datetime_formats["medium"].format(clock, day)


def format_date(value: date | datetime | None = None, format: str = "medium") -> str:
    if isinstance(value, datetime):
        value = to_user_timezone(value)
    return dates.format_date(value, format, locale=formatting_locale())


def format_time(value: datetime | None = None, format: str = "short") -> str:
    return dates.format_time(value, format, tzinfo=get_timezone(), locale=formatting_locale())


def format_skeleton(skeleton: str, value, tzinfo=None) -> str:
    """A date or time by a CLDR skeleton ("MMMEd": "Fri 4 Dec"), in `tzinfo` when given."""
    return dates.format_skeleton(skeleton, value, tzinfo=tzinfo, locale=formatting_locale())


def written_date(value: str) -> str:
    """An ISO date ("2027-01-08") or local clock time ("2027-01-08T10:00") as a reader writes it:
    "8 January 2027", "8. januar 2027, 10:00". The clock time is the one typed: no zone to convert."""
    try:
        moment = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return str(value)
    locale = formatting_locale()
    day = dates.format_date(moment.date(), "long", locale=locale)
    if "T" not in value and " " not in value:
        return day
    clock = dates.format_time(moment.replace(tzinfo=None), "short", locale=locale)
    return locale.datetime_formats["medium"].format(clock, day)


def configure_dates(app: Flask) -> None:
    """The templates' date filters format as this module does (call after Flask-Babel's init_app)."""
    app.jinja_env.filters.update(datetimeformat=format_datetime, dateformat=format_date, timeformat=format_time)
