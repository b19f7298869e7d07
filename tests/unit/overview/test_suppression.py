"""An attacker who sees everything a suppressed table shows tries to work out the hidden small counts.

For each hidden figure below k it solves the integer programme "the shown figures and every row,
column and grand-total equation hold, every count is a whole number >= 0" twice, minimising and
maximising that figure (scipy's MILP solver). If both give the same value, the figure is recovered.
"""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import Bounds, LinearConstraint, milp

from intranet.overview.suppression import K, share, suppress


def _figures(cells):
    n_rows, n_cols = len(cells), len(cells[0])
    figures = [("cell", i, j) for i in range(n_rows) for j in range(n_cols)]
    figures += [("row", i) for i in range(n_rows)] + [("col", j) for j in range(n_cols)] + [("grand",)]
    return figures


def _true_values(cells):
    n_rows, n_cols = len(cells), len(cells[0])
    values = {("cell", i, j): cells[i][j] for i in range(n_rows) for j in range(n_cols)}
    values.update({("row", i): sum(cells[i]) for i in range(n_rows)})
    values.update({("col", j): sum(cells[i][j] for i in range(n_rows)) for j in range(n_cols)})
    values[("grand",)] = sum(map(sum, cells))
    return values


def _shown(published, figure):
    if figure[0] == "cell":
        return published.cells[figure[1]][figure[2]]
    if figure[0] == "row":
        return published.rows[figure[1]]
    if figure[0] == "col":
        return published.cols[figure[1]]
    return published.grand


def _attack(cells, published):
    """Every hidden figure the shown ones pin to a single value: {figure: value}."""
    n_rows, n_cols = len(cells), len(cells[0])
    figures = _figures(cells)
    index = {f: n for n, f in enumerate(figures)}
    equations = []
    for i in range(n_rows):
        equations.append({**{("cell", i, j): 1 for j in range(n_cols)}, ("row", i): -1})
    for j in range(n_cols):
        equations.append({**{("cell", i, j): 1 for i in range(n_rows)}, ("col", j): -1})
    equations.append({**{("row", i): 1 for i in range(n_rows)}, ("grand",): -1})
    equations.append({**{("col", j): 1 for j in range(n_cols)}, ("grand",): -1})
    matrix = np.zeros((len(equations), len(figures)))
    for row, equation in enumerate(equations):
        for figure, coefficient in equation.items():
            matrix[row, index[figure]] = coefficient
    lower = np.zeros(len(figures))
    upper = np.full(len(figures), np.inf)
    for figure in figures:
        value = _shown(published, figure)
        if value is not None:
            lower[index[figure]] = upper[index[figure]] = value
    constraints = LinearConstraint(matrix, 0, 0)
    recovered = {}
    for figure in figures:
        if _shown(published, figure) is not None or _true_values(cells)[figure] >= K:
            continue
        objective = np.zeros(len(figures))
        objective[index[figure]] = 1
        ends = []
        for sign in (1, -1):
            result = milp(
                sign * objective,
                constraints=constraints,
                bounds=Bounds(lower, upper),
                integrality=np.ones(len(figures)),
            )
            assert result.status != 2, "the true table satisfies every equation"
            ends.append(round(result.x[index[figure]]) if result.status == 0 else None)  # else unbounded
        if ends[0] is not None and ends[0] == ends[1]:
            recovered[figure] = ends[0]
    return recovered


def _counts(max_rows=5, max_cols=5):
    return st.integers(1, max_rows).flatmap(
        lambda rows: st.integers(1, max_cols).flatmap(
            lambda cols: st.lists(
                st.lists(st.one_of(st.integers(0, 6), st.integers(0, 60)), min_size=cols, max_size=cols),
                min_size=rows,
                max_size=rows,
            )
        )
    )


@settings(max_examples=400, deadline=None)
@given(_counts())
def test_no_hidden_small_count_can_be_worked_out_from_what_is_shown(cells):
    published = suppress(cells)
    assert _attack(cells, published) == {}


@settings(max_examples=200, deadline=None)
@given(_counts())
def test_every_shown_figure_is_true_and_at_least_k(cells):
    published = suppress(cells)
    truth = _true_values(cells)
    for figure in _figures(cells):
        shown = _shown(published, figure)
        assert shown is None or (shown == truth[figure] and shown >= K)


@settings(max_examples=200, deadline=None)
@given(_counts())
def test_the_hidden_parts_of_a_shown_total_never_add_up_to_a_small_count(cells):
    published = suppress(cells)
    for i, row in enumerate(cells):
        hidden = [v for v, shown in zip(row, published.cells[i], strict=True) if shown is None]
        assert published.rows[i] is None or not hidden or sum(hidden) >= K


def test_a_table_of_large_counts_is_shown_whole():
    published = suppress([[10, 20], [30, 40]])
    assert published.cells == [[10, 20], [30, 40]] and published.grand == 100 and published.hidden_count == 0


def test_one_small_cell_takes_a_partner_in_its_row_and_its_column():
    published = suppress([[3, 20, 30], [12, 40, 50], [9, 8, 70]])
    assert published.cells[0][0] is None
    assert sum(v is None for v in published.cells[0]) >= 2
    assert sum(published.cells[i][0] is None for i in range(3)) >= 2


def test_share_hides_a_small_part_or_a_small_rest():
    assert share(50, 100) == 50
    assert share(97, 100) is None  # the rest, 3, would show
    assert share(3, 100) is None
    assert share(0, 0) is None
    assert share(33, 50) == 65


@settings(max_examples=100, deadline=None)
@given(_counts(max_rows=4, max_cols=3), st.randoms())
def test_two_cuts_of_the_same_cases_share_their_hidden_totals(cells, random):
    from intranet.overview.suppression import with_shared_totals

    # the same cases cut another way: each column's count spread over two other rows
    other = [[0] * len(cells[0]) for _ in range(2)]
    for j in range(len(cells[0])):
        total = sum(row[j] for row in cells)
        first = random.randint(0, total)
        other[0][j], other[1][j] = first, total - first
    one, two = with_shared_totals(suppress(cells), suppress(other))
    assert one.cols == two.cols and one.grand == two.grand
    assert _attack(cells, one) == {} and _attack(other, two) == {}
