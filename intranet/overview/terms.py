"""School terms: the autumn term runs August to December, the spring term January to July.

That is how the municipalities' school years (`intranet/schoolyear/`) fall: first day in August, last
day in June. A term is numbered `year * 2 + 1` for the autumn and `year * 2` for the spring, so the
numbers sort in time and SQL can compute them from a date.
"""

from flask_babel import gettext as _
from sqlalchemy import case, extract


def term_of(column):
    """The term number of a date or time column, as SQL (the same on SQLite and PostgreSQL)."""
    return extract("year", column) * 2 + case((extract("month", column) >= 8, 1), else_=0)


def term_name(term: int) -> str:
    year, autumn = divmod(int(term), 2)
    return _("Autumn %(year)d", year=year) if autumn else _("Spring %(year)d", year=year)
