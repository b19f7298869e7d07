"""Which fields are visible, required and missing for given answers, and which answers count."""

import pytest

from forms import (
    Definition,
    clean_answers,
    evaluate,
    missing_required,
    required_fields,
    visible_fields,
)

from .helpers import definition, field, when

AGE = field("age", "single_choice", choices=["under_18", "over_18"], required=True)
SALE = field("sale", "yes_no")
COUNT = field("count", "number")


def keys(fields):
    return [f.key for f in fields]


def build(*fields):
    return Definition.from_json(definition(*fields))


def test_fields_without_conditions_are_always_visible():
    form = build(field("intro", "heading"), AGE, SALE)
    assert keys(visible_fields(form, {})) == ["intro", "age", "sale"]


@pytest.mark.parametrize(
    ("op", "value", "answer", "shown"),
    [
        ("equals", "under_18", "under_18", True),
        ("equals", "under_18", "over_18", False),
        ("equals", "under_18", None, False),
        ("not_equals", "under_18", "over_18", True),
        ("not_equals", "under_18", "under_18", False),
        ("not_equals", "under_18", None, True),
        ("in", ["under_18", "over_18"], "over_18", True),
        ("in", ["under_18"], "over_18", False),
        ("in", ["under_18"], None, False),
    ],
)
def test_each_operator_decides_visibility(op, value, answer, shown):
    form = build(AGE, field("step", "check", show_if=when("all", ("age", op, value))))
    answers = {} if answer is None else {"age": answer}
    assert ("step" in keys(visible_fields(form, answers))) is shown


def test_all_needs_every_condition_and_any_needs_one():
    both = when("all", ("age", "equals", "under_18"), ("sale", "equals", True))
    either = when("any", ("age", "equals", "under_18"), ("sale", "equals", True))
    form = build(AGE, SALE, field("both", "check", show_if=both), field("either", "check", show_if=either))
    assert keys(visible_fields(form, {"age": "under_18", "sale": False}))[-1:] == ["either"]
    assert keys(visible_fields(form, {"age": "under_18", "sale": True}))[-2:] == ["both", "either"]
    assert "either" not in keys(visible_fields(form, {"age": "over_18", "sale": False}))


def test_yes_no_false_is_an_answer_a_condition_can_match():
    form = build(SALE, field("no_sale", "check", show_if=when("all", ("sale", "equals", False))))
    assert "no_sale" in keys(visible_fields(form, {"sale": False}))
    assert "no_sale" not in keys(visible_fields(form, {}))


def test_multiple_choice_conditions_ask_whether_a_choice_was_picked():
    signs = field("signs", "multiple_choice", choices=["absence", "results", "other"])
    form = build(
        signs,
        field("other_text", "text", show_if=when("all", ("signs", "equals", "other"))),
        field("no_absence", "check", show_if=when("all", ("signs", "not_equals", "absence"))),
        field("school_work", "check", show_if=when("all", ("signs", "in", ["absence", "results"]))),
    )
    assert keys(visible_fields(form, {"signs": ["results", "other"]})) == [
        "signs",
        "other_text",
        "no_absence",
        "school_work",
    ]
    assert keys(visible_fields(form, {"signs": ["absence"]})) == ["signs", "school_work"]


def test_number_condition_compares_the_coerced_answer():
    form = build(COUNT, field("many", "check", show_if=when("all", ("count", "equals", 3))))
    assert "many" in keys(visible_fields(form, {"count": "3"}))
    assert "many" in keys(visible_fields(form, {"count": 3.0}))


def test_a_hidden_field_counts_as_unanswered_for_later_conditions():
    form = build(
        AGE,
        field("guardians_reached", "yes_no", show_if=when("all", ("age", "equals", "under_18"))),
        field("try_again", "check", show_if=when("all", ("guardians_reached", "equals", False))),
    )
    answers = {"age": "over_18", "guardians_reached": False}
    assert keys(visible_fields(form, answers)) == ["age"]
    assert evaluate(form, answers).hidden == {"guardians_reached", "try_again"}


def test_an_invalid_answer_counts_as_unanswered_and_is_reported():
    form = build(COUNT, field("zero", "check", show_if=when("all", ("count", "not_equals", 0))))
    result = evaluate(form, {"count": "many"})
    assert "zero" in keys(result.visible)
    assert "count" not in result.answers
    assert result.invalid["count"].code == "not_number"


def test_required_fields_are_the_visible_required_ones():
    form = build(
        AGE,
        field(
            "call_home",
            "call",
            settings={"role": "foresatte"},
            required=True,
            show_if=when("all", ("age", "equals", "under_18")),
        ),
        field("note", "text"),
    )
    assert keys(required_fields(form, {"age": "over_18"})) == ["age"]
    assert keys(required_fields(form, {"age": "under_18"})) == ["age", "call_home"]


def test_missing_lists_visible_required_fields_without_an_answer():
    form = build(
        AGE,
        field(
            "call_home",
            "call",
            settings={"role": "foresatte"},
            required=True,
            show_if=when("all", ("age", "equals", "under_18")),
        ),
        field("consent", "yes_no", required=True, show_if=when("all", ("age", "equals", "over_18"))),
    )
    assert keys(missing_required(form, {})) == ["age"]
    assert keys(missing_required(form, {"age": "under_18"})) == ["call_home"]
    assert keys(missing_required(form, {"age": "under_18", "call_home": False})) == ["call_home"]
    assert keys(missing_required(form, {"age": "under_18", "call_home": True})) == []
    assert keys(missing_required(form, {"age": "over_18", "consent": False})) == []


def test_clean_answers_drop_hidden_unknown_empty_and_invalid_values():
    form = build(
        field("intro", "heading"),
        AGE,
        field("call_home", "call", settings={"role": "foresatte"}, show_if=when("all", ("age", "equals", "under_18"))),
        COUNT,
        field("note", "text"),
    )
    answers = {"intro": "x", "age": "over_18", "call_home": True, "count": "lots", "note": "  ", "stray": 1}
    assert clean_answers(form, answers) == {"age": "over_18"}


def test_clean_answers_are_coerced():
    form = build(AGE, COUNT, field("when", "date"), field("signs", "multiple_choice", choices=["a", "b"]))
    answers = {"age": "under_18", "count": "4", "when": "2026-05-04", "signs": ["b", "a"]}
    assert clean_answers(form, answers) == {"age": "under_18", "count": 4, "when": "2026-05-04", "signs": ["a", "b"]}


def test_a_step_not_done_counts_as_no_answer():
    form = build(field("done", "check"), field("chase", "check", show_if=when("all", ("done", "not_equals", True))))
    assert "chase" in keys(visible_fields(form, {"done": False}))
    assert "chase" in keys(visible_fields(form, {}))
    assert "chase" not in keys(visible_fields(form, {"done": True}))
    assert clean_answers(form, {"done": False}) == {}
