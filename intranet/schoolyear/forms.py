"""The school-year pages' forms, and what each kind of closed period is called."""

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, StringField
from wtforms.validators import InputRequired, Length, Optional

from ..forms_support import choices, strip
from ..i18n import content_in_page, site_languages
from .models import ClosedKind, ClosedPeriod

KIND_LABELS = {
    ClosedKind.AUTUMN_BREAK: _l("Autumn break"),
    ClosedKind.CHRISTMAS_BREAK: _l("Christmas break"),
    ClosedKind.WINTER_BREAK: _l("Winter break"),
    ClosedKind.EASTER_BREAK: _l("Easter break"),
    ClosedKind.PLANNING_DAY: _l("Planning day"),
    ClosedKind.OTHER: _l("Other day without school"),
}
DATE_MESSAGE = _l("Write a date, for example 2026-08-17.")


def period_name(period: ClosedPeriod, language: str, fallback: str = "nb"):
    """What the calendar calls the period: its own name, else its kind's. A name only the school's language
    (`fallback`) has is shown in it and says so (`lang`); so is a kind's name on a public page in a language
    whose catalog translates the public pages' words only (Ukrainian, Arabic, ...: not these), never the
    English msgid as if it were Ukrainian."""
    if period.name:
        return content_in_page(period.name, language, fallback)
    if language in site_languages():
        return str(KIND_LABELS[period.kind])
    with force_locale(fallback):
        name = str(KIND_LABELS[period.kind])
    return content_in_page({fallback: name}, language, fallback)


class DayField(DateField):
    """A date (an <input type="date">), refused with our own translated message."""

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError as error:
            raise ValueError(str(DATE_MESSAGE)) from error


def _date(label, **kwargs):
    return DayField(label, [InputRequired(DATE_MESSAGE)], format="%Y-%m-%d", **kwargs)


class YearForm(FlaskForm):
    first_day = _date(_l("First school day"))
    last_day = _date(_l("Last school day"))


class PeriodForm(FlaskForm):
    kind = SelectField(_l("What"), choices=choices((kind.value, label) for kind, label in KIND_LABELS.items()))
    # Shown on the page of the year's own form: ids of their own (the names stay what is posted).
    first_day = _date(_l("First day without school"), id="period_first_day")
    last_day = DayField(
        _l("Last day without school"),
        [Optional()],
        id="period_last_day",
        format="%Y-%m-%d",
        description=_l("Leave empty for a single day."),
    )
    name = StringField(
        _l("Name (optional)"),
        [Optional(), Length(max=120)],
        filters=[strip],
        description=_l("For example “Winter sports day”. Without a name the calendar shows what it is."),
    )

    def last(self):
        return self.last_day.data or self.first_day.data


class ImportForm(FlaskForm):
    """The file itself is read from `request.files` (field name "file")."""
