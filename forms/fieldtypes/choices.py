"""Pickers: one choice (radio buttons) or several (check boxes) of fixed choices, or a contact or role."""

from typing import Any

import wtforms
from wtforms.fields.choices import SelectChoice

from forms.errors import InvalidAnswer, show
from forms.fields import Field, WidgetContext, register_field_type, select_choices
from forms.fieldtypes.values import TextField
from forms.settings import one_of


class ChoiceBase(Field):
    """Common ground of the choice types: answers and condition values are choice keys."""

    has_choices = True

    @property
    def choice_keys(self) -> tuple[str, ...]:
        """The keys of the choices, in order."""
        return tuple(choice.key for choice in self.choices)

    def condition_choices(self) -> tuple[Any, ...]:
        return self.choice_keys

    def coerce_condition_value(self, value: Any) -> str:
        return self.coerce_key(value)

    def coerce_key(self, value: Any) -> str:
        """`value` if it is one of the choice keys; raises InvalidAnswer otherwise."""
        if isinstance(value, str) and value in self.choice_keys:
            return value
        raise InvalidAnswer("not_a_choice", value=show(value))

    def wtforms_choices(self, context: WidgetContext) -> list[SelectChoice]:
        """The choices for WTForms, labelled in the form's language."""
        return select_choices((choice.key, context.text(choice.label)) for choice in self.choices)


@register_field_type
class SingleChoiceField(ChoiceBase):
    """Exactly one of the choices; the answer is its key."""

    type_name = "single_choice"

    def coerce(self, value: Any) -> str | None:
        return None if value is None or value == "" else self.coerce_key(value)

    def wtforms_field(self, context: WidgetContext, validators: list) -> Any:
        return wtforms.RadioField(choices=self.wtforms_choices(context), **self.wtforms_kwargs(context, validators))


@register_field_type
class MultipleChoiceField(ChoiceBase):
    """Any number of the choices; the answer is the list of their keys, in the order of the choices.

    In conditions a multiple-choice answer counts as a set: `equals` means the choice is among the
    answer's choices, `not_equals` that it is not, and `in` that any of the listed choices is.
    """

    type_name = "multiple_choice"

    def coerce(self, value: Any) -> list[str] | None:
        if value is None:
            return None
        if not isinstance(value, list | tuple):
            raise InvalidAnswer("not_a_list")
        chosen = {self.coerce_key(item) for item in value}
        return [key for key in self.choice_keys if key in chosen] or None

    def matches(self, answer: Any, op: str, value: Any) -> bool:
        chosen = set(answer or ())
        if op == "in":
            return bool(chosen.intersection(value))
        return (value in chosen) == (op == "equals")

    def wtforms_field(self, context: WidgetContext, validators: list) -> Any:
        return wtforms.SelectMultipleField(
            choices=self.wtforms_choices(context),
            widget=wtforms.widgets.ListWidget(prefix_label=False),
            option_widget=wtforms.widgets.CheckboxInput(),
            **self.wtforms_kwargs(context, validators),
        )


@register_field_type
class ContactField(TextField):
    """A contact or function role picked at run time; the answer is the id the intranet gives it.

    Setting `pick` says what may be picked: "role" or "person" (either when left out). Pass the
    options to `build_wtform(contact_options=...)` to get a select instead of a text input.
    """

    type_name = "contact"
    settings_schema = {"pick": one_of("role", "person")}
    default_max_length = 100

    def coerce(self, value: Any) -> str | None:
        if value is not None and not isinstance(value, str):
            raise InvalidAnswer("not_contact")
        return super().coerce(value)

    def wtforms_field(self, context: WidgetContext, validators: list) -> Any:
        options = context.contact_options.get(self.key)
        if options is None:
            return super().wtforms_field(context, validators)
        return wtforms.SelectField(choices=select_choices(options), **self.wtforms_kwargs(context, validators))
