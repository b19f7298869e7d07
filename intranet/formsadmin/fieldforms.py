"""The builder's editor of one field, built for its type and the form's languages.

A field's JSON becomes its editor's data here (`editor_data`); fieldreading.py reads it back.
Type-specific settings come from the engine's `settings_schema`; `SETTING_WIDGETS` says how the
builder asks for each setting by name, so a new field type needs no change here unless it brings
a new setting.
"""

import json
from dataclasses import dataclass
from decimal import Decimal

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DecimalField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional, Regexp

from forms import FIELD_TYPES, Field
from forms.due import MAX_AMOUNT, UNITS
from forms.fields import NumberRange

from ..forms_support import CheckboxListField, choices, strip
from ..i18n import language_name

TYPE_LABELS = {
    "heading": _l("Heading or info text"),
    "check": _l("Step to tick off"),
    "call": _l("Phone call step"),
    "yes_no": _l("Yes or no"),
    "text": _l("Short text"),
    "long_text": _l("Long text"),
    "number": _l("Number"),
    "date": _l("Date"),
    "datetime": _l("Date and time"),
    "single_choice": _l("One choice"),
    "multiple_choice": _l("Several choices"),
    "contact": _l("Contact or role"),
}
UNIT_LABELS = {"hours": _l("hours"), "days": _l("days"), "school_days": _l("school days (by the school's calendar)")}
OP_LABELS = {"equals": _l("is"), "not_equals": _l("is not"), "in": _l("is one of")}
LABEL_LENGTH = 300
HELP_LENGTH = 2000


def type_label(type_name: str) -> str:
    return str(TYPE_LABELS.get(type_name, type_name))


@dataclass(frozen=True)
class SettingWidget:
    """How the builder asks for one setting: a WTForms field, and the conversion to and from JSON."""

    make: object  # (roles) -> unbound WTForms field
    to_json: object = lambda data: data if data not in (None, "", False) else None
    from_json: object = lambda value: value


def _number(data):
    if data is None:
        return None
    return int(data) if data == data.to_integral_value() else float(data)


SETTING_WIDGETS: dict[str, SettingWidget] = {
    "max_length": SettingWidget(
        lambda roles: IntegerField(_l("Longest answer (characters)"), [Optional(), NumberRange(1, 1000)])
    ),
    "min": SettingWidget(lambda roles: DecimalField(_l("Lowest number allowed"), [Optional()]), _number, Decimal),
    "max": SettingWidget(lambda roles: DecimalField(_l("Highest number allowed"), [Optional()]), _number, Decimal),
    "integer": SettingWidget(lambda roles: BooleanField(_l("Whole numbers only"))),
    "role": SettingWidget(
        lambda roles: SelectField(
            _l("Call whoever holds this role at the school"),
            choices=choices([("", _l("(no role)")), *roles]),
            default="",
        )
    ),
    "number": SettingWidget(
        lambda roles: StringField(
            _l("…or call this number"),
            [
                Optional(),
                Regexp(r"^\+?[0-9][0-9 ]{1,18}[0-9]$", message=_l("Write the number with digits and spaces.")),
            ],
            filters=[strip],
            description=_l("For example 02800 (the police) or 116 117 (legevakt). Fill in the role or the number."),
        )
    ),
    "starts": SettingWidget(  # its choices, the owner's checklists, are set where the editor is made
        lambda roles: SelectField(
            _l("Ticking it starts the checklist"),
            choices=choices([("", _l("(no checklist)"))]),
            default="",
            description=_l("Staff start it in the same case with one tap, and the step shows it is started."),
        )
    ),
    "pick": SettingWidget(
        lambda roles: SelectField(
            _l("What may be picked"),
            choices=choices([("", _l("A person or a role")), ("person", _l("A person")), ("role", _l("A role"))]),
            default="",
        )
    ),
}


class ChoiceRow(Form):
    id = HiddenField()
    key = HiddenField()


class ConditionRow(Form):
    id = HiddenField()
    field = SelectField(_l("When the answer to"), validate_choice=False)
    op = SelectField(_l("Comparison"), choices=choices(OP_LABELS.items()), default="equals")
    values = CheckboxListField(_l("Answers"), validate_choice=False)
    text = StringField(_l("Answer"), filters=[strip])


def editor_class(type_name: str, languages: list[str], default_language: str, roles: list) -> type[FlaskForm]:
    """The editor for one field of `type_name`, with label and help in each of `languages`."""
    field_type = FIELD_TYPES[type_name]

    class ChoiceForm(ChoiceRow):
        pass

    for lang in languages:
        validators = [Length(max=LABEL_LENGTH)]
        text = _("Choice (%(language)s)", language=language_name(lang))
        label = StringField(text, validators, render_kw={"lang": lang})
        setattr(ChoiceForm, f"label_{lang}", label)

    class FieldEditor(FlaskForm):
        version = HiddenField()

    for lang in languages:
        required = (
            [DataRequired(_l("Write the label in the form's main language."))] if lang == default_language else []
        )
        setattr(
            FieldEditor,
            f"label_{lang}",
            StringField(_l("Label"), [*required, Length(max=LABEL_LENGTH)], filters=[strip], render_kw={"lang": lang}),
        )
        help_text = TextAreaField(_l("Help text"), [Length(max=HELP_LENGTH)], render_kw={"lang": lang})
        setattr(FieldEditor, f"help_{lang}", help_text)
    if field_type.takes_answer:  # a heading is nobody's task and never due: it is not offered either
        FieldEditor.required = BooleanField(_l("Must be answered"))
        FieldEditor.role = SelectField(
            _l("Responsible role"), choices=choices([("", _l("(no one in particular)")), *roles]), default=""
        )
        FieldEditor.due_amount = IntegerField(
            _l("Due after"),
            [Optional(), NumberRange(0, MAX_AMOUNT)],
            description=_l("Counted from when the case starts."),
        )
        FieldEditor.due_unit = SelectField(
            _l("Unit"), choices=choices((unit, UNIT_LABELS[unit]) for unit in UNITS), default="days"
        )
    for name in field_type.settings_schema:
        setattr(FieldEditor, f"setting_{name}", SETTING_WIDGETS[name].make(roles))
    if field_type.has_choices:
        FieldEditor.choices = FieldList(FormField(ChoiceForm), label=_l("Choices"))
    FieldEditor.show_mode = SelectField(
        _l("Show this field"),
        choices=choices([("all", _l("when all the conditions hold")), ("any", _l("when any of the conditions holds"))]),
        default="all",
    )
    FieldEditor.conditions = FieldList(FormField(ConditionRow), label=_l("Conditions"))
    FieldEditor.languages = languages
    FieldEditor.default_language = default_language
    FieldEditor.field_type = field_type
    return FieldEditor


def editor_data(field: dict, languages: list[str]) -> dict:
    """The editor's data for a field's JSON."""
    field_type = FIELD_TYPES[field["type"]]
    data = {"required": field.get("required", False), "role": field.get("role") or ""}
    for lang in languages:
        data[f"label_{lang}"] = field.get("label", {}).get(lang, "")
        data[f"help_{lang}"] = field.get("help", {}).get(lang, "")
    due = field.get("due")
    if due:
        data["due_amount"], data["due_unit"] = due["amount"], due["unit"]
    for name in field_type.settings_schema:
        if name in field.get("settings", {}):
            data[f"setting_{name}"] = SETTING_WIDGETS[name].from_json(field["settings"][name])
    data["choices"] = [
        {"id": c["key"], "key": c["key"], **{f"label_{lang}": c.get("label", {}).get(lang, "") for lang in languages}}
        for c in field.get("choices", [])
    ]
    show_if = field.get("show_if") or {}
    mode, conditions = next(iter(show_if.items()), ("all", []))
    data["show_mode"] = mode
    data["conditions"] = [_condition_data(index, c) for index, c in enumerate(conditions)]
    return data


def _condition_data(index: int, condition: dict) -> dict:
    value = condition.get("value")
    listed = value if isinstance(value, list) else [value]
    return {
        "id": f"c{index}",
        "field": condition.get("field", ""),
        "op": condition.get("op", "equals"),
        "values": [json.dumps(v) for v in listed],
        "text": "" if isinstance(value, list | bool) or value is None else str(value),
    }


def earlier_fields(draft: dict, key: str) -> list[Field]:
    """The fields before `key` that take an answer: what a condition may refer to."""
    found = []
    for data in draft["fields"]:
        if data.get("key") == key:
            break
        try:
            field = Field.from_json(data)
        except (KeyError, TypeError, ValueError):
            continue  # a field with problems of its own: listed elsewhere, not offered here
        if field.takes_answer:
            found.append(field)
    return found


def value_label(field: Field, value, language: str, fallback: str) -> str:
    """How a possible answer of `field` reads in a condition."""
    if field.has_choices:
        choice = next((c for c in field.choices if c.key == value), None)
        return choice.label.get(language) or choice.label.get(fallback) or value if choice else str(value)
    if value is True:
        return _("Done") if field.type_name in ("check", "call") else _("Yes")
    return _("No") if value is False else str(value)


def prepare(form, earlier: list[Field], language: str, fallback: str) -> None:
    """Offer the earlier fields in each condition row, and that field's possible answers."""
    by_key = {field.key: field for field in earlier}
    field_choices = [(f.key, f.label.get(language) or f.label.get(fallback) or f.key) for f in earlier]
    for row in form.conditions:
        row.form.field.choices = choices(field_choices)
        ref = by_key.get(row.form.field.data) or (earlier[0] if earlier and not row.form.field.data else None)
        possible = ref.condition_choices() if ref else None
        row.form.values.choices = choices(
            (json.dumps(v), value_label(ref, v, language, fallback)) for v in (possible or ())
        )
        row.takes_text = ref is not None and possible is None
