"""Properties that hold for every definition: validation never crashes, valid definitions round-trip,
visibility follows the rules, and hidden fields never block a submission."""

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from forms import (
    Definition,
    DefinitionError,
    InvalidDefinition,
    build_wtform,
    clean_answers,
    evaluate,
    missing_required,
    validate_definition,
)

from .helpers import FormData
from .strategies import answers, answers_for, definitions, garbage_definitions, json_values, mutated, visible_keys

modest = settings(max_examples=150, deadline=None, database=None)


def assert_well_formed(errors, data):
    assert isinstance(errors, list)
    for error in errors:
        assert isinstance(error, DefinitionError)
        assert error.message == error.template % error.params
        if error.index is not None:
            assert 1 <= error.index <= len(data["fields"])


@modest
@given(json_values)
def test_validation_never_raises_on_any_json_value(data):
    assert_well_formed(validate_definition(data), data)


@modest
@given(garbage_definitions)
def test_validation_never_raises_on_definition_shaped_garbage(data):
    errors = validate_definition(data)
    assert_well_formed(errors, data)
    assert errors


@modest
@given(st.data())
def test_a_mutated_definition_is_either_rejected_or_fully_usable(data):
    mutant = data.draw(mutated(data.draw(definitions())))
    errors = validate_definition(mutant)
    assert_well_formed(errors, mutant)
    if errors:
        try:
            Definition.from_json(mutant)
        except InvalidDefinition as refused:
            assert refused.errors == errors
        else:
            raise AssertionError("from_json accepted a definition with errors")
    else:  # whatever validation lets through, the rest of the engine must handle
        definition = Definition.from_json(mutant)
        assert Definition.from_json(definition.to_json()) == definition
        evaluate(definition, {})
        build_wtform(definition)(FormData()).validate()


@modest
@given(definitions())
def test_every_generated_definition_is_valid_and_round_trips_through_json(data):
    assert validate_definition(data) == []
    text = json.dumps(data, ensure_ascii=False)
    assert Definition.from_json(json.loads(text)).to_json() == data


@modest
@given(st.data())
def test_visibility_follows_the_conditions_on_earlier_answers(data):
    definition_json = data.draw(definitions())
    given_answers = data.draw(answers(definition_json))
    result = evaluate(Definition.from_json(definition_json), given_answers)
    expected = visible_keys(definition_json, given_answers)
    assert [field.key for field in result.visible] == expected
    assert set(result.answers) <= set(expected)
    assert result.invalid == {}


@modest
@given(st.data())
def test_hidden_fields_are_never_missing_and_their_answers_never_kept(data):
    definition_json = data.draw(definitions())
    given_answers = data.draw(answers(definition_json))
    definition = Definition.from_json(definition_json)
    hidden = evaluate(definition, given_answers).hidden
    assert not hidden & {field.key for field in missing_required(definition, given_answers)}
    assert not hidden & set(clean_answers(definition, given_answers))


@modest
@given(st.data())
def test_any_answer_values_are_either_accepted_or_reported_never_raised(data):
    definition_json = data.draw(definitions())
    keys = [field["key"] for field in definition_json["fields"]]
    garbage = data.draw(st.dictionaries(st.sampled_from(keys), json_values))
    result = evaluate(Definition.from_json(definition_json), garbage)
    visible = {field.key for field in result.visible}
    assert set(result.invalid) <= visible
    assert set(result.answers) <= visible
    assert not set(result.answers) & set(result.invalid)


@modest
@given(st.data())
def test_a_submission_of_exactly_the_visible_required_fields_is_accepted(data):
    definition_json = data.draw(definitions())
    submission: dict = {}
    for field in definition_json["fields"]:
        if field.get("required") and field["key"] in visible_keys(definition_json, submission):
            submission[field["key"]] = True if field["type"] in ("check", "call") else data.draw(answers_for(field))
    definition = Definition.from_json(definition_json)
    assert missing_required(definition, submission) == []
    form = build_wtform(definition)(FormData({key: as_form_value(value) for key, value in submission.items()}))
    assert form.validate(), form.errors
    visible = set(visible_keys(definition_json, submission))
    assert set(form.answers) <= visible
    for key, value in submission.items():
        assert form.answers[key] == definition.field(key).coerce(value)


def as_form_value(value):
    """How a browser posts a canonical answer."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return value
    return str(value)
