"""Small helpers shared by the WTForms classes of every feature."""

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
