"""The shipped plan template and checklists follow the Education Act of 2023 and the duties as they stand,
in nb, nn and en; a change of the shipped text reaches schools as a template update they review."""

import copy
import json

import pytest

from intranet.auth.models import User
from intranet.formsadmin.default_forms import load_default_forms
from intranet.plans import template_operations as template_ops
from intranet.plans.defaults import default_template
from intranet.plans.operations import create_plan
from intranet.plans.upgrade import FOLLOW, pending_changes

LANGUAGES = ("nb", "nn", "en")
# What each language must say (lower case): removal from teaching with its limits and the right to be
# heard; no searching and no drug testing by the school; 113; anonymous consultation; the duty to avert.
MUST_SAY = {
    "nb": [
        "bortvisning",
        "enkeltvedtak",
        "inntil tre dager",
        "inntil fem dager",
        "foresatte skal varsles før",
        "si sin mening",
        "ikke ransak",
        "rustest",
        "113",
        "uten å nevne elevens navn",
        "straffeloven § 196",
    ],
    "nn": [
        "bortvising",
        "enkeltvedtak",
        "inntil tre dagar",
        "inntil fem dagar",
        "føresette skal varslast før",
        "seie meininga si",
        "ikkje ransak",
        "rustest",
        "113",
        "utan å nemne namnet til eleven",
        "straffelova § 196",
    ],
    "en": [
        "bortvisning",
        "formal decision",
        "up to three days",
        "up to five days",
        "guardians told before",
        "has been heard",
        "do not search",
        "test for drugs",
        "113",
        "without giving the student's name",
        "§ 196",
    ],
}


def shipped_text(language: str) -> str:
    texts = []

    def walk(value):
        if isinstance(value, dict):
            if isinstance(value.get(language), str):
                texts.append(value[language])
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(default_template())
    walk(load_default_forms())
    return "\n".join(texts).lower()


@pytest.mark.parametrize("language", LANGUAGES)
def test_shipped_content_states_todays_rules(language):
    text = shipped_text(language)
    missing = [phrase for phrase in MUST_SAY[language] if phrase.lower() not in text]
    assert not missing, f"{language}: {missing}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_shipped_content_cites_no_repealed_or_unverified_section(language):
    text = json.dumps([default_template(), load_default_forms()], ensure_ascii=False)
    # § 15-3 is the Education Act of 1998; § 13-2 of the Child Welfare Act could not be checked against
    # the law's text here, so the duty is described without a number.
    assert "15-3" not in text and "13-2" not in text and "9 A-" not in text


def test_a_changed_shipped_text_reaches_a_school_as_an_update_to_review(world, db, monkeypatch):
    organisation = world.org
    rector = db.session.get(User, world.users["school_admin"].id)
    older = copy.deepcopy(default_template())
    for section in older["sections"]:  # the text as shipped before: sending home without the decision's limits
        if section["key"] == default_template()["sections"][8]["key"]:
            section["data"]["items"][2]["step"] = {lang: "Rektor avgjør om eleven sendes hjem." for lang in LANGUAGES}
    with monkeypatch.context() as patched:
        patched.setattr(template_ops, "default_template", lambda: older)
        first = template_ops.install_default_template(organisation)
    db.session.flush()
    plan = create_plan(world.school, rector)
    db.session.flush()
    key = default_template()["sections"][8]["key"]
    before = next(s for s in plan.sections if s.source_key == key).data["items"][2]["step"]["nb"]

    second = template_ops.install_default_template(organisation)
    db.session.flush()
    assert second is not None and second.number == first.number + 1
    changes = {change.key: change.status for change in pending_changes(plan, second)}
    assert changes == {key: FOLLOW}  # offered to the school, which reviews and applies it
    mine = next(s for s in plan.sections if s.source_key == key)
    assert mine.data["items"][2]["step"]["nb"] == before  # nothing changed behind the school's back
