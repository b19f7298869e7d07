"""Small helpers shared by the WTForms classes of every feature."""

from werkzeug.datastructures import MultiDict
from wtforms import Form, SelectMultipleField, widgets
from wtforms.fields.choices import SelectChoice


def add_error(form: Form, field: str | None, message) -> None:
    """Attach an error from an operation to the field it concerns (or to the form as a whole)."""
    target = getattr(form, field, None) if field else None
    if target is None:
        form.form_errors.append(message)
    else:
        target.errors = [*target.errors, message] if isinstance(target.errors, list) else [message]


def choices(pairs) -> list[SelectChoice]:
    """WTForms select choices from (value, label) pairs."""
    return [SelectChoice(value, label) for value, label in pairs]


def strip(value):
    """WTForms filter: ignore spaces around typed text (phones add them when pasting)."""
    return value.strip() if isinstance(value, str) else value


class CheckboxListField(SelectMultipleField):
    """Several choices as a list of checkboxes (rendered in a fieldset by _form.html)."""

    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


def apply_row_action(formdata, action: str, prefix: str, new_row: list[tuple[str, str]]):
    """Add, remove or move a row of a repeated sub-form (`<prefix>-<index>-<field>`) in submitted data.

    `action` is "add", or "remove:<id>", "up:<id>", "down:<id>" for the row whose "id" field is <id>;
    `new_row` holds the (field, value) pairs of an added row. The form then re-renders with the change.
    """
    verb, _, target = action.partition(":")
    start = f"{prefix}-"
    rows: dict[int, list[tuple[str, str]]] = {}
    rest = []
    for name, value in formdata.items(multi=True):
        index, _, field = name[len(start) :].partition("-")
        if name.startswith(start) and index.isdigit():
            rows.setdefault(int(index), []).append((field, value))
        else:
            rest.append((name, value))
    ordered = [rows[i] for i in sorted(rows)]
    ids = [dict(row).get("id") for row in ordered]
    if verb == "add":
        ordered.append(new_row)
    elif target in ids:
        index = ids.index(target)
        if verb == "remove":
            ordered.pop(index)
        elif verb in ("up", "down"):
            other = index - 1 if verb == "up" else index + 1
            if 0 <= other < len(ordered):
                ordered[index], ordered[other] = ordered[other], ordered[index]
    result = MultiDict(rest)
    for index, row in enumerate(ordered):
        for field, value in row:
            result.add(f"{start}{index}-{field}", value)
    return result


class ChosenSelect(widgets.Select):
    """A select whose first option is a real choice always has a value: `required` would mean nothing
    there (and HTML allows it only over an empty first option), so it is left out."""

    def __call__(self, field, **kwargs):
        first = next(iter(field.iter_choices()), None)
        if first is not None and first[0] not in ("", None):
            kwargs.setdefault("required", False)
        return super().__call__(field, **kwargs)
