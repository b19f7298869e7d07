"""Evaluating a definition against answers: what is visible, required, missing, and the clean answers.

The fields are walked in order. A field is visible when it has no `show_if` or its conditions
hold on the answers of the visible fields before it; a hidden field (or an answer that does not
fit its field) counts as "no answer" for the conditions after it. No answer equals nothing and is
in nothing, so a `not_equals` condition on an unanswered field holds.
"""

import dataclasses
from collections.abc import Mapping
from typing import Any

from forms.definition import Definition
from forms.errors import InvalidAnswer
from forms.fields import Field
from forms.parts import Condition


@dataclasses.dataclass(frozen=True)
class Evaluation:
    """The state of one filling-in of a definition.

    `visible`: the visible fields in order (headings included); `hidden`: the keys of the hidden
    ones; `answers`: the clean answers (visible fields that take an answer, coerced, no answer
    left out); `invalid`: why the given answer of a visible field was rejected.
    """

    visible: tuple[Field, ...]
    hidden: frozenset[str]
    answers: dict[str, Any]
    invalid: dict[str, InvalidAnswer]

    @property
    def required(self) -> tuple[Field, ...]:
        """The visible fields that are required."""
        return tuple(field for field in self.visible if field.required and field.takes_answer)

    @property
    def missing(self) -> tuple[Field, ...]:
        """The visible required fields whose answer is missing (or rejected, or an unticked check)."""
        return tuple(field for field in self.required if not field.fulfils_required(self.answers.get(field.key)))


def evaluate(definition: Definition, answers: Mapping[str, Any]) -> Evaluation:
    """Evaluate `definition` against `answers` (field key → answer value, as JSON or from a form).

    Answers to unknown keys, to fields that take no answer and to hidden fields are dropped.
    """
    visible: list[Field] = []
    hidden: set[str] = set()
    clean: dict[str, Any] = {}
    invalid: dict[str, InvalidAnswer] = {}
    for field in definition.fields:
        if field.show_if is not None and not field.show_if.holds(lambda c: _holds(definition, clean, c)):
            hidden.add(field.key)
            continue
        visible.append(field)
        if field.takes_answer and answers.get(field.key) is not None:
            try:
                value = field.coerce(answers[field.key])
            except InvalidAnswer as error:
                invalid[field.key] = error
                continue
            if value is not None:
                clean[field.key] = value
    return Evaluation(tuple(visible), frozenset(hidden), clean, invalid)


def _holds(definition: Definition, answers: dict[str, Any], condition: Condition) -> bool:
    field = definition.field(condition.field)
    if condition.op == "in":
        value: Any = [field.coerce_condition_value(item) for item in condition.value]
    else:
        value = field.coerce_condition_value(condition.value)
    return field.matches(answers.get(condition.field), condition.op, value)


def visible_fields(definition: Definition, answers: Mapping[str, Any]) -> list[Field]:
    """The fields shown for these answers, in order (headings included)."""
    return list(evaluate(definition, answers).visible)


def required_fields(definition: Definition, answers: Mapping[str, Any]) -> list[Field]:
    """The fields that are visible and required for these answers."""
    return list(evaluate(definition, answers).required)


def missing_required(definition: Definition, answers: Mapping[str, Any]) -> list[Field]:
    """The visible required fields without a (valid) answer; never a hidden field."""
    return list(evaluate(definition, answers).missing)


def clean_answers(definition: Definition, answers: Mapping[str, Any]) -> dict[str, Any]:
    """The answers that count: visible fields only, coerced, invalid and empty values dropped."""
    return evaluate(definition, answers).answers
