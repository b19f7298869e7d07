"""Hypothesis strategies: valid definitions (as canonical JSON), answers, garbage and mutations.

`visible_keys` is an independent reference for the visibility rules, written from the spec, so the
properties check the engine against it rather than against itself.
"""

import copy
import datetime as dt
import math
import string
from typing import Any

from hypothesis import strategies as st

from forms.validation import RESERVED_KEYS

LANGUAGES = ("nb", "nn", "en")
ANSWERLESS = {"heading"}
CHOICE_TYPES = {"single_choice", "multiple_choice"}
TYPES = (
    "heading",
    "check",
    "call",
    "yes_no",
    "text",
    "long_text",
    "number",
    "date",
    "datetime",
    "single_choice",
    "multiple_choice",
    "contact",
)

slugs = st.builds(
    str.__add__,
    st.sampled_from(string.ascii_lowercase),
    st.text(string.ascii_lowercase + string.digits + "_", max_size=7),
).filter(lambda key: key not in RESERVED_KEYS)
words = st.text(alphabet=string.ascii_letters + "æøåÆØÅ -", min_size=1, max_size=16).map(str.strip).filter(bool)
texts = st.fixed_dictionaries({"nb": words}, optional={"nn": words, "en": words})
phones = st.sampled_from(["02800", "116117", "113", "+47 116 111", "22 00 00 00"])


@st.composite
def numeric_settings(draw) -> dict[str, Any]:
    settings: dict[str, Any] = {}
    if draw(st.booleans()):
        settings["integer"] = True
    low = draw(st.none() | st.integers(-1000, 1000))
    high = draw(st.none() | st.integers(low if low is not None else -1000, 1000))
    if low is not None:
        settings["min"] = low if settings.get("integer") or draw(st.booleans()) else low - 0.5
    if high is not None:
        settings["max"] = high
    return settings


def settings_for(type_: str) -> st.SearchStrategy[dict[str, Any]]:
    """Valid settings for a field type (the empty dict stands for none)."""
    return {
        "call": st.one_of(st.builds(lambda r: {"role": r}, slugs), st.builds(lambda n: {"number": n}, phones)),
        "text": st.just({}) | st.builds(lambda n: {"max_length": n}, st.integers(1, 1000)),
        "long_text": st.just({}) | st.builds(lambda n: {"max_length": n}, st.integers(1, 100_000)),
        "number": numeric_settings(),
        "contact": st.sampled_from([{}, {"pick": "role"}, {"pick": "person"}]),
    }.get(type_, st.just({}))


def answers_for(field: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Valid answers to a field, in their canonical JSON form."""
    type_, settings = field["type"], field.get("settings", {})
    choice_keys = [choice["key"] for choice in field.get("choices", [])]
    if type_ in ("check", "call"):
        return st.just(True)  # not done is no answer
    if type_ == "yes_no":
        return st.booleans()
    if type_ in ("text", "long_text"):
        return (
            st.text(string.ascii_letters + " ", min_size=1, max_size=min(settings.get("max_length", 200), 30))
            .map(str.strip)
            .filter(bool)
        )
    if type_ == "number":
        low, high = settings.get("min", -(10**6)), settings.get("max", 10**6)
        whole = st.integers(math.ceil(low), high)
        return whole if settings.get("integer") else whole | st.floats(low, high).map(_whole_as_int)
    if type_ == "date":
        return st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)).map(dt.date.isoformat)
    if type_ == "datetime":
        moments = st.datetimes(dt.datetime(1900, 1, 1), dt.datetime(2100, 12, 31)).map(
            lambda m: m.replace(microsecond=0)
        )
        return moments.map(lambda m: m.isoformat(timespec="minutes" if m.second == 0 else "seconds"))
    if type_ == "single_choice":
        return st.sampled_from(choice_keys)
    if type_ == "multiple_choice":
        return st.lists(st.sampled_from(choice_keys), min_size=1, unique=True).map(
            lambda chosen: [key for key in choice_keys if key in chosen]
        )
    if type_ == "contact":
        return st.builds(lambda kind, key: f"{kind}:{key}", st.sampled_from(["role", "person"]), slugs)
    raise AssertionError(f"no answers for {type_}")


def _whole_as_int(number: float) -> int | float:
    return int(number) if number.is_integer() else number


def condition_values_for(field: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Values a condition on the field may compare with."""
    if field["type"] == "multiple_choice":
        return st.sampled_from([choice["key"] for choice in field["choices"]])
    if field["type"] in ("check", "call"):
        return st.just(True)
    return answers_for(field)


@st.composite
def conditions_on(draw, earlier: list[dict[str, Any]]) -> dict[str, Any]:
    ref = draw(st.sampled_from(earlier))
    op = draw(st.sampled_from(["equals", "not_equals", "in"]))
    values = condition_values_for(ref)
    value = draw(st.lists(values, min_size=1, max_size=3)) if op == "in" else draw(values)
    return {"field": ref["key"], "op": op, "value": value}


@st.composite
def fields_json(draw, key: str, earlier: list[dict[str, Any]]) -> dict[str, Any]:
    type_ = draw(st.sampled_from(TYPES))
    field: dict[str, Any] = {"key": key, "type": type_, "label": draw(texts)}
    if draw(st.booleans()):
        field["help"] = draw(texts)
    if type_ not in ANSWERLESS and draw(st.booleans()):
        field["required"] = True
    if type_ in CHOICE_TYPES:
        keys = draw(st.lists(slugs, min_size=1, max_size=4, unique=True))
        field["choices"] = [{"key": choice, "label": draw(texts)} for choice in keys]
    if settings := draw(settings_for(type_)):
        field["settings"] = settings
    if draw(st.booleans()):
        field["role"] = draw(slugs)
    if draw(st.booleans()):
        field["due"] = {
            "amount": draw(st.integers(0, 60)),
            "unit": draw(st.sampled_from(["hours", "days", "school_days"])),
        }
    answerable = [other for other in earlier if other["type"] not in ANSWERLESS]
    if answerable and draw(st.booleans()):
        mode = draw(st.sampled_from(["all", "any"]))
        field["show_if"] = {mode: draw(st.lists(conditions_on(answerable), min_size=1, max_size=3))}
    return field


@st.composite
def definitions(draw) -> dict[str, Any]:
    """A valid definition in canonical JSON form."""
    keys = draw(st.lists(slugs, min_size=1, max_size=8, unique=True))
    fields: list[dict[str, Any]] = []
    for key in keys:
        fields.append(draw(fields_json(key, fields)))
    data: dict[str, Any] = {
        "key": draw(slugs),
        "kind": draw(st.sampled_from(["checklist", "form"])),
        "default_language": "nb",
        "title": draw(texts),
    }
    if draw(st.booleans()):
        data["description"] = draw(texts)
    data["fields"] = fields
    return data


@st.composite
def answers(draw, definition: dict[str, Any]) -> dict[str, Any]:
    """Valid answers to a random subset of the answerable fields."""
    chosen = {}
    for field in definition["fields"]:
        if field["type"] not in ANSWERLESS and draw(st.booleans()):
            chosen[field["key"]] = draw(answers_for(field))
    return chosen


# ---------------------------------------------------------------- reference visibility


def _matches(field: dict[str, Any], answer: Any, op: str, value: Any) -> bool:
    if field["type"] == "multiple_choice":
        picked = set(answer or [])
        return bool(picked & set(value)) if op == "in" else (value in picked) == (op == "equals")
    if op == "in":
        return answer is not None and answer in value
    return (answer is not None and answer == value) == (op == "equals")


def visible_keys(definition: dict[str, Any], answers: dict[str, Any]) -> list[str]:
    """The keys of the visible fields, by the rules of the spec (answers must be canonical)."""
    by_key = {field["key"]: field for field in definition["fields"]}
    seen: dict[str, Any] = {}
    visible = []
    for field in definition["fields"]:
        show_if = field.get("show_if")
        if show_if:
            ((mode, conditions),) = show_if.items()
            truths = [_matches(by_key[c["field"]], seen.get(c["field"]), c["op"], c["value"]) for c in conditions]
            if not (all(truths) if mode == "all" else any(truths)):
                continue
        visible.append(field["key"])
        if field["key"] in answers:
            seen[field["key"]] = answers[field["key"]]
    return visible


# ---------------------------------------------------------------- garbage and mutations

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)


def _near_miss(choices: list[str]) -> st.SearchStrategy[Any]:
    return st.sampled_from(choices) | json_values


garbage_fields = st.fixed_dictionaries(
    {},
    optional={
        "key": _near_miss(["a", "b", "Bad", "data", ""]),
        "type": _near_miss(list(TYPES)),
        "label": _near_miss([{"nb": "x"}, {"en": "y"}]) | texts,
        "required": json_values,
        "choices": st.lists(_near_miss([{"key": "a", "label": {"nb": "A"}}]), max_size=3) | json_values,
        "settings": json_values,
        "role": json_values,
        "due": _near_miss([{"amount": 1, "unit": "days"}]) | json_values,
        "show_if": json_values
        | st.fixed_dictionaries(
            {"all": st.lists(st.fixed_dictionaries({"field": slugs, "op": json_values, "value": json_values}))}
        ),
    },
)

garbage_definitions = st.fixed_dictionaries(
    {},
    optional={
        "key": _near_miss(["x"]),
        "kind": _near_miss(["checklist", "form"]),
        "default_language": _near_miss(["nb", "en"]),
        "title": _near_miss([{"nb": "T"}]),
        "fields": st.lists(garbage_fields, max_size=5) | json_values,
    },
)


def _paths(value: Any, path: tuple = ()) -> list[tuple]:
    found = [path]
    if isinstance(value, dict):
        for key, child in value.items():
            found += _paths(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += _paths(child, (*path, index))
    return found


@st.composite
def mutated(draw, data: dict[str, Any]) -> Any:
    """`data` with one part deleted, replaced by garbage, or (in a list) duplicated."""
    data = copy.deepcopy(data)
    path = draw(st.sampled_from(_paths(data)))
    if not path:
        return draw(json_values)
    *parents, last = path
    parent = data
    for step in parents:
        parent = parent[step]
    action = draw(st.sampled_from(["delete", "replace", "duplicate"]))
    if action == "delete":
        del parent[last]
    elif action == "duplicate" and isinstance(parent, list):
        parent.insert(last, copy.deepcopy(parent[last]))
    else:
        parent[last] = draw(json_values)
    return data
