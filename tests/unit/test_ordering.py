"""Moving an item up or down in a user-ordered list (sections, contact persons, a form's fields)."""

from types import SimpleNamespace

from intranet.ordering import move_item, swap_with_neighbour


def rows(*positions):
    return [SimpleNamespace(name=f"r{p}", position=p) for p in positions]


def test_moving_up_swaps_with_the_one_above_and_renumbers_from_zero():
    ordered = rows(0, 3, 7)  # gaps left by deletions
    move_item(ordered, ordered[2], -1)
    assert [(r.name, r.position) for r in ordered] == [("r0", 0), ("r7", 1), ("r3", 2)]


def test_moving_past_either_end_keeps_the_order():
    ordered = rows(0, 1)
    move_item(ordered, ordered[0], -1)
    move_item(ordered, ordered[1], 1)
    assert [(r.name, r.position) for r in ordered] == [("r0", 0), ("r1", 1)]


def test_swap_with_neighbour_moves_a_plain_list_item_down():
    assert swap_with_neighbour(["a", "b", "c"], 0, 1) == ["b", "a", "c"]
    assert swap_with_neighbour(["a", "b"], 1, 1) == ["a", "b"]
