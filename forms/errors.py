"""Errors the engine reports: problems in a definition, and answers that do not fit their field.

Every message is an English template with named placeholders plus a params dict, so the intranet
can show it as is or translate the template and fill in the same params. The templates are plain
strings on purpose: they are not marked for extraction yet (marking them would add entries to the
intranet's catalogs, which must then be translated in the same change).
"""

import json
from dataclasses import dataclass, field
from typing import Any

_FIELD = "field %(index)d '%(key)s': "

#: Message template for every definition error code.
DEFINITION_MESSAGES: dict[str, str] = {
    # the definition as a whole
    "not_an_object": "the definition must be a JSON object",
    "unknown_property": "unknown property '%(property)s'",
    "invalid_definition_key": "the definition key must be a lower-case letter followed by up to 49 lower-case "
    "letters, digits or underscores, got %(value)s",
    "invalid_kind": 'kind must be "checklist" or "form", got %(value)s',
    "invalid_default_language": 'default_language must be a language code such as "nb", got %(value)s',
    "invalid_text": '%(property)s must map language codes to text, e.g. {"nb": "..."}',
    "missing_title": "the title has no text in the default language '%(language)s'",
    "invalid_fields": "fields must be a list of fields",
    "no_fields": "the definition has no fields",
    # one field
    "field_not_an_object": "field %(index)d: must be a JSON object",
    "unknown_field_property": _FIELD + "unknown property '%(property)s'",
    "invalid_field_key": _FIELD + "the key must be a lower-case letter followed by up to 49 lower-case letters, "
    "digits or underscores",
    "reserved_key": _FIELD + "the key '%(key)s' is reserved; choose another",
    "duplicate_key": _FIELD + "the key is already used by field %(first)d",
    "unknown_type": _FIELD + "unknown type %(value)s; the types are: %(known)s",
    "missing_label": _FIELD + "the label has no text in the default language '%(language)s'",
    "invalid_field_text": _FIELD + '%(property)s must map language codes to text, e.g. {"nb": "..."}',
    "invalid_required": _FIELD + "required must be true or false",
    "required_without_answer": _FIELD + "a %(type)s field takes no answer, so it cannot be required",
    "invalid_role": _FIELD + "role must be a function role key (a slug), got %(value)s",
    "invalid_due": _FIELD + 'due must be {"amount": a whole number from 0 to %(max)d, '
    '"unit": "hours", "days" or "school_days"}, got %(value)s',
    "choices_missing": _FIELD + "a %(type)s field needs a list of at least one choice",
    "unexpected_choices": _FIELD + "a %(type)s field takes no choices",
    "invalid_choice": _FIELD + 'choice %(choice)d must be {"key": a slug, "label": {language: text}}',
    "missing_choice_label": _FIELD + "choice %(choice)d '%(choice_key)s' has no label in the default language "
    "'%(language)s'",
    "duplicate_choice_key": _FIELD + "the choice key '%(choice_key)s' is used more than once",
    "invalid_settings": _FIELD + "settings must be a JSON object",
    "unknown_setting": _FIELD + "a %(type)s field has no setting '%(setting)s'; its settings are: %(known)s",
    "invalid_setting": _FIELD + "the setting '%(setting)s' must be %(expected)s, got %(value)s",
    "min_above_max": _FIELD + "the setting 'min' (%(min)s) is larger than 'max' (%(max)s)",
    "call_needs_one_target": _FIELD + "a call step needs exactly one of the settings 'role' (a function role to "
    "call) and 'number' (a fixed phone number)",
    "invalid_show_if": _FIELD + 'show_if must be {"all": [conditions]} or {"any": [conditions]} with at least '
    "one condition",
    "invalid_condition": _FIELD + 'show_if condition %(condition)d must be {"field": a key, '
    '"op": "equals", "not_equals" or "in", "value": ...}',
    "condition_in_needs_list": _FIELD + "show_if condition %(condition)d uses 'in', which needs a non-empty list "
    "of values",
    "condition_unknown_field": _FIELD + "show_if refers to '%(ref)s', which is not a field of this form",
    "condition_self_reference": _FIELD + "show_if refers to the field itself",
    "condition_later_field": _FIELD + "show_if refers to '%(ref)s' which comes later",
    "condition_field_takes_no_answer": _FIELD + "show_if refers to '%(ref)s', a %(ref_type)s field, which takes "
    "no answer",
    "condition_value_not_a_choice": _FIELD + "show_if value %(value)s is not one of the choices of '%(ref)s': "
    "%(choices)s",
    "invalid_condition_value": _FIELD + "show_if value %(value)s is not a possible answer to '%(ref)s': %(reason)s",
}

#: Message template for every answer error code.
ANSWER_MESSAGES: dict[str, str] = {
    "not_boolean": "expected true or false",
    "not_text": "expected text",
    "too_long": "the text is longer than %(max)d characters",
    "not_number": "expected a number",
    "not_whole_number": "expected a whole number",
    "below_min": "the number must be at least %(min)s",
    "above_max": "the number must be at most %(max)s",
    "not_date": "expected a date as YYYY-MM-DD",
    "not_datetime": "expected a date and time as YYYY-MM-DDTHH:MM",
    "not_a_choice": "%(value)s is not one of the choices",
    "not_a_list": "expected a list of choices",
    "not_contact": "expected the id of a contact or function role",
    "empty": "an empty value is no answer",
}


def show(value: Any, limit: int = 60) -> str:
    """A short JSON rendering of any value, for messages; never raises."""
    try:
        text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    except (TypeError, ValueError, RecursionError):
        text = repr(value)
    return _shorten(text, limit)


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class DefinitionError:
    """One problem in a form definition, precise enough for a person to act on.

    `index` is the 1-based position of the field (None for the definition as a whole), `key` that
    field's key as written (None likewise), `message` the formatted English text, `params` the
    values filled into `template`.
    """

    code: str
    index: int | None
    key: str | None
    message: str
    params: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def create(cls, code: str, index: int | None = None, key: str | None = None, **params: Any) -> "DefinitionError":
        """Build an error, filling `index` and `key` into the params of field errors."""
        if index is not None:
            params = {"index": index, "key": _shorten(key or ""), **params}
        return cls(code, index, key, DEFINITION_MESSAGES[code] % params, params)

    @property
    def template(self) -> str:
        """The English message template (the msgid for a translation)."""
        return DEFINITION_MESSAGES[self.code]

    def to_json(self) -> dict[str, Any]:
        """The error as a JSON object: code, index, key, message and params."""
        return {"code": self.code, "index": self.index, "key": self.key, "message": self.message, "params": self.params}


class InvalidDefinition(ValueError):
    """Raised by `Definition.from_json` for a definition that does not validate; `.errors` lists why."""

    def __init__(self, errors: list[DefinitionError]):
        super().__init__("; ".join(error.message for error in errors[:5]))
        self.errors = errors


class InvalidAnswer(ValueError):
    """An answer value that does not fit its field; `code`, `params` and the English `message`."""

    def __init__(self, code: str, **params: Any):
        self.code = code
        self.params = params
        self.message = ANSWER_MESSAGES[code] % params
        super().__init__(self.message)

    @property
    def template(self) -> str:
        """The English message template (the msgid for a translation)."""
        return ANSWER_MESSAGES[self.code]
