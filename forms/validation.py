"""Validating a form definition: every problem, each precise enough for a person to act on.

`validate_definition` accepts any value at all (a parsed JSON document or garbage) and returns a
list of `DefinitionError`; it never raises. An empty list means `Definition.from_json` accepts it.
"""

import dataclasses
from typing import Any

from forms.due import MAX_AMOUNT, is_due
from forms.errors import DefinitionError, InvalidAnswer, show
from forms.fields import FIELD_TYPES, Field, Problem, same
from forms.parts import MODES, OPS
from forms.text import has_text, is_language, is_role_key, is_slug, is_texts

KINDS = ("checklist", "form")
DEFINITION_PROPERTIES = ("key", "kind", "default_language", "title", "description", "fields")
FIELD_PROPERTIES = ("key", "type", "label", "help", "required", "choices", "settings", "role", "due", "show_if")
#: Keys a field may not have: they would hide attributes of the WTForms form built from the definition.
RESERVED_KEYS = frozenset(
    {"answers", "csrf_token", "data", "definition", "errors", "evaluation", "form_errors", "hidden_tag"}
    | {"is_submitted", "meta", "populate_obj", "post_process", "process", "validate", "validate_on_submit"}
    | {"with_answers"}
)


def validate_definition(data: Any) -> list[DefinitionError]:
    """Every problem in the definition `data`, in document order; [] when it is valid."""
    if not isinstance(data, dict):
        return [DefinitionError.create("not_an_object")]
    language = data.get("default_language") if is_language(data.get("default_language")) else None
    errors = _check_header(data, language)
    fields = data.get("fields")
    if not isinstance(fields, list):
        return [*errors, DefinitionError.create("invalid_fields")]
    if not fields:
        errors.append(DefinitionError.create("no_fields"))
    scan = _Scan(language, _first_positions(fields))
    for index, raw in enumerate(fields, 1):
        errors += scan.check_field(index, raw)
    return errors


def _check_header(data: dict, language: str | None) -> list[DefinitionError]:
    unknown = [name for name in data if name not in DEFINITION_PROPERTIES]
    errors = [DefinitionError.create("unknown_property", property=name) for name in unknown]
    if not is_slug(data.get("key")):
        errors.append(DefinitionError.create("invalid_definition_key", value=_given(data, "key")))
    if data.get("kind") not in KINDS:
        errors.append(DefinitionError.create("invalid_kind", value=_given(data, "kind")))
    if language is None:
        errors.append(DefinitionError.create("invalid_default_language", value=_given(data, "default_language")))
    title = data.get("title")
    if "title" in data and not is_texts(title):
        errors.append(DefinitionError.create("invalid_text", property="title"))
    elif language is not None and not has_text(title, language):
        errors.append(DefinitionError.create("missing_title", language=language))
    if "description" in data and not is_texts(data["description"]):
        errors.append(DefinitionError.create("invalid_text", property="description"))
    return errors


def _given(data: dict, name: str) -> str:
    return show(data[name]) if name in data else "nothing"


def _first_positions(fields: list) -> dict[str, int]:
    positions: dict[str, int] = {}
    for index, raw in enumerate(fields, 1):
        if isinstance(raw, dict) and isinstance(raw.get("key"), str):
            positions.setdefault(raw["key"], index)
    return positions


@dataclasses.dataclass
class _Scan:
    """Walks the fields in order, remembering what conditions on later fields need to know."""

    language: str | None
    positions: dict[str, int]  # every key → the position of its first field
    earlier: dict[str, tuple[type[Field] | None, Field | None]] = dataclasses.field(default_factory=dict)

    def check_field(self, index: int, raw: Any) -> list[DefinitionError]:
        if not isinstance(raw, dict):
            return [DefinitionError.create("field_not_an_object", index)]
        key = raw["key"] if isinstance(raw.get("key"), str) else None
        field_type = FIELD_TYPES.get(raw["type"]) if isinstance(raw.get("type"), str) else None
        problems = self._check_common(index, raw, key, field_type)
        shape_problems = self._check_shape(raw, field_type)
        if "show_if" in raw:
            problems += self._check_show_if(index, raw["show_if"], key)
        if key is not None and key not in self.earlier:
            shape = None
            if field_type is not None and not shape_problems:
                shape = Field.from_json({"key": key, "type": field_type.type_name, "label": {}, **_shape_of(raw)})
            self.earlier[key] = (field_type, shape)
        return [DefinitionError.create(code, index, key, **params) for code, params in problems + shape_problems]

    def _check_common(self, index: int, raw: dict, key: str | None, field_type: type[Field] | None) -> list[Problem]:
        problems: list[Problem] = []
        if not is_slug(key):
            problems.append(("invalid_field_key", {}))
        elif key in RESERVED_KEYS:
            problems.append(("reserved_key", {}))
        elif self.positions[key] != index:
            problems.append(("duplicate_key", {"first": self.positions[key]}))
        problems += [("unknown_field_property", {"property": name}) for name in raw if name not in FIELD_PROPERTIES]
        if field_type is None:
            problems.append(("unknown_type", {"value": _given(raw, "type"), "known": ", ".join(FIELD_TYPES)}))
        problems += self._check_texts(raw, "label", required=True) + self._check_texts(raw, "help", required=False)
        if "required" in raw and not isinstance(raw["required"], bool):
            problems.append(("invalid_required", {}))
        elif raw.get("required") is True and field_type is not None and not field_type.takes_answer:
            problems.append(("required_without_answer", {"type": field_type.type_name}))
        if "role" in raw and not is_role_key(raw["role"]):
            problems.append(("invalid_role", {"value": show(raw["role"])}))
        if "due" in raw and not is_due(raw["due"]):
            problems.append(("invalid_due", {"max": MAX_AMOUNT, "value": show(raw["due"])}))
        return problems

    def _check_texts(self, raw: dict, name: str, *, required: bool) -> list[Problem]:
        if name not in raw and not required:
            return []
        if name in raw and not is_texts(raw[name]):
            return [("invalid_field_text", {"property": name})]
        if required and self.language is not None and not has_text(raw.get(name), self.language):
            return [("missing_label", {"language": self.language})]
        return []

    def _check_shape(self, raw: dict, field_type: type[Field] | None) -> list[Problem]:
        """Problems with what decides the possible answers: choices and settings."""
        if field_type is None:
            return [] if isinstance(raw.get("settings", {}), dict) else [("invalid_settings", {})]
        problems: list[Problem] = []
        if field_type.has_choices:
            problems += self._check_choices(raw.get("choices"), field_type)
        elif "choices" in raw:
            problems.append(("unexpected_choices", {"type": field_type.type_name}))
        settings = raw.get("settings", {})
        if not isinstance(settings, dict):
            return [*problems, ("invalid_settings", {})]
        return problems + field_type.check_settings(settings)

    def _check_choices(self, choices: Any, field_type: type[Field]) -> list[Problem]:
        if not isinstance(choices, list) or not choices:
            return [("choices_missing", {"type": field_type.type_name})]
        problems: list[Problem] = []
        seen: set[str] = set()
        for number, choice in enumerate(choices, 1):
            if not _is_choice(choice):
                problems.append(("invalid_choice", {"choice": number}))
            elif self.language is not None and not has_text(choice["label"], self.language):
                params = {"choice": number, "choice_key": choice["key"], "language": self.language}
                problems.append(("missing_choice_label", params))
            if isinstance(choice, dict) and is_slug(choice.get("key")):
                if choice["key"] in seen:
                    problems.append(("duplicate_choice_key", {"choice_key": choice["key"]}))
                seen.add(choice["key"])
        return problems

    def _check_show_if(self, index: int, show_if: Any, key: str | None) -> list[Problem]:
        if not (isinstance(show_if, dict) and len(show_if) == 1):
            return [("invalid_show_if", {})]
        (mode, conditions), *_ = show_if.items()
        if mode not in MODES or not isinstance(conditions, list) or not conditions:
            return [("invalid_show_if", {})]
        problems: list[Problem] = []
        for number, condition in enumerate(conditions, 1):
            problems += self._check_condition(index, number, condition, key)
        return problems

    def _check_condition(self, index: int, number: int, condition: Any, key: str | None) -> list[Problem]:
        if not (isinstance(condition, dict) and set(condition) == {"field", "op", "value"}):
            return [("invalid_condition", {"condition": number})]
        ref, op, value = condition["field"], condition["op"], condition["value"]
        if not isinstance(ref, str) or op not in OPS:
            return [("invalid_condition", {"condition": number})]
        if op == "in" and not (isinstance(value, list) and value):
            return [("condition_in_needs_list", {"condition": number})]
        params = {"condition": number, "ref": ref}
        if ref == key:
            return [("condition_self_reference", params)]
        if ref not in self.positions:
            return [("condition_unknown_field", params)]
        if self.positions[ref] >= index:
            return [("condition_later_field", params)]
        ref_type, ref_field = self.earlier.get(ref, (None, None))
        if ref_type is not None and not ref_type.takes_answer:
            return [("condition_field_takes_no_answer", {**params, "ref_type": ref_type.type_name})]
        if ref_field is None:  # the referenced field has problems of its own, reported there
            return []
        for item in value if op == "in" else [value]:
            if problem := _check_condition_value(ref_field, item, params):
                return [problem]
        return []


def _is_choice(choice: Any) -> bool:
    return (
        isinstance(choice, dict)
        and set(choice) == {"key", "label"}
        and is_slug(choice["key"])
        and is_texts(choice["label"])
    )


def _shape_of(raw: dict) -> dict[str, Any]:
    return {name: raw[name] for name in ("choices", "settings") if name in raw}


def _check_condition_value(ref_field: Field, value: Any, params: dict[str, Any]) -> Problem | None:
    allowed = ref_field.condition_choices()
    if allowed is not None and not any(same(value, choice) for choice in allowed):
        choices = ", ".join(show(choice) for choice in allowed)
        return ("condition_value_not_a_choice", {**params, "value": show(value), "choices": choices})
    try:
        ref_field.coerce_condition_value(value)
    except InvalidAnswer as error:
        return ("invalid_condition_value", {**params, "value": show(value), "reason": error.message})
    return None
