"""The field types of a section's items. Each knows its WTForms field, its stored JSON and its diff text.

An item is stored as a JSON object, one value per field. A field type says which WTForms field edits
it (`wtforms_field`), how the stored value fills the editor in one language (`form_value`), how a
submitted value is stored, keeping the other languages (`stored_value`), and how it reads as text in
a diff between revisions (`diff_text`). Adding a type means adding one class here.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, DateField, SelectField, StringField, TextAreaField, URLField
from wtforms.validators import URL, DataRequired, Length, Optional, ValidationError

from forms.text import localized

from ...contacts.roles import RoleCatalogue
from ...forms_support import CheckboxListField, choices, strip
from ..months import month_choices


def only_known_choices(message):
    """A multiple-choice field may only hold values it offers (roles and months are set per school)."""

    def check(form, field):
        allowed = {str(choice.value) for choice in field.choices}
        if any(str(value) not in allowed for value in field.data or []):
            raise ValidationError(message)

    return check


def months_or_date(message):
    """At least one month must be chosen, unless the item has a fixed date (its month then counts)."""

    def check(form, field):
        date_field = form._fields.get("date")
        if not field.data and not (date_field is not None and date_field.data):
            raise ValidationError(message)

    return check


def role_choices(roles: RoleCatalogue, lang: str):
    """WTForms choices for the catalogue's function roles, named in `lang`."""
    return choices((role.key, roles.name(role.key, lang)) for role in roles)


@dataclass(frozen=True)
class ItemField:
    """One field of an item; the class is the field's type. The base behaviour is one line of plain text."""

    name: str
    label: Any
    required: bool = False
    max_length: int = 2000

    #: What the field holds in a row the editor adds (None: nothing, like an empty field).
    new_row_value: ClassVar[str | None] = None

    def needs(self, in_default_language: bool) -> list:
        """DataRequired where the field is required (only in the default language), else Optional."""
        if self.required and in_default_language:
            return [DataRequired(_l("Fill in this field."))]
        return [Optional()]

    def length(self) -> Length:
        return Length(max=self.max_length, message=_l("At most %(max)d characters.", max=self.max_length))

    def wtforms_field(self, in_default_language: bool):
        """The unbound WTForms field that edits this field of an item."""
        return StringField(self.label, filters=[strip], validators=[*self.needs(in_default_language), self.length()])

    def bind(self, field, *, lang: str, default_language: str, roles: RoleCatalogue) -> None:
        """Give the bound WTForms field what is only known per request (e.g. the school's roles)."""

    def form_value(self, stored, lang: str):
        """The stored value as the editor shows it in `lang`."""
        return "" if stored is None else stored

    def stored_value(self, submitted, stored, lang: str):
        """The submitted value as stored; `stored` is the value before, for what other languages hold."""
        return "" if submitted is None else submitted

    def diff_text(self, stored, lang: str, fallback: str, roles: RoleCatalogue) -> str:
        """The stored value as text in a diff (empty: left out)."""
        return f"{stored}" if stored else ""


class Plain(ItemField):
    """Text that is the same in every language (e.g. "Vg1", "8. trinn")."""


class Line(ItemField):
    """One line of text per language."""

    def form_value(self, stored, lang: str):
        return (stored or {}).get(lang, "")

    def stored_value(self, submitted, stored, lang: str):
        return {**(stored or {}), lang: submitted or ""}

    def diff_text(self, stored, lang: str, fallback: str, roles: RoleCatalogue) -> str:
        return localized(stored, lang, fallback)


class LongText(Line):
    """Markdown per language."""

    def wtforms_field(self, in_default_language: bool):
        validators = [*self.needs(in_default_language), self.length()]
        return TextAreaField(self.label, filters=[strip], validators=validators, render_kw={"rows": 3})


class Phone(ItemField):
    """A phone number as written; never required."""

    def wtforms_field(self, in_default_language: bool):
        render_kw = {"type": "tel", "autocomplete": "off"}
        return StringField(self.label, filters=[strip], validators=[Optional(), self.length()], render_kw=render_kw)


class WebAddress(ItemField):
    """A web address (https://...)."""

    def wtforms_field(self, in_default_language: bool):
        address = URL(message=_l("Enter a web address starting with https://."))
        validators = [*self.needs(in_default_language), self.length(), address]
        return URLField(self.label, filters=[strip], validators=validators)


@dataclass(frozen=True)
class Choice(ItemField):
    """One of fixed `choices`, (value, label) pairs, or not set."""

    choices: tuple = ()

    def wtforms_field(self, in_default_language: bool):
        return SelectField(self.label, choices=choices([("", _l("Not set")), *self.choices]), validators=[Optional()])


class Months(ItemField):
    """Month numbers 1-12. Required means a month or, where the item has one, a fixed date."""

    def wtforms_field(self, in_default_language: bool):
        required = [months_or_date(_l("Choose at least one month."))] if self.required and in_default_language else []
        known = only_known_choices(_l("Choose months from January to December."))
        return CheckboxListField(
            self.label, choices=month_choices(), validate_choice=False, validators=[*required, known]
        )

    def form_value(self, stored, lang: str):
        return [str(m) for m in stored or []]

    def stored_value(self, submitted, stored, lang: str):
        return sorted(int(m) for m in submitted or [])

    def diff_text(self, stored, lang: str, fallback: str, roles: RoleCatalogue) -> str:
        return ", ".join(str(m) for m in stored or [])


class FixedDate(ItemField):
    """An ISO date, or empty."""

    def wtforms_field(self, in_default_language: bool):
        return DateField(self.label, validators=[Optional()])

    def form_value(self, stored, lang: str):
        return date.fromisoformat(stored) if stored else None

    def stored_value(self, submitted, stored, lang: str):
        return submitted.isoformat() if submitted else ""


class PublicFlag(ItemField):
    """Whether the item is public. Missing means yes: items written before the field existed stay public."""

    new_row_value = "y"

    def wtforms_field(self, in_default_language: bool):
        return BooleanField(self.label)

    def form_value(self, stored, lang: str):
        return True if stored is None else bool(stored)

    def stored_value(self, submitted, stored, lang: str):
        return bool(submitted)

    def diff_text(self, stored, lang: str, fallback: str, roles: RoleCatalogue) -> str:
        return _("public") if stored in (True, None) else _("internal")


class Roles(ItemField):
    """Function role keys, offered from the school's catalogue."""

    def wtforms_field(self, in_default_language: bool):
        known = only_known_choices(_l("Choose roles from the school's list."))
        return CheckboxListField(self.label, choices=[], validate_choice=False, validators=[known])

    def bind(self, field, *, lang: str, default_language: str, roles: RoleCatalogue) -> None:
        field.choices = role_choices(roles, lang)

    def diff_text(self, stored, lang: str, fallback: str, roles: RoleCatalogue) -> str:
        return roles.names_of(stored, lang)
