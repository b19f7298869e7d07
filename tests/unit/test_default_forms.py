"""The checklists and forms shipped with the product are valid, complete in nb, nn and en, and behave."""

import json
import re
from pathlib import Path

import pytest

import forms
from intranet.formsadmin.default_forms import FOLDER, ORDER, load_default_forms

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ("nb", "nn", "en")
ROLE_KEYS = {role["key"] for role in json.loads((ROOT / "intranet/contacts/default_roles.json").read_text("utf-8"))}
SHIPPED = load_default_forms()
BY_KEY = {d["key"]: d for d in SHIPPED}
# Common words that exist only in bokmål or only in nynorsk: a text holding one of the other kind is a slip.
BOKMAL_ONLY = "ikke hva hvem hvor hvordan hvis jeg noe noen mens sammen være fra uten bare selv gjør dem mye"
NYNORSK_ONLY = "ikkje kva kven kvar korleis viss eg noko nokon medan saman vere frå utan berre sjølv gjer dei mykje"
NOT_IN_NYNORSK = re.compile(rf"\b({'|'.join(BOKMAL_ONLY.split())}|skolen|ansatte|foresatte|ledelsen|hjem)\b", re.I)
NOT_IN_BOKMAL = re.compile(rf"\b({'|'.join(NYNORSK_ONLY.split())}|skulen|tilsette|føresette|leiinga|heim)\b", re.I)


def texts(definition):
    """(where, texts) for the title, the description and every label, help and choice label."""
    yield "title", definition["title"]
    if "description" in definition:
        yield "description", definition["description"]
    for field in definition["fields"]:
        for name in ("label", "help"):
            if name in field:
                yield f"{field['key']}.{name}", field[name]
        for choice in field.get("choices", ()):
            yield f"{field['key']}.{choice['key']}", choice["label"]


def steps(definition):
    return [field for field in definition["fields"] if field["type"] in ("check", "call")]


def shown_only_if(definition, key):
    """The conditions of field `key`, as (field, op, value) tuples."""
    show_if = next(field for field in definition["fields"] if field["key"] == key).get("show_if", {})
    return {(c["field"], c["op"], json.dumps(c["value"])) for conditions in show_if.values() for c in conditions}


def test_the_eight_routines_ship_each_in_a_file_named_by_its_key():
    assert set(ORDER) == {
        "suspicion",
        "suspicion_persists",
        "confirmed_use_or_sale",
        "intoxicated_at_school",
        "follow_up_after_intoxication",
        "suspected_sale",
        "wondering_conversation",
        "concern_note",
    }
    assert {path.stem for path in FOLDER.glob("*.json")} == set(ORDER)
    assert [d["key"] for d in SHIPPED] == list(ORDER)


@pytest.mark.parametrize("definition", SHIPPED, ids=ORDER)
def test_definition_is_valid_and_canonical(definition):
    assert forms.validate_definition(definition) == []
    assert forms.Definition.from_json(definition).to_json() == definition
    assert definition["default_language"] == "nb"


@pytest.mark.parametrize("definition", SHIPPED, ids=ORDER)
def test_every_text_is_written_in_bokmal_nynorsk_and_english(definition):
    for where, text in texts(definition):
        assert set(text) == set(LANGUAGES), where
        assert all(text[lang].strip() for lang in LANGUAGES), where
        assert not NOT_IN_BOKMAL.search(text["nb"]), f"{where}: nynorsk in the bokmål text: {text['nb']}"
        assert not NOT_IN_NYNORSK.search(text["nn"]), f"{where}: bokmål in the nynorsk text: {text['nn']}"


@pytest.mark.parametrize("definition", SHIPPED, ids=ORDER)
def test_every_step_names_a_responsible_role_from_the_catalogue(definition):
    for field in steps(definition):
        assert field.get("role") in ROLE_KEYS, field["key"]
        if "role" in field.get("settings", {}):
            assert field["settings"]["role"] in ROLE_KEYS, field["key"]
    for field in definition["fields"]:
        assert "role" not in field or field["role"] in ROLE_KEYS, field["key"]


@pytest.mark.parametrize("definition", SHIPPED, ids=ORDER)
def test_free_text_fields_remind_not_to_write_the_students_name(definition):
    for field in definition["fields"]:
        if field["type"] == "long_text":
            assert "navn" in field.get("help", {}).get("nb", "") or "navn" in definition["description"]["nb"]


def test_intoxicated_checklist_has_steps_for_under_18_and_for_work_placement():
    checklist = BY_KEY["intoxicated_at_school"]
    assert ("age_band", "equals", '"under_18"') in shown_only_if(checklist, "call_guardians")
    assert ("age_band", "equals", '"under_18"') in shown_only_if(checklist, "collected_by_guardians")
    assert shown_only_if(checklist, "inform_workplace") == {("in_work_placement", "equals", "true")}
    two_staff = next(field for field in checklist["fields"] if field["key"] == "two_staff_present")
    assert two_staff["required"] and two_staff["type"] == "check"


def test_intoxicated_checklist_shows_under_18_steps_only_for_students_under_18():
    checklist = forms.Definition.from_json(BY_KEY["intoxicated_at_school"])
    under_18_only = {"call_guardians", "child_welfare"}
    for key in under_18_only:
        assert shown_only_if(BY_KEY["intoxicated_at_school"], key) == {("age_band", "equals", '"under_18"')}
    under = forms.evaluate(checklist, {"age_band": "under_18"})
    adult = forms.evaluate(checklist, {"age_band": "adult_18_plus"})
    assert under_18_only <= {field.key for field in under.visible}
    assert under_18_only <= adult.hidden
    assert "ask_about_guardians" in under.hidden - adult.hidden


def test_intoxicated_checklist_needs_the_guardians_to_collect_a_student_under_18_who_is_sent_home():
    checklist = forms.Definition.from_json(BY_KEY["intoxicated_at_school"])
    missing = {f.key for f in forms.missing_required(checklist, {"age_band": "under_18", "sent_home": True})}
    assert {"two_staff_present", "collected_by_guardians", "call_police"} <= missing
    adult = {f.key for f in forms.missing_required(checklist, {"age_band": "adult_18_plus", "sent_home": True})}
    assert "collected_by_guardians" not in adult and "safe_way_home" in adult


def test_follow_up_has_a_meeting_within_three_school_days():
    dues = [field.get("due") for field in BY_KEY["follow_up_after_intoxication"]["fields"]]
    assert {"amount": 3, "unit": "school_days"} in dues
    assert {"amount": 1, "unit": "school_days"} in dues


def test_suspected_sale_calls_the_police_on_02800():
    calls = [field for field in BY_KEY["suspected_sale"]["fields"] if field["type"] == "call"]
    assert any(field["settings"] == {"number": "02800"} and field.get("required") for field in calls)


def test_concern_note_is_a_form_filled_once():
    assert BY_KEY["concern_note"]["kind"] == "form"
    assert {d["kind"] for d in SHIPPED if d["key"] != "concern_note"} == {"checklist"}
