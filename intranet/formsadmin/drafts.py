"""Changes to a draft definition (plain JSON), one builder action at a time.

These functions take the draft dict and return a changed copy; they never touch the database.
A draft may have problems while it is being built (a choice field without choices yet, say);
`problems()` lists them and publishing refuses until there are none.
"""

import copy
import re
import unicodedata

from forms import FIELD_TYPES, RESERVED_KEYS, validate_definition

from ..ordering import swap_with_neighbour

KEY_LENGTH = 40
_TRANSLITERATE = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "ae", "Ø": "o", "Å": "a"})


def slug_key(text: str, taken: set[str], fallback: str = "field") -> str:
    """A key from `text` ("Ring foresatte" → "ring_foresatte") that is not in `taken`."""
    ascii_text = unicodedata.normalize("NFKD", text.translate(_TRANSLITERATE)).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "_", ascii_text.lower()).strip("_")[:KEY_LENGTH].rstrip("_")
    if not base or not base[0].isalpha():
        base = f"{fallback}_{base}".rstrip("_")
    if base in RESERVED_KEYS:
        base = f"{base}_1"
    key, number = base, 2
    while key in taken:
        key = f"{base}_{number}"
        number += 1
    return key


def new_draft(key: str, kind: str, language: str, title: str) -> dict:
    return {"key": key, "kind": kind, "default_language": language, "title": {language: title}, "fields": []}


def field_keys(draft: dict) -> set[str]:
    return {field.get("key") for field in draft.get("fields", []) if isinstance(field, dict)}


def field_index(draft: dict, key: str) -> int | None:
    return next((i for i, field in enumerate(draft["fields"]) if field.get("key") == key), None)


def add_field(draft: dict, type_name: str, label: str, language: str) -> tuple[dict, str]:
    """The draft with a new field of `type_name` at the end, and the new field's key."""
    draft = copy.deepcopy(draft)
    key = slug_key(label, field_keys(draft))
    field = {"key": key, "type": type_name, "label": {language: label}}
    if FIELD_TYPES[type_name].has_choices:
        field["choices"] = []
    draft["fields"].append(field)
    return draft, key


def replace_field(draft: dict, key: str, field: dict) -> dict:
    """The draft with the field `key` replaced by `field` (same position)."""
    draft = copy.deepcopy(draft)
    draft["fields"][field_index(draft, key)] = field
    return draft


def move_field(draft: dict, key: str, step: int) -> dict:
    draft = copy.deepcopy(draft)
    swap_with_neighbour(draft["fields"], field_index(draft, key), step)
    return draft


def remove_field(draft: dict, key: str) -> dict:
    draft = copy.deepcopy(draft)
    draft["fields"].pop(field_index(draft, key))
    return draft


def dependants(draft: dict, key: str) -> list[dict]:
    """The fields whose conditions refer to field `key`."""
    found = []
    for field in draft["fields"]:
        show_if = field.get("show_if") or {}
        conditions = [c for group in show_if.values() if isinstance(group, list) for c in group]
        if any(isinstance(c, dict) and c.get("field") == key for c in conditions):
            found.append(field)
    return found


def set_texts(draft: dict, title: dict, description: dict) -> dict:
    draft = copy.deepcopy(draft)
    draft["title"] = title
    if description:
        draft["description"] = description
    else:
        draft.pop("description", None)
    return draft


def problems(draft: dict) -> list:
    """Every problem in the draft (`forms.DefinitionError`s), in field order."""
    return validate_definition(draft)


def problems_by_field(errors: list) -> tuple[list, dict[str, list]]:
    """Split problems into those of the form as a whole and those of each field (by key)."""
    general, per_field = [], {}
    for error in errors:
        if error.key is None:
            general.append(error)
        else:
            per_field.setdefault(error.key, []).append(error)
    return general, per_field
