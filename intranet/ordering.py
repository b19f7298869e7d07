"""Items kept in a user-chosen order (plan sections, contact persons, a form's fields)."""


def swap_with_neighbour(items: list, index: int, direction: int) -> list:
    """`items` with the one at `index` moved one place up (-1) or down (+1); unchanged at either end."""
    target = index + direction
    if 0 <= target < len(items):
        items[index], items[target] = items[target], items[index]
    return items


def move_item(ordered: list, item, direction: int) -> None:
    """Move `item` one place up (-1) or down (+1) in `ordered` (rows with a `position`), renumbering
    every row's `position` from 0 so gaps and ties left by deletions disappear."""
    swap_with_neighbour(ordered, ordered.index(item), direction)
    for position, each in enumerate(ordered):
        each.position = position


def requested_direction(form) -> int:
    """The step a "Move up"/"Move down" button of _row_actions.html asks for: -1 (up) or +1 (down)."""
    return -1 if form.get("direction") == "up" else 1
