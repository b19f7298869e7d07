"""read_field: one submitted answer, read by that field's own WTForms field, as the whole form reads it."""

from forms import Definition, build_wtform, read_field

from .helpers import FormData, definition, field

FIELDS = (
    field("age", "single_choice", choices=["under_18", "over_18"]),
    field("how_many", "number", settings={"integer": True}),
    field("when", "date"),
    field("which", "multiple_choice", choices=["a", "b", "c"]),
    field("done", "check"),
)
DEFINITION = Definition.from_json(definition(*FIELDS))


def test_one_answer_reads_the_same_as_the_whole_form_reads_it():
    data = FormData({"r7-age": "under_18", "r7-how_many": "3", "r7-when": "2026-11-20", "r7-which": ["c", "a"]})
    data["r7-done"] = ["y"]
    whole = build_wtform(DEFINITION)(data, prefix="r7-")
    for item in DEFINITION.fields:
        value, unreadable = read_field(DEFINITION, item.key, data, "r7-")
        assert unreadable is None
        assert item.coerce(value) == item.coerce(item.from_form_data(whole[item.key].data)), item.key
    read = [
        DEFINITION.field(k).coerce(read_field(DEFINITION, k, data, "r7-")[0]) for k in ("how_many", "which", "done")
    ]
    assert read == [
        3,
        ["a", "c"],
        True,
    ]


def test_input_the_field_cannot_parse_comes_back_with_wtforms_message():
    value, unreadable = read_field(DEFINITION, "how_many", FormData({"how_many": "mange"}))
    assert value is None and unreadable == "Not a valid integer value."


def test_an_answer_missing_from_the_submission_reads_as_none():
    assert DEFINITION.field("done").coerce(read_field(DEFINITION, "done", FormData({}))[0]) is None
    assert read_field(DEFINITION, "age", FormData({}))[0] is None
