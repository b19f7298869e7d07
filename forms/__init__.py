"""The form-builder engine: definitions, field types, conditions, due dates and validation.

It imports nothing from Flask or from `intranet/`; the intranet uses it.

A form definition is a JSON document (`forms/examples/` holds two)::

    {"key": "concern_note", "kind": "checklist" | "form", "default_language": "nb",
     "title": {"nb": "...", "en": "..."}, "description": {...},
     "fields": [{"key": "age_band", "type": "single_choice", "label": {"nb": "..."}, "help": {...},
                 "required": true, "choices": [{"key": "under_18", "label": {"nb": "..."}}],
                 "settings": {...}, "role": "rektor", "due": {"amount": 3, "unit": "school_days"},
                 "show_if": {"all": [{"field": "earlier_key", "op": "equals", "value": "x"}]}}]}

Keys (of the definition, fields and choices) are slugs, `[a-z][a-z0-9_]{0,49}`; field keys may
not be one of `RESERVED_KEYS`. Role keys may also hold hyphens. Settings by type: `call` needs
exactly one of `role` and `number`; `text` and `long_text` take `max_length`; `number` takes
`min`, `max` and `integer`; `contact` takes `pick` ("role" or "person"); the rest take none.
Texts map language codes to strings and need non-blank text in `default_language` for the title,
every label and every choice label. `show_if` holds `all` or `any` with conditions
`{"field", "op": "equals" | "not_equals" | "in", "value"}` on earlier fields that take an
answer; the value must be a possible answer of that field (`in` takes a list of them).

Answers are JSON values: true for a check item or call step that is done (not done is no
answer), true/false for yes/no, text, a number, "YYYY-MM-DD", "YYYY-MM-DDTHH:MM", a choice key,
a list of choice keys, or a contact id. In conditions no answer equals nothing (so `not_equals`
holds), and a multiple-choice answer `equals` each choice it contains.

The public API:

- `validate_definition(data) -> list[DefinitionError]`: every problem in any value, never raises.
  Each error has `code`, `index` (1-based field position or None), `key`, `message` (English,
  formatted), `params` and `template` (the message with named placeholders, to translate).
- `Definition.from_json(data)` (raises `InvalidDefinition` with `.errors`) and `.to_json()`:
  for canonical input (optional properties left out when empty or false) the round trip gives
  the input back. `Definition.field(key)`, `Definition.text(texts, language)`.
- `FIELD_TYPES`: type name → `Field` subclass, filled by `register_field_type`. A field is an
  instance of its type: `field.coerce(value)` (raises `InvalidAnswer`), `field.takes_answer`,
  `field.has_choices`, `field.settings_schema`, `field.wtforms_field(...)`, `field.to_json()`.
- `evaluate(definition, answers) -> Evaluation` with `visible`, `hidden`, `required`, `missing`,
  `answers` (clean) and `invalid`; the shortcuts `visible_fields`, `required_fields`,
  `missing_required` (lists of fields) and `clean_answers` (dict) take the same arguments.
- `due_at(field, case_start, calendar) -> datetime | None`: when a field is due (timezone-aware in and
  out); school days are counted on a `DueCalendar` (the days closed besides weekends, a plain value).
  `field.due.reckon(start, calendar) -> DueTime` also tells which closed periods the count skipped.
- `read_field(definition, key, formdata, prefix)`: one submitted answer, read as the form would.
- `build_wtform(definition, language, ...) -> type[DefinitionForm]`: a WTForms form class;
  after `form.validate()`, `form.answers` holds the clean answers of the visible fields.
"""

from forms import fieldtypes
from forms.definition import Definition
from forms.due import Due, DueCalendar, DueTime, due_at
from forms.errors import DefinitionError, InvalidAnswer, InvalidDefinition
from forms.evaluation import Evaluation, clean_answers, evaluate, missing_required, required_fields, visible_fields
from forms.fields import FIELD_TYPES, Field, register_field_type
from forms.parts import Choice, Condition, ShowIf
from forms.validation import KINDS, RESERVED_KEYS, validate_definition
from forms.wtf import DefinitionForm, build_wtform, read_field

__all__ = [
    "FIELD_TYPES",
    "KINDS",
    "RESERVED_KEYS",
    "Choice",
    "Condition",
    "Definition",
    "DefinitionError",
    "DefinitionForm",
    "Due",
    "DueCalendar",
    "DueTime",
    "Evaluation",
    "Field",
    "InvalidAnswer",
    "InvalidDefinition",
    "ShowIf",
    "build_wtform",
    "clean_answers",
    "due_at",
    "evaluate",
    "fieldtypes",
    "missing_required",
    "read_field",
    "register_field_type",
    "required_fields",
    "validate_definition",
    "visible_fields",
]
