"""The builder speaks the rector's language: a problem names the question by its label (never its key, its
position or its type's internal name), plurals are right ("1 skoledag"), and a heading is offered no
responsible role and no due time."""

import copy
import re
from html import unescape

import pytest

from ..conftest import AGE_CHECKLIST

AGE = {"nb": "Elevens alder", "nn": "Eleven sin alder", "en": "Student's age"}
AFTERWARDS = {"nb": "Etterpå", "nn": "Etterpå", "en": "Afterwards"}

# language → (the problem as the rector reads it, the due offset of one school day)
EXPECTED = {
    "nb": ("«Elevens alder»: legg til minst ett svaralternativ", "frist etter 1 skoledag"),
    "nn": ("«Eleven sin alder»: legg til minst eitt svaralternativ", "frist etter 1 skuledag"),
    "en": ("“Student's age”: add at least one choice", "due after 1 school day"),
}


@pytest.fixture
def draft_with_problems(db, school_form):
    """The school's checklist being built: a choice question without choices yet, a step due one school day
    after the case starts, and a heading."""
    draft = copy.deepcopy(AGE_CHECKLIST)
    draft["fields"][1]["due"] = {"amount": 1, "unit": "school_days"}
    draft["fields"].insert(0, {"key": "elevens_alder", "type": "single_choice", "label": AGE, "choices": []})
    draft["fields"].append({"key": "afterwards", "type": "heading", "label": AFTERWARDS})
    school_form.draft = draft
    db.session.commit()
    return school_form


def text_of(response) -> str:
    """What a person reads on the page: no markup, entities decoded, spaces collapsed."""
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]*>", " ", response.get_data(as_text=True))))


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_a_problem_names_the_question_by_its_label_and_a_due_offset_has_the_right_plural(
    client, world, login, draft_with_problems, lang
):
    login(world.users["school_admin"])
    url = f"/app/schools/{world.school.slug}/forms/{draft_with_problems.id}?lang={lang}"
    page = text_of(client.get(url))
    problem, due = EXPECTED[lang]
    assert problem in page and due in page
    for internal in ("elevens_alder", "single_choice", "field 1", "felt 1", "skoledager", "skuledagar"):
        assert internal not in page


def test_a_heading_is_offered_no_responsible_role_and_no_due_time(client, world, login, draft_with_problems):
    login(world.users["school_admin"])
    base = f"/app/schools/{world.school.slug}/forms/{draft_with_problems.id}?lang=en&edit="
    heading = client.get(base + "afterwards").get_data(as_text=True)
    step = client.get(base + "call_guardians").get_data(as_text=True)
    assert 'name="role"' in step and 'name="due_amount"' in step
    assert 'name="role"' not in heading and 'name="due_amount"' not in heading and "When is it due?" not in heading


def test_a_tick_step_can_be_set_to_start_another_of_the_schools_checklists(client, world, login, db, school_form):
    from intranet.formsadmin import operations as form_ops

    rector = world.users["school_admin"]
    follow_up = {**copy.deepcopy(AGE_CHECKLIST), "key": "follow_up", "title": {"nb": "Oppfølging", "en": "Follow-up"}}
    form_ops.import_form(world.school, follow_up, user=rector)
    db.session.commit()
    login(rector)
    base = f"/app/schools/{world.school.slug}/forms/{school_form.id}"
    editor = client.get(f"{base}?lang=en&edit=call_guardians").get_data(as_text=True)
    assert "Ticking it starts the checklist" in editor and '<option value="follow_up">Follow-up</option>' in editor
    data = {"version": "1", "label_nb": "Start oppfølgingen", "setting_starts": "follow_up", "action": "save"}
    data |= {"show_mode": "all", "conditions-0-id": "c", "conditions-0-field": "age", "conditions-0-op": "equals"}
    data["conditions-0-values"] = ['"under_18"']
    assert client.post(f"{base}/fields/call_guardians", data=data).status_code == 303
    db.session.expire_all()
    saved = next(f for f in school_form.draft["fields"] if f["key"] == "call_guardians")
    assert saved["settings"] == {"starts": "follow_up"}
