"""The published checklists as the cases use them, and answers someone could give to them."""

import random
from dataclasses import dataclass
from datetime import datetime

from forms import Definition, InvalidAnswer, evaluate
from intranet.db import OSLO

from .content import TEXTS

SAMPLE_TICKS = 6  # check items left unanswered on the sample run, for the benchmark to tick


@dataclass
class Checklist:
    """A published checklist as the cases use it, with answer sequences someone could give."""

    key: str
    title: dict
    number: int
    labels: dict  # field key -> label in the default language, as the app logs it
    types: dict  # field key -> field type name
    sequences: list  # lists of (field key, value) someone could give; dates are set when answered
    sample_sequence: list  # one such list that leaves the first SAMPLE_TICKS of `check_keys` unanswered
    check_keys: list  # the check items visible before any answer
    definition: Definition


SAMPLE_VALUES = {
    "check": lambda item, rng: True,
    "call": lambda item, rng: True,
    "yes_no": lambda item, rng: rng.random() < 0.5,
    "single_choice": lambda item, rng: rng.choice(item.choice_keys),
    "multiple_choice": lambda item, rng: [k for k in item.choice_keys if rng.random() < 0.3] or [item.choice_keys[0]],
    "text": lambda item, rng: rng.choice(TEXTS)[:40],
    "long_text": lambda item, rng: rng.choice(TEXTS),
    "number": lambda item, rng: 1,
    "date": lambda item, rng: "2026-01-15",  # replaced by the day it was answered
    "datetime": lambda item, rng: "2026-01-15T10:30",
}  # contact pickers are left unanswered: their answers would name the school's own people


def read_checklist(key: str, data: dict, number: int, rng: random.Random) -> Checklist:
    definition = Definition.from_json(data)
    answerable = [item for item in definition.fields if item.takes_answer]
    visible_at_start = evaluate(definition, {}).visible
    checks = [item.key for item in visible_at_start if item.type_name == "check"]
    return Checklist(
        key=key,
        title=data["title"],
        number=number,
        labels={item.key: definition.text(item.label, definition.default_language) for item in answerable},
        types={item.key: item.type_name for item in answerable},
        sequences=[_answer_sequence(definition, rng) for _ in range(8)],
        sample_sequence=_answer_sequence(definition, rng, skip=set(checks[:SAMPLE_TICKS])),
        check_keys=checks,
        definition=definition,
    )


def _answer_sequence(definition: Definition, rng: random.Random, skip=frozenset()) -> list[tuple]:
    """Answers someone could give top to bottom: each to a field the earlier answers leave visible."""
    answers: dict = {}
    for item in definition.fields:
        make = SAMPLE_VALUES.get(item.type_name)
        if not item.takes_answer or make is None or item.key in skip or rng.random() < 0.15:
            continue
        try:
            trial = {**answers, item.key: item.coerce(make(item, rng))}
        except InvalidAnswer:
            continue
        if not evaluate(definition, trial).hidden & trial.keys():
            answers = trial
    return list(answers.items())


def dated(type_name: str, value, moment: float):
    """A date or date-time answer is the day (and time) it was given, on the Oslo clock."""
    if type_name == "date":
        return datetime.fromtimestamp(moment, OSLO).date().isoformat()
    if type_name == "datetime":
        return datetime.fromtimestamp(moment, OSLO).strftime("%Y-%m-%dT%H:%M")
    return value
