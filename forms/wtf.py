"""Building a WTForms form from a definition, to validate a submission of answers.

The form has one WTForms field per field that takes an answer, named by the field's key. On
`validate()` it first works out which fields the submission itself makes visible; hidden fields
are not validated and their answers are dropped, visible required fields must be answered, and
`form.answers` then holds the clean, coerced answers (as `clean_answers` gives them).
"""

from collections.abc import Callable, Mapping, Sequence
from typing import Any, ClassVar

import wtforms
from wtforms.validators import StopValidation

from forms.definition import Definition
from forms.evaluation import Evaluation, evaluate
from forms.fields import Field, WidgetContext
from forms.text import localized


class DefinitionForm(wtforms.Form):
    """Base class of the forms `build_wtform` makes; `definition` is set on each built class."""

    definition: ClassVar[Definition]
    evaluation: Evaluation
    answers: dict[str, Any]
    _required_now: set[str]

    @classmethod
    def with_answers(cls, answers: Mapping[str, Any], formdata: Any = None, **kwargs: Any) -> "DefinitionForm":
        """A form showing stored answers (coerced answers, as `clean_answers` returns them)."""
        data = {
            field.key: field.to_form_data(answers[field.key])
            for field in cls.definition.fields
            if field.takes_answer and answers.get(field.key) is not None
        }
        return cls(formdata, data=data, **kwargs)

    def validate(self, extra_validators: Mapping[str, Sequence[Any]] | None = None) -> bool:
        """Validate the visible fields; afterwards `evaluation` and `answers` describe the submission.

        Fields that are not part of the definition (a CSRF token, say) are validated as usual.
        """
        self.evaluation = evaluate(self.definition, self._submitted())
        visible = {field.key for field in self.evaluation.visible}
        self._required_now = {field.key for field in self.evaluation.required}
        keys = {field.key for field in self.definition.fields}
        success = True
        for name, wt_field in self._fields.items():
            if name in keys and name not in visible:
                wt_field.errors = []
                continue
            if not wt_field.validate(self, (extra_validators or {}).get(name, ())):
                success = False
            elif name in self.evaluation.invalid:  # a value WTForms let through but the field type rejects
                wt_field.errors = [self.evaluation.invalid[name].message]
                success = False
        self.answers = {key: value for key, value in self.evaluation.answers.items() if not self._fields[key].errors}
        return success

    def _submitted(self) -> dict[str, Any]:
        """The answers the submission holds, leaving out fields WTForms could not even parse."""
        return {
            field.key: field.from_form_data(self._fields[field.key].data)
            for field in self.definition.fields
            if field.takes_answer and not self._fields[field.key].process_errors
        }


class Presence:
    """The first validator of every field: required when visible and required, else optional.

    Whether a field is required depends on the rest of the submission, so the form decides during
    `validate()`; the field is marked `required` for rendering only when it always is.
    """

    def __init__(self, field: Field, message: str):
        self.field = field
        self.message = message
        self.field_flags = {"required": True} if field.required and field.show_if is None else {}

    def __call__(self, form: DefinitionForm, wt_field: Any) -> None:
        required = self.field.key in form._required_now
        if _is_blank(wt_field):
            wt_field.errors[:] = []
            raise StopValidation(wt_field.gettext(self.message) if required else None)
        if wt_field.process_errors:
            raise StopValidation()  # keep WTForms' own message, e.g. "Not a valid integer value."
        rejected = self.field.key in form.evaluation.invalid  # reported by the later validators
        if required and not rejected and not self.field.fulfils_required(form.evaluation.answers.get(self.field.key)):
            wt_field.errors[:] = []
            raise StopValidation(wt_field.gettext(self.message))


def _is_blank(wt_field: Any) -> bool:
    raw = wt_field.raw_data
    if raw is None:  # no formdata: the form was given data
        return wt_field.data in (None, "", [], False)
    return not any(isinstance(item, str) and item.strip() for item in raw)


def build_wtform(
    definition: Definition,
    language: str | None = None,
    *,
    yes_no_labels: tuple[str, str] = ("Yes", "No"),
    contact_options: Mapping[str, Sequence[tuple[str, str]]] | None = None,
    required_message: str = "This field is required.",
    base: type[wtforms.Form] = wtforms.Form,
    show_text: Callable[[Mapping[str, str] | None, str, str], str] = localized,
) -> type[DefinitionForm]:
    """A WTForms form class for `definition`, with labels in `language` (else the default language).

    `yes_no_labels` label the two answers of yes/no fields (pass translated text);
    `contact_options` maps contact field keys to (id, label) pairs to pick from;
    `required_message` goes through WTForms' translations; `base` may be e.g. Flask-WTF's
    `FlaskForm` to add CSRF protection; `show_text` shows a label, help or choice (see `WidgetContext`,
    e.g. marked with the language it is in when that is not `language`). Use the class as usual:
    `form = cls(formdata)`, then `form.validate()` and `form.answers`.
    """
    context = WidgetContext(
        language=language or definition.default_language,
        default_language=definition.default_language,
        yes_no_labels=yes_no_labels,
        contact_options=contact_options or {},
        show_text=show_text,
    )
    attributes: dict[str, Any] = {"definition": definition}
    for field in definition.fields:
        if field.takes_answer:
            attributes[field.key] = field.wtforms_field(context, [Presence(field, required_message)])
    name = "".join(part.title() for part in definition.key.split("_")) + "Form"
    return type(name, (DefinitionForm, base), attributes)


def read_field(definition: Definition, key: str, formdata: Any, prefix: str = "") -> tuple[Any, str | None]:
    """The answer to field `key` in submitted `formdata` (before `coerce`), read by that field's own
    WTForms field, as a form from `build_wtform(definition)` with `prefix` names it; and WTForms'
    message when it cannot even parse the input (else None). Builds one field, not the whole form."""
    field = definition.field(key)
    context = WidgetContext(language=definition.default_language, default_language=definition.default_language)
    one = type("OneField", (wtforms.Form,), {key: field.wtforms_field(context, [])})(formdata=formdata, prefix=prefix)
    wt_field = one[key]
    if wt_field.process_errors:
        return None, str(wt_field.process_errors[0])
    return field.from_form_data(wt_field.data), None
