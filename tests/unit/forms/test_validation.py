"""validate_definition: one precise, actionable error for each kind of mistake, and never a crash."""

import pytest

from forms import Definition, DefinitionError, InvalidDefinition, validate_definition
from forms.errors import DEFINITION_MESSAGES

from .helpers import definition, field, when

AGE = field("age", "single_choice", choices=["under_18", "over_18"])
OK = field("ok", "check")


def with_fields(*fields):
    return definition(*fields)


# (definition, expected code, expected 1-based field index or None)
CASES = {
    "not_an_object": ([1, 2], "not_an_object", None),
    "unknown_property": ({**definition(OK), "colour": "red"}, "unknown_property", None),
    "invalid_definition_key": (definition(OK, key="Bad key"), "invalid_definition_key", None),
    "invalid_kind": (definition(OK, kind="survey"), "invalid_kind", None),
    "invalid_default_language": (definition(OK, default_language="norsk"), "invalid_default_language", None),
    "invalid_text": (definition(OK, description="just a string"), "invalid_text", None),
    "missing_title": (definition(OK, title={"en": "Only English"}), "missing_title", None),
    "invalid_fields": (definition(fields={"a": OK}), "invalid_fields", None),
    "no_fields": (definition(), "no_fields", None),
    "field_not_an_object": (with_fields(OK, "check"), "field_not_an_object", 2),
    "unknown_field_property": (with_fields({**OK, "colour": "red"}), "unknown_field_property", 1),
    "invalid_field_key": (with_fields(field("Stop-Here", "check")), "invalid_field_key", 1),
    "reserved_key": (with_fields(field("data", "text")), "reserved_key", 1),
    "duplicate_key": (with_fields(OK, field("ok", "text")), "duplicate_key", 2),
    "unknown_type": (with_fields(field("x", "slider")), "unknown_type", 1),
    "missing_label": (with_fields({**OK, "label": {"en": "Done"}}), "missing_label", 1),
    "invalid_field_text": (with_fields({**OK, "help": ["help"]}), "invalid_field_text", 1),
    "invalid_required": (with_fields({**OK, "required": "yes"}), "invalid_required", 1),
    "required_without_answer": (with_fields(field("h", "heading", required=True)), "required_without_answer", 1),
    "invalid_role": (with_fields({**OK, "role": "Rektor Nilsen"}), "invalid_role", 1),
    "invalid_due": (with_fields({**OK, "due": {"amount": -1, "unit": "days"}}), "invalid_due", 1),
    "choices_missing": (with_fields(field("c", "single_choice", choices=[])), "choices_missing", 1),
    "unexpected_choices": (with_fields({**OK, "choices": AGE["choices"]}), "unexpected_choices", 1),
    "invalid_choice": (with_fields(field("c", "single_choice", choices=[{"key": "a"}])), "invalid_choice", 1),
    "missing_choice_label": (
        with_fields(field("c", "single_choice", choices=[{"key": "a", "label": {"en": "A"}}])),
        "missing_choice_label",
        1,
    ),
    "duplicate_choice_key": (with_fields(field("c", "single_choice", choices=["a", "a"])), "duplicate_choice_key", 1),
    "invalid_settings": (with_fields({**OK, "settings": ["pick"]}), "invalid_settings", 1),
    "unknown_setting": (with_fields({**OK, "settings": {"colour": "red"}}), "unknown_setting", 1),
    "invalid_setting": (with_fields(field("c", "contact", settings={"pick": "group"})), "invalid_setting", 1),
    "min_above_max": (with_fields(field("n", "number", settings={"min": 5, "max": 1})), "min_above_max", 1),
    "call_needs_one_target": (with_fields(field("c", "call")), "call_needs_one_target", 1),
    "invalid_show_if": (with_fields(AGE, {**OK, "show_if": {"all": []}}), "invalid_show_if", 2),
    "invalid_condition": (
        with_fields(AGE, {**OK, "show_if": when("all", ("age", "is", "under_18"))}),
        "invalid_condition",
        2,
    ),
    "condition_in_needs_list": (
        with_fields(AGE, {**OK, "show_if": when("any", ("age", "in", "under_18"))}),
        "condition_in_needs_list",
        2,
    ),
    "condition_unknown_field": (
        with_fields(AGE, {**OK, "show_if": when("all", ("years", "equals", 3))}),
        "condition_unknown_field",
        2,
    ),
    "condition_self_reference": (
        with_fields({**OK, "show_if": when("all", ("ok", "equals", True))}),
        "condition_self_reference",
        1,
    ),
    "condition_later_field": (
        with_fields({**OK, "show_if": when("all", ("age", "equals", "under_18"))}, AGE),
        "condition_later_field",
        1,
    ),
    "condition_field_takes_no_answer": (
        with_fields(field("h", "heading"), {**OK, "show_if": when("all", ("h", "equals", True))}),
        "condition_field_takes_no_answer",
        2,
    ),
    "condition_value_not_a_choice": (
        with_fields(AGE, {**OK, "show_if": when("all", ("age", "equals", "under_16"))}),
        "condition_value_not_a_choice",
        2,
    ),
    "invalid_condition_value": (
        with_fields(field("n", "number"), {**OK, "show_if": when("all", ("n", "equals", "three"))}),
        "invalid_condition_value",
        2,
    ),
}


def test_every_error_code_has_a_case_here():
    assert set(CASES) == set(DEFINITION_MESSAGES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_mistake_is_reported_with_its_code_and_field_position(name):
    data, code, index = CASES[name]
    errors = validate_definition(data)
    assert [(e.code, e.index) for e in errors] == [(code, index)], [e.message for e in errors]


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_message_is_its_template_filled_with_its_params(name):
    (error,) = validate_definition(CASES[name][0])
    assert error.message == error.template % error.params
    assert "%(" not in error.message


def test_condition_on_a_later_field_names_both_fields():
    data = with_fields(
        field("a", "check"),
        field("b", "check"),
        field("c", "check"),
        field("meeting", "check", show_if=when("all", ("age", "equals", "under_18"))),
        AGE,
    )
    (error,) = validate_definition(data)
    assert error.message == "field 4 'meeting': show_if refers to 'age' which comes later"
    assert error.to_json() == {
        "code": "condition_later_field",
        "index": 4,
        "key": "meeting",
        "message": "field 4 'meeting': show_if refers to 'age' which comes later",
        "params": {"index": 4, "key": "meeting", "condition": 1, "ref": "age"},
    }


def test_duplicate_key_points_at_the_first_use():
    (error,) = validate_definition(with_fields(OK, field("x", "check"), field("ok", "text")))
    assert error.message == "field 3 'ok': the key is already used by field 1"


def test_self_reference_is_reported_as_such_not_as_a_later_field():
    (error,) = validate_definition(with_fields({**OK, "show_if": when("all", ("ok", "equals", True))}))
    assert error.message == "field 1 'ok': show_if refers to the field itself"


def test_condition_value_outside_the_choices_lists_the_choices():
    data = with_fields(AGE, {**OK, "show_if": when("any", ("age", "in", ["under_18", "adult"]))})
    (error,) = validate_definition(data)
    assert error.message == (
        'field 2 \'ok\': show_if value "adult" is not one of the choices of \'age\': "under_18", "over_18"'
    )


def test_yes_no_condition_value_must_be_true_or_false():
    data = with_fields(field("q", "yes_no"), {**OK, "show_if": when("all", ("q", "equals", "yes"))})
    (error,) = validate_definition(data)
    assert error.code == "condition_value_not_a_choice"
    assert error.params["choices"] == "true, false"


def test_unknown_type_lists_the_known_types():
    (error,) = validate_definition(with_fields(field("x", "slider")))
    assert error.message.startswith("field 1 'x': unknown type \"slider\"; the types are: heading, check, call")


def test_missing_title_names_the_default_language():
    (error,) = validate_definition(definition(OK, title={"en": "Only English"}))
    assert error.message == "the title has no text in the default language 'nb'"
    assert (error.index, error.key) == (None, None)


def test_field_that_is_no_object_is_reported_by_position():
    (error,) = validate_definition(with_fields(OK, None))
    assert error.message == "field 2: must be a JSON object"


def test_several_mistakes_in_one_field_are_all_reported():
    bad = {"key": "x", "type": "number", "label": {}, "required": 1, "due": {"amount": 2, "unit": "weeks"}}
    codes = [e.code for e in validate_definition(with_fields(bad))]
    assert codes == ["missing_label", "invalid_required", "invalid_due"]


def test_condition_on_a_broken_field_is_not_blamed_for_the_field():
    broken_age = {**AGE, "choices": [{"key": "under_18"}]}
    data = with_fields(broken_age, {**OK, "show_if": when("all", ("age", "equals", "under_18"))})
    assert [(e.code, e.index) for e in validate_definition(data)] == [("invalid_choice", 1)]


def test_number_condition_value_must_respect_the_range_of_the_field():
    number = field("n", "number", settings={"min": 0, "max": 10})
    data = with_fields(number, {**OK, "show_if": when("all", ("n", "equals", 11))})
    (error,) = validate_definition(data)
    assert error.code == "invalid_condition_value"
    assert error.params["reason"] == "the number must be at most 10"


def test_booleans_are_not_accepted_where_numbers_are_expected():
    errors = validate_definition(with_fields({**OK, "due": {"amount": True, "unit": "days"}}))
    assert [e.code for e in errors] == ["invalid_due"]


@pytest.mark.parametrize("garbage", [None, 0, "form", [], {}, {"fields": [None, 1, "x", []]}, {"fields": None}])
def test_garbage_gives_errors_not_exceptions(garbage):
    errors = validate_definition(garbage)
    assert errors
    assert all(isinstance(e, DefinitionError) and e.message for e in errors)


def test_from_json_refuses_an_invalid_definition_and_lists_why():
    with pytest.raises(InvalidDefinition) as caught:
        Definition.from_json(definition(OK, kind="survey"))
    assert [e.code for e in caught.value.errors] == ["invalid_kind"]
    assert 'kind must be "checklist" or "form", got "survey"' in str(caught.value)


def test_a_valid_definition_has_no_errors():
    data = with_fields(
        AGE,
        field("tell", "call", settings={"role": "rektor"}, show_if=when("all", ("age", "equals", "under_18"))),
        field("when", "check", due={"amount": 3, "unit": "school_days"}, role="kontaktlaerer", required=True),
    )
    assert validate_definition(data) == []


def test_a_condition_on_a_check_item_compares_with_true_only():
    data = with_fields(OK, field("next", "check", show_if=when("all", ("ok", "equals", False))))
    (error,) = validate_definition(data)
    assert error.message == "field 2 'next': show_if value false is not one of the choices of 'ok': true"


def test_an_empty_text_condition_value_is_refused():
    data = with_fields(field("t", "text"), field("next", "check", show_if=when("all", ("t", "equals", " "))))
    (error,) = validate_definition(data)
    assert error.params["reason"] == "an empty value is no answer"
