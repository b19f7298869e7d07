"""Month names, in the order of the school year (it starts in August)."""

from flask_babel import lazy_gettext as _l

from ..forms_support import choices

MONTH_NAMES = (
    _l("January"),
    _l("February"),
    _l("March"),
    _l("April"),
    _l("May"),
    _l("June"),
    _l("July"),
    _l("August"),
    _l("September"),
    _l("October"),
    _l("November"),
    _l("December"),
)
SCHOOL_YEAR_MONTHS = (8, 9, 10, 11, 12, 1, 2, 3, 4, 5, 6, 7)


def month_choices():
    """WTForms choices for the months 1-12, in school-year order."""
    return choices((str(m), MONTH_NAMES[m - 1]) for m in SCHOOL_YEAR_MONTHS)
