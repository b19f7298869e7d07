"""WTForms for the plan and template editors. A section's form is built from its kind (kinds.py)."""

from functools import cache

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, Form, HiddenField, SelectField, StringField, TextAreaField, URLField
from wtforms.fields import FieldList, FormField
from wtforms.validators import URL, DataRequired, Length, Optional, Regexp, ValidationError

from ..forms_support import CheckboxListField, choices, strip
from .kinds import BOOL, CHOICE, DATE, I18N, I18N_LONG, KINDS, MONTHS, PHONE, ROLES, TEXT
from .kinds import URL as URL_TYPE

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
# The school year starts in August.
SCHOOL_YEAR_MONTHS = (8, 9, 10, 11, 12, 1, 2, 3, 4, 5, 6, 7)


def month_choices():
    return choices((str(m), MONTH_NAMES[m - 1]) for m in SCHOOL_YEAR_MONTHS)


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


def _item_field(spec, required: bool):
    need = [DataRequired(_l("Fill in this field."))] if required and spec.required else [Optional()]
    length = Length(max=spec.max_length, message=_l("At most %(max)d characters.", max=spec.max_length))
    if spec.type in (I18N, TEXT):
        return StringField(spec.label, filters=[strip], validators=[*need, length])
    if spec.type == I18N_LONG:
        return TextAreaField(spec.label, filters=[strip], validators=[*need, length], render_kw={"rows": 3})
    if spec.type == PHONE:
        return StringField(
            spec.label,
            filters=[strip],
            validators=[Optional(), length],
            render_kw={"type": "tel", "autocomplete": "off"},
        )
    if spec.type == URL_TYPE:
        return URLField(
            spec.label,
            filters=[strip],
            validators=[*need, length, URL(message=_l("Enter a web address starting with https://."))],
        )
    if spec.type == CHOICE:
        return SelectField(spec.label, choices=choices([("", _l("Not set")), *spec.choices]), validators=[Optional()])
    if spec.type == MONTHS:
        months_required = [months_or_date(_l("Choose at least one month."))] if required and spec.required else []
        return CheckboxListField(
            spec.label,
            choices=month_choices(),
            validate_choice=False,
            validators=[*months_required, only_known_choices(_l("Choose months from January to December."))],
        )
    if spec.type == DATE:
        return DateField(spec.label, validators=[Optional()])
    if spec.type == BOOL:
        return BooleanField(spec.label)
    if spec.type == ROLES:
        return CheckboxListField(
            spec.label,
            choices=[],
            validate_choice=False,
            validators=[only_known_choices(_l("Choose roles from the school's list."))],
        )
    raise ValueError(spec.type)


@cache
def item_form_class(kind_name: str, default_language: bool) -> type[Form]:
    """A WTForms form for one item of `kind_name`; required fields bind only in the default language."""
    attrs = {"id": HiddenField()}
    for spec in KINDS[kind_name].item_fields:
        attrs[spec.name] = _item_field(spec, default_language)
    return type(f"{kind_name.title()}ItemForm", (Form,), attrs)


def section_form_class(kind_name: str, default_language: bool) -> type[FlaskForm]:
    attrs = {
        "title": StringField(_l("Title"), filters=[strip], validators=[Length(max=200)]),
        "body": TextAreaField(
            _l("Text"),
            filters=[strip],
            render_kw={"rows": 12},
            description=_l(
                "Markdown: **bold**, *italic*, lists with -, links as [text](https://...), headings with #."
            ),
        ),
        "public": BooleanField(_l("Public: shown to parents and students on the school's page")),
        "version": HiddenField(),
    }
    if KINDS[kind_name].has_items:
        attrs["items"] = FieldList(FormField(item_form_class(kind_name, default_language)), min_entries=0)
    return type(f"{kind_name.title()}SectionForm", (FlaskForm,), attrs)


class AddSectionForm(FlaskForm):
    title = StringField(
        _l("Title"), filters=[strip], validators=[DataRequired(_l("Give the section a title.")), Length(max=200)]
    )
    kind = SelectField(_l("Kind of section"), choices=choices((k.name, k.label) for k in KINDS.values()))
    key = StringField(
        _l("Key"),
        filters=[strip, lambda v: v.lower() if isinstance(v, str) else v],
        description=_l("A short name used in links, e.g. our_measures. Lowercase letters, digits and _."),
        validators=[
            DataRequired(_l("Give the section a key.")),
            Regexp(
                r"^[a-z][a-z0-9_]{1,59}$",
                message=_l("Use 2 to 60 lowercase letters, digits and _, starting with a letter."),
            ),
        ],
    )
    public = BooleanField(_l("Public"), default=True)


class PublishForm(FlaskForm):
    note = StringField(
        _l("What changed?"),
        filters=[strip],
        validators=[DataRequired(_l("Say in a few words what changed.")), Length(max=500)],
    )


def role_choices(role_names: dict, lang: str, fallback: str):
    from ..i18n import localized

    return choices((key, localized(names, lang, fallback)[0]) for key, names in role_names.items())
