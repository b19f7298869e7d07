"""Month names, in the order of the school year (it starts in August)."""

from babel.dates import get_month_names
from flask_babel import get_locale

from ..forms_support import choices

SCHOOL_YEAR_MONTHS = (8, 9, 10, 11, 12, 1, 2, 3, 4, 5, 6, 7)


def month_name(number: int) -> str:
    """Month 1-12 in the page's language, from Babel's locale data, capitalised as a label stands
    ("Januar", "January"). The stand-alone form: in Ukrainian or Polish the format form is genitive."""
    name = get_month_names("wide", "stand-alone", get_locale())[int(number)]
    return name[:1].upper() + name[1:]


def month_choices():
    """WTForms choices for the months 1-12, in school-year order."""
    return choices((str(m), month_name(m)) for m in SCHOOL_YEAR_MONTHS)


def month_abbreviation(number: int) -> str:
    """Month 1-12 as a short label (the annual wheel's segments), from Babel's locale data: "aug", "серп.",
    "ነሓ"; never a cut-off name, which would be wrong in Arabic script or Ethiopic."""
    return get_month_names("abbreviated", "stand-alone", get_locale())[int(number)]
