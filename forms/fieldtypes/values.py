"""Fields that hold a value: yes/no, text, long text, number, date and date-time."""

import datetime as dt
import decimal
import re
from typing import Any

import wtforms
from wtforms import validators as v

from forms.errors import InvalidAnswer
from forms.fields import Field, NumberRange, Problem, WidgetContext, register_field_type, select_choices
from forms.fieldtypes.steps import coerce_boolean
from forms.settings import boolean, number, whole_number
from forms.text import is_number

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})?")


def strip(value: Any) -> Any:
    """WTForms filter: ignore spaces around typed text."""
    return value.strip() if isinstance(value, str) else value


@register_field_type
class YesNoField(Field):
    """A yes/no question; the answer is true (yes) or false (no), and both fulfil `required`."""

    type_name = "yes_no"

    def coerce(self, value: Any) -> bool | None:
        return coerce_boolean(value)

    def condition_choices(self) -> tuple[Any, ...]:
        return (True, False)

    def wtforms_field(self, context: WidgetContext, validators: list) -> Any:
        yes, no = context.yes_no_labels
        choices = select_choices([("yes", yes), ("no", no)])
        return wtforms.RadioField(choices=choices, **self.wtforms_kwargs(context, validators))

    def from_form_data(self, data: Any) -> bool | None:
        return {"yes": True, "no": False}.get(data, data) if isinstance(data, str) else data

    def to_form_data(self, value: Any) -> str | None:
        return None if value is None else ("yes" if value else "no")


@register_field_type
class TextField(Field):
    """Short text on one line; surrounding spaces are dropped and blank text is no answer."""

    type_name = "text"
    settings_schema = {"max_length": whole_number(1, 1000)}
    default_max_length = 200

    @property
    def max_length(self) -> int:
        """The longest answer accepted, in characters."""
        return self.settings.get("max_length", self.default_max_length)

    def coerce(self, value: Any) -> str | None:
        if value is None:
            return None
        if not isinstance(value, str):
            raise InvalidAnswer("not_text")
        if len(text := value.strip()) > self.max_length:
            raise InvalidAnswer("too_long", max=self.max_length)
        return text or None

    def wtforms_field(self, context: WidgetContext, validators: list) -> Any:
        kwargs = self.wtforms_kwargs(context, [*validators, v.Length(max=self.max_length)])
        return wtforms.StringField(filters=[strip], **kwargs)


@register_field_type
class LongTextField(TextField):
    """Longer text over several lines (a text area)."""

    type_name = "long_text"
    settings_schema = {"max_length": whole_number(1, 100_000)}
    default_max_length = 10_000

    def wtforms_field(self, context: WidgetContext, validators: list) -> Any:
        kwargs = self.wtforms_kwargs(context, [*validators, v.Length(max=self.max_length)])
        return wtforms.TextAreaField(filters=[strip], **kwargs)


@register_field_type
class NumberField(Field):
    """A number, optionally whole (`integer`) and within `min` and `max`; whole values come out as ints."""

    type_name = "number"
    settings_schema = {"min": number(), "max": number(), "integer": boolean()}

    @classmethod
    def check_setting_combination(cls, settings: dict) -> list[Problem]:
        low, high = settings.get("min"), settings.get("max")
        return [("min_above_max", {"min": low, "max": high})] if None not in (low, high) and low > high else []

    def coerce(self, value: Any) -> int | float | None:
        if isinstance(value, str):
            value = _parse_number(value)
        if value is None:
            return None
        if not is_number(value):
            raise InvalidAnswer("not_number")
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if self.settings.get("integer") and not isinstance(value, int):
            raise InvalidAnswer("not_whole_number")
        if "min" in self.settings and value < self.settings["min"]:
            raise InvalidAnswer("below_min", min=self.settings["min"])
        if "max" in self.settings and value > self.settings["max"]:
            raise InvalidAnswer("above_max", max=self.settings["max"])
        return value

    def wtforms_field(self, context: WidgetContext, validators: list) -> Any:
        low, high = self.settings.get("min"), self.settings.get("max")
        if low is not None or high is not None:
            validators = [*validators, NumberRange(min=low, max=high)]
        kwargs = self.wtforms_kwargs(context, validators)
        if self.settings.get("integer"):
            return wtforms.IntegerField(**kwargs)
        return wtforms.DecimalField(widget=wtforms.widgets.NumberInput(step="any"), **kwargs)

    def from_form_data(self, data: Any) -> Any:
        return float(data) if isinstance(data, decimal.Decimal) else data


def _parse_number(text: str) -> Any:
    """A number typed as text, None for blank text, or the text itself when it is no number."""
    if not text.strip():
        return None
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return float(text)
    except ValueError:
        return text


@register_field_type
class DateField(Field):
    """A date; the answer is an ISO date string, "YYYY-MM-DD"."""

    type_name = "date"

    def coerce(self, value: Any) -> str | None:
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value.isoformat()
        if value is None or value == "":
            return None
        try:
            if isinstance(value, str) and ISO_DATE.fullmatch(value):
                return dt.date.fromisoformat(value).isoformat()
        except ValueError:
            pass
        raise InvalidAnswer("not_date")

    def wtforms_field(self, context: WidgetContext, validators: list) -> Any:
        return wtforms.DateField(**self.wtforms_kwargs(context, validators))

    def to_form_data(self, value: Any) -> Any:
        return None if value is None else dt.date.fromisoformat(value)


@register_field_type
class DateTimeField(Field):
    """A date and time; the answer is an ISO string, "YYYY-MM-DDTHH:MM" (seconds and offset kept if given).

    WTForms submissions (an HTML datetime-local input) carry the local clock time, without offset.
    """

    type_name = "datetime"
    formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]

    def coerce(self, value: Any) -> str | None:
        if isinstance(value, dt.datetime):
            return _iso_datetime(value)
        if value is None or value == "":
            return None
        try:
            if isinstance(value, str) and ISO_DATETIME.fullmatch(value):
                return _iso_datetime(dt.datetime.fromisoformat(value))
        except ValueError:
            pass
        raise InvalidAnswer("not_datetime")

    def wtforms_field(self, context: WidgetContext, validators: list) -> Any:
        return wtforms.DateTimeLocalField(format=self.formats, **self.wtforms_kwargs(context, validators))

    def to_form_data(self, value: Any) -> Any:
        return None if value is None else dt.datetime.fromisoformat(value)


def _iso_datetime(moment: dt.datetime) -> str:
    whole_minute = moment.second == 0 and moment.microsecond == 0
    return moment.isoformat(timespec="minutes" if whole_minute else "auto")
