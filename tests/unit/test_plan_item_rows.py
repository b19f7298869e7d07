"""Adding, moving and removing item rows in a submitted section form, before anything is saved."""

from werkzeug.datastructures import MultiDict

from intranet.plans.editing import apply_item_action
from intranet.plans.kinds import KINDS

ROWS = MultiDict([("title", "Årshjul"), ("items-0-id", "a"), ("items-0-title", "Foreldremøte"), ("items-1-id", "b")])


def rows(formdata):
    return [formdata.get(f"items-{index}-id") for index in range(3)]


def test_a_new_annual_wheel_row_starts_public_like_stored_rows_without_the_setting():
    added = apply_item_action(ROWS, "add", KINDS["annual_wheel"])
    assert added.get("items-2-public") == "y"
    assert added.get("items-2-id") not in ("a", "b", None)
    assert added.get("items-0-public") is None, "the rows already there keep what the user submitted"


def test_a_new_row_of_a_kind_without_yes_no_fields_holds_only_its_id():
    added = apply_item_action(ROWS, "add", KINDS["measures"])
    assert sorted(key for key in added if key.startswith("items-2-")) == ["items-2-id"]


def test_moving_and_removing_rows_keeps_the_other_fields():
    moved = apply_item_action(ROWS, "down:a")
    assert rows(moved) == ["b", "a", None]
    assert moved.get("items-1-title") == "Foreldremøte" and moved.get("title") == "Årshjul"
    assert rows(apply_item_action(ROWS, "remove:a")) == ["b", None, None]
    assert rows(apply_item_action(ROWS, "up:a")) == ["a", "b", None], "the first row cannot move up"
