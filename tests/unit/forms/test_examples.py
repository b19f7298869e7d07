"""The sample definitions shipped in forms/examples/ are valid and behave as a school expects."""

import datetime as dt
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from forms import Definition, build_wtform, due_at, missing_required, validate_definition, visible_fields

from .helpers import FormData

EXAMPLES = Path(__file__).resolve().parents[3] / "forms" / "examples"


def load(name):
    return json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))


def test_there_are_sample_definitions_of_both_kinds():
    kinds = {load(path.stem)["kind"] for path in EXAMPLES.glob("*.json")}
    assert kinds == {"checklist", "form"}


@pytest.mark.parametrize("name", [path.stem for path in sorted(EXAMPLES.glob("*.json"))])
def test_sample_validates_cleanly_and_round_trips(name):
    data = load(name)
    assert validate_definition(data) == []
    assert Definition.from_json(data).to_json() == data


def test_intoxicated_checklist_calls_guardians_only_for_students_under_18():
    checklist = Definition.from_json(load("intoxicated_at_school"))
    under = [f.key for f in missing_required(checklist, {"age_band": "under_18"})]
    over = [f.key for f in missing_required(checklist, {"age_band": "over_18"})]
    assert "call_guardians" in under and "consent_to_tell_guardians" not in under
    assert "consent_to_tell_guardians" in over and "call_guardians" not in over


def test_intoxicated_checklist_calls_the_rector_and_the_police_on_suspected_sale():
    checklist = Definition.from_json(load("intoxicated_at_school"))
    assert checklist.field("call_rector").call_role == "rektor"
    assert "call_police" not in [f.key for f in visible_fields(checklist, {"sale_suspected": False})]
    assert checklist.field("call_police").tel_url == "tel:02800"


def test_intoxicated_checklist_follow_up_meeting_is_due_within_three_school_days():
    checklist = Definition.from_json(load("intoxicated_at_school"))
    friday = dt.datetime(2026, 3, 6, 11, 0, tzinfo=ZoneInfo("Europe/Oslo"))
    assert due_at(checklist.field("follow_up_meeting"), friday) == friday + dt.timedelta(days=5)


def test_concern_note_can_be_submitted_in_english():
    note = Definition.from_json(load("concern_note"))
    form = build_wtform(note, "en")(
        FormData(
            {
                "noticed_on": "2026-03-02",
                "signs": ["changed_behaviour"],
                "what_happened": "Seems tired and withdrawn.",
                "talked_with_student": "no",
                "urgency": "this_week",
                "pass_to": "role:sosialradgiver",
            }
        )
    )
    assert form.signs.label.text == "What have you noticed?"
    assert form.validate(), form.errors
    assert form.answers["talked_with_student"] is False
    assert "other_signs" not in form.answers
