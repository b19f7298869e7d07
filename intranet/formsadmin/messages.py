"""The engine's messages in the user's language.

`forms/` keeps its messages as English templates with named placeholders (it imports nothing from
Flask); here each template is marked for translation under the same text, and filled with the
same params. A test checks that every code of the engine has its entry here.
"""

from flask_babel import get_locale, gettext
from flask_babel import lazy_gettext as _l

from forms.text import localized

from ..i18n import language_name
from .fieldforms import type_label

DEFINITION_MESSAGES = {
    "not_an_object": _l("the definition must be a JSON object"),
    "unknown_property": _l("unknown property '%(property)s'"),
    "invalid_definition_key": _l(
        "the definition key must be a lower-case letter followed by up to 49 lower-case letters, digits or underscores, got %(value)s"
    ),
    "invalid_kind": _l('kind must be "checklist" or "form", got %(value)s'),
    "invalid_default_language": _l('default_language must be a language code such as "nb", got %(value)s'),
    "invalid_text": _l('%(property)s must map language codes to text, e.g. {"nb": "..."}'),
    "missing_title": _l("the title has no text in the default language '%(language)s'"),
    "invalid_fields": _l("fields must be a list of fields"),
    "no_fields": _l("the definition has no fields"),
    "field_not_an_object": _l("field %(index)d: must be a JSON object"),
    "unknown_field_property": _l("field %(index)d '%(key)s': unknown property '%(property)s'"),
    "invalid_field_key": _l(
        "field %(index)d '%(key)s': the key must be a lower-case letter followed by up to 49 lower-case letters, digits or underscores"
    ),
    "reserved_key": _l("field %(index)d '%(key)s': the key '%(key)s' is reserved; choose another"),
    "duplicate_key": _l("field %(index)d '%(key)s': the key is already used by field %(first)d"),
    "unknown_type": _l("field %(index)d '%(key)s': unknown type %(value)s; the types are: %(known)s"),
    "missing_label": _l("field %(index)d '%(key)s': the label has no text in the default language '%(language)s'"),
    "invalid_field_text": _l(
        'field %(index)d \'%(key)s\': %(property)s must map language codes to text, e.g. {"nb": "..."}'
    ),
    "invalid_required": _l("field %(index)d '%(key)s': required must be true or false"),
    "required_without_answer": _l(
        "field %(index)d '%(key)s': a %(type)s field takes no answer, so it cannot be required"
    ),
    "invalid_role": _l("field %(index)d '%(key)s': role must be a function role key (a slug), got %(value)s"),
    "invalid_due": _l(
        'field %(index)d \'%(key)s\': due must be {"amount": a whole number from 0 to %(max)d, "unit": "hours", "days" or "school_days"}, got %(value)s'
    ),
    "choices_missing": _l("field %(index)d '%(key)s': a %(type)s field needs a list of at least one choice"),
    "unexpected_choices": _l("field %(index)d '%(key)s': a %(type)s field takes no choices"),
    "invalid_choice": _l(
        'field %(index)d \'%(key)s\': choice %(choice)d must be {"key": a slug, "label": {language: text}}'
    ),
    "missing_choice_label": _l(
        "field %(index)d '%(key)s': choice %(choice)d '%(choice_key)s' has no label in the default language '%(language)s'"
    ),
    "duplicate_choice_key": _l("field %(index)d '%(key)s': the choice key '%(choice_key)s' is used more than once"),
    "invalid_settings": _l("field %(index)d '%(key)s': settings must be a JSON object"),
    "unknown_setting": _l(
        "field %(index)d '%(key)s': a %(type)s field has no setting '%(setting)s'; its settings are: %(known)s"
    ),
    "invalid_setting": _l("field %(index)d '%(key)s': the setting '%(setting)s' must be %(expected)s, got %(value)s"),
    "min_above_max": _l("field %(index)d '%(key)s': the setting 'min' (%(min)s) is larger than 'max' (%(max)s)"),
    "call_needs_one_target": _l(
        "field %(index)d '%(key)s': a call step needs exactly one of the settings 'role' (a function role to call) and 'number' (a fixed phone number)"
    ),
    "invalid_show_if": _l(
        'field %(index)d \'%(key)s\': show_if must be {"all": [conditions]} or {"any": [conditions]} with at least one condition'
    ),
    "invalid_condition": _l(
        'field %(index)d \'%(key)s\': show_if condition %(condition)d must be {"field": a key, "op": "equals", "not_equals" or "in", "value": ...}'
    ),
    "condition_in_needs_list": _l(
        "field %(index)d '%(key)s': show_if condition %(condition)d uses 'in', which needs a non-empty list of values"
    ),
    "condition_unknown_field": _l(
        "field %(index)d '%(key)s': show_if refers to '%(ref)s', which is not a field of this form"
    ),
    "condition_self_reference": _l("field %(index)d '%(key)s': show_if refers to the field itself"),
    "condition_later_field": _l("field %(index)d '%(key)s': show_if refers to '%(ref)s' which comes later"),
    "condition_field_takes_no_answer": _l(
        "field %(index)d '%(key)s': show_if refers to '%(ref)s', a %(ref_type)s field, which takes no answer"
    ),
    "condition_value_not_a_choice": _l(
        "field %(index)d '%(key)s': show_if value %(value)s is not one of the choices of '%(ref)s': %(choices)s"
    ),
    "invalid_condition_value": _l(
        "field %(index)d '%(key)s': show_if value %(value)s is not a possible answer to '%(ref)s': %(reason)s"
    ),
}

ANSWER_MESSAGES = {
    "not_boolean": _l("expected true or false"),
    "not_text": _l("expected text"),
    "too_long": _l("the text is longer than %(max)d characters"),
    "not_number": _l("expected a number"),
    "not_whole_number": _l("expected a whole number"),
    "below_min": _l("the number must be at least %(min)s"),
    "above_max": _l("the number must be at most %(max)s"),
    "not_date": _l("expected a date as YYYY-MM-DD"),
    "not_datetime": _l("expected a date and time as YYYY-MM-DDTHH:MM"),
    "not_a_choice": _l("%(value)s is not one of the choices"),
    "not_a_list": _l("expected a list of choices"),
    "not_contact": _l("expected the id of a contact or function role"),
    "empty": _l("an empty value is no answer"),
}


# The problems a form built in the builder can have, in the words of the person building it: the question
# is named by its label (`field_label`), never by its key, its position or its type's internal name.
FIELD_PROBLEMS = {
    "missing_label": _l("the question has no text in %(language)s, the form's main language"),
    "required_without_answer": _l("“%(type)s” takes no answer, so it cannot be required"),
    "choices_missing": _l("add at least one choice"),
    "unexpected_choices": _l("“%(type)s” takes no choices; remove them"),
    "missing_choice_label": _l("choice %(choice)d has no text in %(language)s, the form's main language"),
    "duplicate_choice_key": _l("two of its choices are the same; make each one different"),
    "min_above_max": _l("the lowest number allowed (%(min)s) is larger than the highest (%(max)s)"),
    "call_needs_one_target": _l("choose whom to call: a role or a phone number, one of them"),
    "condition_unknown_field": _l("it is shown depending on a question that is not in the form"),
    "condition_self_reference": _l("it is shown depending on its own answer; choose an earlier question"),
    "condition_later_field": _l("it is shown depending on “%(ref)s”, which comes after it; move it below"),
    "condition_field_takes_no_answer": _l("it is shown depending on “%(ref)s”, which takes no answer"),
    "condition_value_not_a_choice": _l("it is shown depending on an answer “%(ref)s” does not offer"),
    "invalid_condition_value": _l("it is shown depending on an answer “%(ref)s” cannot have"),
}


KEY_PROBLEMS = frozenset({"invalid_field_key", "reserved_key", "duplicate_key"})  # about the key itself


def definition_message(error, definition: dict | None = None) -> str:
    """A `forms.DefinitionError` as a sentence in the current language. Given the `definition` (the JSON the
    error was found in), a field's problem names the question by its label in the reader's language."""
    params = _readable(error.params, definition)
    if error.index is not None and error.code in FIELD_PROBLEMS:
        problem = str(FIELD_PROBLEMS[error.code]) % params
        text = gettext("“%(label)s”: %(problem)s", label=field_label(definition, error.index), problem=problem)
    else:
        if error.index is not None and error.code not in KEY_PROBLEMS:
            params["key"] = field_label(definition, error.index)
        template = DEFINITION_MESSAGES.get(error.code)
        text = str(template) % params if template is not None else error.message
    return text[:1].upper() + text[1:]


def field_label(definition: dict | None, index: int) -> str:
    """The label of the field at 1-based `index` in the reader's language (else the form's), else "question 3"."""
    fields = (definition or {}).get("fields")
    raw = fields[index - 1] if isinstance(fields, list) and 0 < index <= len(fields) else None
    label = raw.get("label") if isinstance(raw, dict) else None
    main = (definition or {}).get("default_language") or "nb"
    text = localized(label, str(get_locale()), main) if isinstance(label, dict) else ""
    return text if isinstance(text, str) and text.strip() else gettext("question %(number)d", number=index)


def _readable(params: dict, definition: dict | None) -> dict:
    """The error's params with the field types' names and referred fields' labels people read."""
    readable = dict(params)
    for name in ("type", "ref_type"):
        if name in readable:
            readable[name] = type_label(readable[name])
    if "ref" in readable:
        index = _position(definition, readable["ref"])
        readable["ref"] = field_label(definition, index) if index else readable["ref"]
    if "language" in readable:
        readable["language"] = language_name(readable["language"])
    return readable


def _position(definition: dict | None, key) -> int | None:
    fields = (definition or {}).get("fields")
    if not isinstance(fields, list):
        return None
    return next((i for i, raw in enumerate(fields, 1) if isinstance(raw, dict) and raw.get("key") == key), None)


def answer_message(code: str, params: dict) -> str:
    """An answer error (`forms.InvalidAnswer` code and params) in the current language."""
    return gettext(str(ANSWER_MESSAGES[code])) % params if code in ANSWER_MESSAGES else code
