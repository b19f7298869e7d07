"""The builder's pure parts: keys from labels, draft changes, and a translation for every engine message."""

from forms.errors import ANSWER_MESSAGES, DEFINITION_MESSAGES
from intranet.formsadmin import drafts, messages


def test_every_engine_message_has_a_translatable_entry_with_the_same_text():
    assert {code: str(text) for code, text in messages.DEFINITION_MESSAGES.items()} == DEFINITION_MESSAGES
    assert {code: str(text) for code, text in messages.ANSWER_MESSAGES.items()} == ANSWER_MESSAGES


def test_keys_come_from_norwegian_labels_and_never_clash():
    assert drafts.slug_key("Ring foresatte", set()) == "ring_foresatte"
    assert drafts.slug_key("Følg opp første skoledag", set()) == "folg_opp_forste_skoledag"
    assert drafts.slug_key("Ære være", {"aere_vaere"}) == "aere_vaere_2"
    assert drafts.slug_key("112 eller 113?", set()) == "field_112_eller_113"
    assert drafts.slug_key("Validate", set()) == "validate_1", "WTForms' own names are reserved"
    assert drafts.slug_key("!!!", set(), fallback="choice") == "choice"


def test_draft_changes_return_a_new_draft_and_leave_the_old_one_alone():
    draft = drafts.new_draft("x", "checklist", "nb", "X")
    added, key = drafts.add_field(draft, "single_choice", "Alder", "nb")
    assert draft["fields"] == [] and key == "alder"
    assert added["fields"] == [{"key": "alder", "type": "single_choice", "label": {"nb": "Alder"}, "choices": []}]
    two, _ = drafts.add_field(added, "check", "Ring", "nb")
    assert [f["key"] for f in drafts.move_field(two, "ring", -1)["fields"]] == ["ring", "alder"]
    assert [f["key"] for f in drafts.move_field(two, "alder", -1)["fields"]] == ["alder", "ring"], "first stays first"
    assert [f["key"] for f in drafts.remove_field(two, "alder")["fields"]] == ["ring"]
    assert [f["key"] for f in two["fields"]] == ["alder", "ring"]
