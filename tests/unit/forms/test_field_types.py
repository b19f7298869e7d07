"""Each field type: its registration, settings, JSON and how it coerces an answer."""

import datetime as dt

import pytest

from forms import FIELD_TYPES, Definition, Field, InvalidAnswer, register_field_type
from forms.fieldtypes import CallField, ContactField, HeadingField

from .helpers import definition, field

EVERY_TYPE = (
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


def make(type_: str, **extra) -> Field:
    """The field of a one-field definition, built through from_json."""
    if type_ in ("single_choice", "multiple_choice"):
        extra.setdefault("choices", ["red", "green", "blue"])
    if type_ == "call":
        extra.setdefault("settings", {"number": "02800"})
    return Definition.from_json(definition(field("f", type_, **extra))).fields[0]


def test_registry_holds_every_type_in_builder_order():
    assert tuple(FIELD_TYPES) == EVERY_TYPE


@pytest.mark.parametrize("type_", EVERY_TYPE)
def test_each_type_builds_an_instance_of_its_own_class(type_):
    built = make(type_)
    assert type(built) is FIELD_TYPES[type_]
    assert built.to_json()["type"] == type_


def test_only_headings_take_no_answer():
    assert [name for name, cls in FIELD_TYPES.items() if not cls.takes_answer] == ["heading"]


def test_only_choice_types_have_choices():
    assert sorted(name for name, cls in FIELD_TYPES.items() if cls.has_choices) == ["multiple_choice", "single_choice"]


def test_registering_a_type_name_twice_is_refused():
    class AnotherCheck(Field):
        type_name = "check"

    with pytest.raises(ValueError, match="registered twice"):
        register_field_type(AnotherCheck)


def test_heading_takes_no_answer_and_cannot_coerce_one():
    heading = make("heading")
    assert isinstance(heading, HeadingField)
    with pytest.raises(NotImplementedError):
        heading.coerce("anything")


@pytest.mark.parametrize("type_", ["check", "call"])
def test_check_and_call_answers_are_done_or_no_answer_and_required_means_done(type_):
    step = make(type_)
    assert step.coerce(True) is True
    assert step.coerce(False) is None
    assert step.coerce(None) is None
    with pytest.raises(InvalidAnswer, match="expected true or false"):
        step.coerce("yes")
    assert step.fulfils_required(True)
    assert not step.fulfils_required(None)
    assert step.condition_choices() == (True,)


def test_call_step_to_a_fixed_number_gives_a_tel_link():
    call = make("call", settings={"number": "+47 116 117"})
    assert isinstance(call, CallField)
    assert (call.number, call.call_role, call.tel_url) == ("+47 116 117", None, "tel:+47116117")


def test_call_step_to_a_role_names_the_role_and_has_no_tel_link():
    call = make("call", settings={"role": "rektor"})
    assert (call.call_role, call.number, call.tel_url) == ("rektor", None, None)


def test_yes_no_answers_are_booleans_and_no_fulfils_required():
    question = make("yes_no")
    assert question.coerce(False) is False
    assert question.fulfils_required(False)
    with pytest.raises(InvalidAnswer):
        question.coerce(1)
    assert question.condition_choices() == (True, False)


@pytest.mark.parametrize("type_", ["text", "long_text"])
def test_text_is_stripped_and_blank_text_is_no_answer(type_):
    text = make(type_)
    assert text.coerce("  hei  ") == "hei"
    assert text.coerce("   ") is None
    with pytest.raises(InvalidAnswer, match="expected text"):
        text.coerce(12)


def test_text_longer_than_max_length_is_rejected():
    text = make("text", settings={"max_length": 5})
    assert text.coerce("12345") == "12345"
    with pytest.raises(InvalidAnswer, match="longer than 5 characters"):
        text.coerce("123456")


def test_long_text_allows_far_more_than_short_text_by_default():
    assert make("long_text").coerce("x" * 5000) == "x" * 5000
    with pytest.raises(InvalidAnswer):
        make("text").coerce("x" * 5000)


def test_number_accepts_numbers_and_numeric_text_and_gives_ints_for_whole_values():
    number = make("number")
    assert number.coerce(3) == 3
    assert number.coerce("2.5") == 2.5
    assert number.coerce(" 7 ") == 7
    assert type(number.coerce(4.0)) is int
    assert number.coerce("") is None


@pytest.mark.parametrize("bad", ["abc", True, float("nan"), "inf", [1], {"n": 1}])
def test_number_rejects_what_is_not_a_finite_number(bad):
    with pytest.raises(InvalidAnswer, match="expected a number"):
        make("number").coerce(bad)


def test_number_keeps_within_min_and_max_and_whole_when_integer():
    number = make("number", settings={"min": 0, "max": 10, "integer": True})
    assert number.coerce(10) == 10
    with pytest.raises(InvalidAnswer, match="at least 0"):
        number.coerce(-1)
    with pytest.raises(InvalidAnswer, match="at most 10"):
        number.coerce(11)
    with pytest.raises(InvalidAnswer, match="whole number"):
        number.coerce(2.5)


def test_date_answer_is_an_iso_date_string():
    date = make("date")
    assert date.coerce("2026-03-01") == "2026-03-01"
    assert date.coerce(dt.date(2026, 3, 1)) == "2026-03-01"
    for bad in ("01.03.2026", "2026-02-30", "20260301", 20260301):
        with pytest.raises(InvalidAnswer, match="YYYY-MM-DD"):
            date.coerce(bad)


def test_datetime_answer_is_an_iso_string_to_the_minute():
    moment = make("datetime")
    assert moment.coerce("2026-03-01T14:05") == "2026-03-01T14:05"
    assert moment.coerce("2026-03-01T14:05:00") == "2026-03-01T14:05"
    assert moment.coerce(dt.datetime(2026, 3, 1, 14, 5, 30)) == "2026-03-01T14:05:30"
    assert moment.coerce("2026-03-01T14:05+01:00") == "2026-03-01T14:05+01:00"
    for bad in ("2026-03-01", "14:05", "2026-03-01T25:00", 1772370300):
        with pytest.raises(InvalidAnswer, match="YYYY-MM-DDTHH:MM"):
            moment.coerce(bad)


def test_single_choice_answer_must_be_one_of_the_choice_keys():
    choice = make("single_choice")
    assert choice.coerce("green") == "green"
    assert choice.coerce("") is None
    with pytest.raises(InvalidAnswer, match='"purple" is not one of the choices'):
        choice.coerce("purple")


def test_multiple_choice_answer_is_a_list_of_keys_in_choice_order_without_repeats():
    choice = make("multiple_choice")
    assert choice.coerce(["blue", "red", "blue"]) == ["red", "blue"]
    assert choice.coerce([]) is None
    with pytest.raises(InvalidAnswer, match="not one of the choices"):
        choice.coerce(["red", "purple"])
    with pytest.raises(InvalidAnswer, match="list of choices"):
        choice.coerce("red")


def test_contact_answer_is_a_non_blank_id_and_pick_is_a_setting():
    contact = make("contact", settings={"pick": "role"})
    assert isinstance(contact, ContactField)
    assert contact.coerce(" role:rektor ") == "role:rektor"
    assert contact.settings["pick"] == "role"
    with pytest.raises(InvalidAnswer, match="id of a contact"):
        contact.coerce(17)


def test_invalid_answer_carries_code_template_and_params_for_translation():
    with pytest.raises(InvalidAnswer) as caught:
        make("number", settings={"max": 3}).coerce(4)
    assert caught.value.code == "above_max"
    assert caught.value.template == "the number must be at most %(max)s"
    assert caught.value.params == {"max": 3}


def test_field_json_leaves_out_empty_optional_properties():
    built = make("text", help={}, required=False)
    assert built.to_json() == {"key": "f", "type": "text", "label": {"nb": "f"}}
