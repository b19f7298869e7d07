"""The base class of every field type, and the registry of field types by name.

A field type is a subclass of `Field` registered with `@register_field_type`. It says whether it
takes an answer and has choices, which settings it accepts (`settings_schema`, plus
`check_setting_combination` for rules across settings), how an answer is coerced (`coerce`) and
compared in conditions (`matches`), and which WTForms field asks for it (`wtforms_field`).
Adding a type means adding one class; nothing else dispatches on type names.
"""

import dataclasses
import math
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, ClassVar

from wtforms import validators
from wtforms.fields.choices import SelectChoice

from forms.due import Due
from forms.errors import InvalidAnswer, show
from forms.parts import Choice, ShowIf
from forms.settings import Setting
from forms.text import localized

#: Field type name → field class; filled by `register_field_type`.
FIELD_TYPES: dict[str, type["Field"]] = {}

Problem = tuple[str, dict[str, Any]]  # an error code and its params, before the field's index and key are known


def register_field_type(cls: type["Field"]) -> type["Field"]:
    """Class decorator: make `cls` the field type for its `type_name`."""
    if cls.type_name in FIELD_TYPES:
        raise ValueError(f"field type {cls.type_name!r} is registered twice")
    FIELD_TYPES[cls.type_name] = cls
    return cls


class NumberRange(validators.NumberRange):
    """WTForms' NumberRange, also for a whole number too large for a float (its own check raises OverflowError)."""

    def __call__(self, form: Any, field: Any) -> None:
        if isinstance(field.data, int) and abs(field.data) > sys.float_info.max:
            field.data = math.inf if field.data > 0 else -math.inf  # beyond any range; the page shows what was typed
        super().__call__(form, field)


def select_choices(pairs: Iterable[tuple[str, str]]) -> list[SelectChoice]:
    """WTForms choices from (value, label) pairs."""
    return [SelectChoice(value, label) for value, label in pairs]


def same(answer: Any, value: Any) -> bool:
    """Equality for answers: true is not 1 and false is not 0."""
    return answer == value and isinstance(answer, bool) == isinstance(value, bool)


@dataclasses.dataclass(frozen=True)
class WidgetContext:
    """What building WTForms fields needs besides the definition: the language and run-time data.

    `show_text(texts, language, default_language)` gives a label, help or choice as the page shows it:
    `localized` by default; a web page passes one that marks text in another language (its `lang`)."""

    language: str
    default_language: str
    yes_no_labels: tuple[str, str] = ("Yes", "No")
    contact_options: Mapping[str, Sequence[tuple[str, str]]] = dataclasses.field(default_factory=dict)
    show_text: Callable[[Mapping[str, str] | None, str, str], str] = localized

    def text(self, texts: Mapping[str, str]) -> str:
        """`texts` in the form's language, falling back to the definition's default language."""
        return self.show_text(texts, self.language, self.default_language)


@dataclasses.dataclass(frozen=True, kw_only=True)
class Field:
    """One field of a definition. The class is the field's type; see the module docstring.

    `label` and `help` map languages to text; `choices` is empty except on choice types;
    `settings` holds the type's own settings; `role` names the responsible function role; `due`
    is an offset from the case start; `show_if` makes the field conditional on earlier answers.
    """

    type_name: ClassVar[str] = ""
    takes_answer: ClassVar[bool] = True
    has_choices: ClassVar[bool] = False
    settings_schema: ClassVar[Mapping[str, Setting]] = {}

    key: str
    label: dict[str, str]
    help: dict[str, str] = dataclasses.field(default_factory=dict)
    required: bool = False
    choices: tuple[Choice, ...] = ()
    settings: dict[str, Any] = dataclasses.field(default_factory=dict)
    role: str | None = None
    due: Due | None = None
    show_if: ShowIf | None = None

    # ------------------------------------------------------------------ JSON

    @staticmethod
    def from_json(data: dict) -> "Field":
        """The field `data` describes, as an instance of the type it names (data must be valid)."""
        field_type = FIELD_TYPES[data["type"]]
        return field_type(
            key=data["key"],
            label=dict(data["label"]),
            help=dict(data.get("help", {})),
            required=data.get("required", False),
            choices=tuple(Choice.from_json(c) for c in data.get("choices", ())),
            settings=dict(data.get("settings", {})),
            role=data.get("role"),
            due=Due.from_json(data["due"]) if data.get("due") is not None else None,
            show_if=ShowIf.from_json(data["show_if"]) if data.get("show_if") is not None else None,
        )

    def to_json(self) -> dict[str, Any]:
        """The canonical JSON object: optional properties left out when empty, false or None."""
        data: dict[str, Any] = {"key": self.key, "type": self.type_name, "label": dict(self.label)}
        optional = {
            "help": dict(self.help),
            "required": self.required,
            "choices": [choice.to_json() for choice in self.choices],
            "settings": dict(self.settings),
            "role": self.role,
            "due": self.due and self.due.to_json(),
            "show_if": self.show_if and self.show_if.to_json(),
        }
        data.update((name, value) for name, value in optional.items() if value)
        return data

    # ------------------------------------------------------------------ settings

    @classmethod
    def check_settings(cls, settings: dict) -> list[Problem]:
        """Problems with `settings`: unknown names, invalid values, then invalid combinations."""
        problems: list[Problem] = []
        known = ", ".join(cls.settings_schema) or "none"
        for name, value in settings.items():
            spec = cls.settings_schema.get(name)
            if spec is None:
                problems.append(("unknown_setting", {"type": cls.type_name, "setting": name, "known": known}))
            elif not spec.accepts(value):
                problems.append(("invalid_setting", {"setting": name, "expected": spec.expected, "value": show(value)}))
        return problems or cls.check_setting_combination(settings)

    @classmethod
    def check_setting_combination(cls, settings: dict) -> list[Problem]:
        """Rules across settings, checked once each setting is valid on its own."""
        return []

    # ------------------------------------------------------------------ answers

    def coerce(self, value: Any) -> Any:
        """The canonical JSON form of answer `value`, or None for no answer; raises InvalidAnswer."""
        raise NotImplementedError(f"a {self.type_name} field takes no answer")

    def fulfils_required(self, value: Any) -> bool:
        """Whether the coerced answer `value` satisfies `required`."""
        return value is not None

    def condition_choices(self) -> tuple[Any, ...] | None:
        """The only values a condition on this field may compare with, or None when any answer may."""
        return None

    def coerce_condition_value(self, value: Any) -> Any:
        """A condition value in the form `matches` compares; raises InvalidAnswer."""
        coerced = self.coerce(value)
        if coerced is None:
            raise InvalidAnswer("empty")
        return coerced

    def matches(self, answer: Any, op: str, value: Any) -> bool:
        """Whether coerced `answer` (None: no answer) passes `op` with coerced `value`.

        No answer equals nothing, is in nothing, and is therefore "not equal" to every value.
        """
        if op == "in":
            return answer is not None and any(same(answer, v) for v in value)
        hit = answer is not None and same(answer, value)
        return hit if op == "equals" else not hit

    # ------------------------------------------------------------------ WTForms

    def wtforms_field(self, context: WidgetContext, validators: list) -> Any:
        """An unbound WTForms field asking for this field's answer, with `validators` first."""
        raise NotImplementedError(f"a {self.type_name} field takes no answer")

    def wtforms_kwargs(self, context: WidgetContext, validators: list) -> dict[str, Any]:
        """The keyword arguments every WTForms field gets: label, help as description, validators."""
        return {"label": context.text(self.label), "description": context.text(self.help), "validators": validators}

    def from_form_data(self, data: Any) -> Any:
        """The answer in a WTForms field's `data` (before `coerce`)."""
        return data

    def to_form_data(self, value: Any) -> Any:
        """WTForms `data` showing the coerced answer `value` (the reverse of `from_form_data`)."""
        return value
