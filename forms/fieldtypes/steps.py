"""Checklist steps: a heading or info text, a check item, and a call step (tap-to-call)."""

from typing import Any

import wtforms

from forms.errors import InvalidAnswer
from forms.fields import Field, Problem, WidgetContext, register_field_type
from forms.settings import form_key, phone_number, role_key


def coerce_boolean(value: Any) -> bool | None:
    """true or false (None: no answer); anything else is invalid."""
    if value is None or isinstance(value, bool):
        return value
    raise InvalidAnswer("not_boolean")


@register_field_type
class HeadingField(Field):
    """A heading (`label`) with optional info text (`help`); it takes no answer."""

    type_name = "heading"
    takes_answer = False


@register_field_type
class CheckField(Field):
    """A check item: done (true) or not done. Required means it must be done. With the setting `starts`
    (a checklist's key), ticking it starts that checklist in the same case.

    Not done is no answer: false coerces to None, just as an unticked check box posts nothing.
    So conditions on a check item compare with true only (`not_equals` true: not done).
    """

    type_name = "check"
    settings_schema = {"starts": form_key()}

    @property
    def starts(self) -> str | None:
        """The key of the checklist that ticking this step starts in the same case (setting `starts`), or None."""
        return self.settings.get("starts")

    def coerce(self, value: Any) -> bool | None:
        return coerce_boolean(value) or None

    def condition_choices(self) -> tuple[Any, ...]:
        return (True,)

    def wtforms_field(self, context: WidgetContext, validators: list) -> Any:
        return wtforms.BooleanField(**self.wtforms_kwargs(context, validators))


@register_field_type
class CallField(CheckField):
    """A call step: call a function role (setting `role`) or a fixed number (setting `number`).

    The run page shows it as tap-to-call (`tel_url` for a fixed number; for a role, the school's
    contact person for that role); the answer is done / not done, as for a check item.
    """

    type_name = "call"
    settings_schema = {"role": role_key(), "number": phone_number()}

    @classmethod
    def check_setting_combination(cls, settings: dict) -> list[Problem]:
        return [] if len(settings.keys() & {"role", "number"}) == 1 else [("call_needs_one_target", {})]

    @property
    def call_role(self) -> str | None:
        """The function role key to call, or None when the step calls a fixed number."""
        return self.settings.get("role")

    @property
    def number(self) -> str | None:
        """The fixed phone number to call as written (e.g. "02800"), or None."""
        return self.settings.get("number")

    @property
    def tel_url(self) -> str | None:
        """A `tel:` link for the fixed number, or None."""
        return None if self.number is None else "tel:" + self.number.replace(" ", "")
