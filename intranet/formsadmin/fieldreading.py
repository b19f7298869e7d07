"""A submitted field editor read back into the field's JSON (the other way from fieldforms.editor_data)."""

import json

from flask_babel import gettext as _

from forms import Field, InvalidAnswer

from .drafts import slug_key
from .fieldforms import SETTING_WIDGETS
from .messages import answer_message


def field_from_editor(form, original: dict, earlier: list[Field]) -> dict | None:
    """The field's JSON from a valid editor; None (with errors on the form) when a condition is incomplete."""
    field_type = form.field_type
    field = {"key": original["key"], "type": original["type"]}
    field["label"] = _texts(form, "label")
    help_texts = _texts(form, "help")
    if help_texts:
        field["help"] = help_texts
    if field_type.takes_answer and form.required.data:
        field["required"] = True
    if field_type.has_choices:
        field["choices"] = _choices(form)
    settings = {}
    for name in field_type.settings_schema:
        value = SETTING_WIDGETS[name].to_json(form[f"setting_{name}"].data)
        if value is not None:
            settings[name] = value
    if settings:
        field["settings"] = settings
    if "role" in form and form.role.data:
        field["role"] = form.role.data
    if "due_amount" in form and form.due_amount.data is not None:
        field["due"] = {"amount": form.due_amount.data, "unit": form.due_unit.data}
    conditions = _conditions(form, {f.key: f for f in earlier})
    if conditions is None:
        return None
    if conditions:
        field["show_if"] = {form.show_mode.data: conditions}
    return field


def _texts(form, prefix: str) -> dict:
    texts = {}
    for lang in form.languages:
        text = (form[f"{prefix}_{lang}"].data or "").strip()
        if text:
            texts[lang] = text
    return texts


def _choices(form) -> list[dict]:
    result, taken = [], set()
    for row in form.choices:
        labels = {
            lang: row.form[f"label_{lang}"].data.strip()
            for lang in form.languages
            if (row.form[f"label_{lang}"].data or "").strip()
        }
        if not labels:
            continue  # an empty row is no choice
        key = row.form.key.data or slug_key(
            labels.get(form.default_language) or next(iter(labels.values())), taken, "choice"
        )
        taken.add(key)
        result.append({"key": key, "label": labels})
    return result


def _json_or_none(raw: str):
    """A ticked answer's value (its JSON); None for anything a browser of ours would not send."""
    try:
        return json.loads(raw)
    except ValueError:
        return None


def _conditions(form, by_key: dict) -> list | None:
    result, complete = [], True
    for row in form.conditions:
        ref = by_key.get(row.form.field.data)
        if ref is None:
            row.form.field.errors = [_("Choose an earlier question.")]
            complete = False
            continue
        op = row.form.op.data
        if ref.condition_choices() is not None:
            possible = ref.condition_choices()
            picked = [v for v in (_json_or_none(raw) for raw in row.form.values.data or []) if v in possible]
            if not picked or (op != "in" and len(picked) != 1):
                row.form.values.errors = [
                    _("Tick one or more answers.") if op == "in" else _("Tick exactly one answer.")
                ]
                complete = False
                continue
            value = picked if op == "in" else picked[0]
        else:
            try:
                typed = row.form.text.data or ""
                values = [ref.coerce_condition_value(part.strip()) for part in typed.split(";")] if op == "in" else None
                value = values if op == "in" else ref.coerce_condition_value(typed)
            except InvalidAnswer as error:
                row.form.text.errors = [answer_message(error.code, error.params)]
                complete = False
                continue
        result.append({"field": ref.key, "op": op, "value": value})
    return result if complete else None
