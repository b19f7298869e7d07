"""build_wtform: a plain WTForms form that validates a submission the way the definition says."""

import datetime as dt

import pytest
import wtforms

from forms import Definition, DefinitionForm, build_wtform
from forms.text import SLUG
from forms.validation import RESERVED_KEYS

from .helpers import FormData, definition, field, when

AGE = field("age", "single_choice", choices=["under_18", "over_18"], required=True)
CALL_HOME = field(
    "call_home",
    "call",
    settings={"role": "foresatte"},
    required=True,
    show_if=when("all", ("age", "equals", "under_18")),
)


def form_for(*fields, language=None, **options):
    return build_wtform(Definition.from_json(definition(*fields)), language, **options)


def submit(form_class, values):
    form = form_class(FormData(values))
    return form, form.validate()


def test_the_form_has_one_field_per_answerable_field_named_by_key():
    form = form_for(field("intro", "heading"), AGE, field("note", "long_text"))()
    assert [f.name for f in form] == ["age", "note"]
    assert isinstance(form.note, wtforms.TextAreaField)
    assert issubclass(type(form), wtforms.Form)


def test_labels_are_in_the_chosen_language_falling_back_to_the_default():
    greeting = {
        "key": "greeting",
        "type": "text",
        "label": {"nb": "Hilsen", "en": "Greeting"},
        "help": {"nb": "Skriv noe"},
    }
    english = form_for(greeting, language="en")()
    assert english.greeting.label.text == "Greeting"
    assert english.greeting.description == "Skriv noe"
    assert form_for(greeting, language="pl")().greeting.label.text == "Hilsen"


def test_choice_labels_are_translated_and_yes_no_labels_come_from_the_caller():
    form = form_for(AGE, field("sale", "yes_no"), language="nb", yes_no_labels=("Ja", "Nei"))()
    assert [(choice.value, choice.label) for choice in form.age.choices] == [
        ("under_18", "under 18"),
        ("over_18", "over 18"),
    ]
    assert [(choice.value, choice.label) for choice in form.sale.choices] == [("yes", "Ja"), ("no", "Nei")]


def test_a_missing_required_visible_field_is_an_error():
    form, valid = submit(form_for(AGE), {})
    assert not valid
    assert form.errors == {"age": ["This field is required."]}


def test_a_hidden_required_field_is_not_required_and_its_answer_is_dropped():
    form, valid = submit(form_for(AGE, CALL_HOME), {"age": "over_18", "call_home": "y"})
    assert valid, form.errors
    assert form.answers == {"age": "over_18"}


def test_a_required_field_made_visible_by_the_submission_is_required():
    form, valid = submit(form_for(AGE, CALL_HOME), {"age": "under_18"})
    assert not valid
    assert form.errors == {"call_home": ["This field is required."]}


def test_a_required_check_must_be_ticked():
    form, valid = submit(form_for(AGE, CALL_HOME), {"age": "under_18", "call_home": "y"})
    assert valid
    assert form.answers == {"age": "under_18", "call_home": True}


def test_text_for_a_number_is_an_error():
    form, valid = submit(form_for(field("count", "number")), {"count": "abc"})
    assert not valid
    assert form.errors == {"count": ["Not a valid decimal value."]}


def test_a_number_outside_the_range_is_an_error():
    form, valid = submit(form_for(field("count", "number", settings={"min": 0, "max": 5})), {"count": "6"})
    assert not valid
    assert form.errors["count"]


def test_a_whole_number_field_refuses_decimals():
    form, valid = submit(form_for(field("days", "number", settings={"integer": True})), {"days": "2.5"})
    assert not valid
    assert form.errors == {"days": ["Not a valid integer value."]}


def test_a_choice_not_among_the_choices_is_an_error():
    form, valid = submit(form_for(AGE), {"age": "unknown"})
    assert not valid
    assert form.errors == {"age": ["Not a valid choice."]}


def test_a_multiple_choice_outside_the_choices_is_an_error():
    signs = field("signs", "multiple_choice", choices=["absence", "results"])
    form, valid = submit(form_for(signs), {"signs": ["absence", "tattoos"]})
    assert not valid
    assert "tattoos" in form.errors["signs"][0]


def test_optional_fields_may_be_left_empty():
    fields = [field("count", "number"), field("when", "date"), field("at", "datetime"), field("sale", "yes_no")]
    form, valid = submit(form_for(*fields, AGE), {"age": "over_18", "count": "", "when": "", "at": ""})
    assert valid, form.errors
    assert form.answers == {"age": "over_18"}


def test_answers_are_coerced_to_their_json_form():
    fields = [
        field("count", "number"),
        field("when", "date"),
        field("at", "datetime"),
        field("sale", "yes_no"),
        field("signs", "multiple_choice", choices=["absence", "results"]),
        field("who", "contact"),
        field("note", "text"),
    ]
    values = {
        "count": "2.5",
        "when": "2026-03-06",
        "at": "2026-03-06T14:05",
        "sale": "no",
        "signs": ["results", "absence"],
        "who": "role:rektor",
        "note": "  calm  ",
    }
    form, valid = submit(form_for(*fields), values)
    assert valid, form.errors
    assert form.answers == {
        "count": 2.5,
        "when": "2026-03-06",
        "at": "2026-03-06T14:05",
        "sale": False,
        "signs": ["absence", "results"],
        "who": "role:rektor",
        "note": "calm",
    }


def test_contact_options_turn_the_contact_field_into_a_select():
    form_class = form_for(
        field("who", "contact", settings={"pick": "role"}), contact_options={"who": [("rektor", "Rektor")]}
    )
    form, valid = submit(form_class, {"who": "someone_else"})
    assert isinstance(form.who, wtforms.SelectField)
    assert not valid


def test_required_flag_is_set_only_on_fields_that_are_always_required():
    form = form_for(AGE, CALL_HOME)()
    assert form.age.flags.required
    assert not form.call_home.flags.required


def test_a_form_can_show_stored_answers():
    fields = [AGE, field("when", "date"), field("sale", "yes_no")]
    form = form_for(*fields).with_answers({"age": "over_18", "when": "2026-03-06", "sale": True})
    assert (form.age.data, form.when.data, form.sale.data) == ("over_18", dt.date(2026, 3, 6), "yes")
    assert form.validate()
    assert form.answers == {"age": "over_18", "when": "2026-03-06", "sale": True}


def test_fields_from_the_base_class_are_validated_as_usual():
    class WithConfirmation(wtforms.Form):
        confirm = wtforms.StringField(validators=[wtforms.validators.InputRequired()])

    form_class = build_wtform(Definition.from_json(definition(field("note", "text"))), base=WithConfirmation)
    form, valid = submit(form_class, {"note": "x"})
    assert not valid
    assert list(form.errors) == ["confirm"]


def test_reserved_keys_cover_every_attribute_of_the_form_classes():
    flask_wtf = pytest.importorskip("flask_wtf")
    attributes = {
        name for cls in (wtforms.Form, DefinitionForm, flask_wtf.FlaskForm) for name in dir(cls) if SLUG.fullmatch(name)
    }
    assert attributes <= RESERVED_KEYS


def test_inline_validator_names_are_ordinary_keys():
    form_class = form_for(field("x", "text"), field("validate_x", "text", required=True))
    form, valid = submit(form_class, {"x": "a", "validate_x": "b"})
    assert valid, form.errors
    assert form.answers == {"x": "a", "validate_x": "b"}


def test_a_hidden_field_is_not_validated_at_all():
    count = field("count", "number", show_if=when("all", ("age", "equals", "under_18")))
    form, valid = submit(form_for(AGE, count), {"age": "over_18", "count": "abc"})
    assert valid, form.errors
    assert form.answers == {"age": "over_18"}
