"""Small-cell suppression of a two-way table of counts with its totals (pure: no Flask, no database).

No published figure may let anyone work out a count below `k`, from the figures themselves or from
their totals and differences:

- *primary*: every cell and total below `k` (0 included) is hidden;
- *secondary*: more figures are hidden until no hidden figure can be worked out from what is shown.

The table with its totals is a set of equations, one per row (cells = row total), one per column
(cells = column total), and two for the totals (row totals = grand total = column totals). Each
figure appears in exactly two of them, so the equations are the nodes of a graph and the figures
its edges; with the signs chosen right it is a directed graph's incidence matrix. The hidden figures
that the shown ones determine are then exactly the bridges of the graph of hidden edges: a hidden
figure on a cycle of hidden figures can move up and down along the cycle while every equation
still holds. Counts cannot go below zero, so the cycle protecting a figure must consist of
figures that are not zero (`_protected`); and a row or column whose hidden cells add up to less
than `k` would give away that small sum, so one more of its cells is hidden (`_line_sums`).

`tests/unit/overview/test_suppression.py` checks all of it with an attacker that solves the
integer programme for every hidden small figure.
"""

from collections import defaultdict
from dataclasses import dataclass

K = 5

# An edge is ("cell", i, j), ("row", i), ("col", j) or ("grand",).
Edge = tuple


@dataclass(frozen=True)
class Published:
    """What may be shown: the cells and totals, None where hidden."""

    cells: list[list[int | None]]
    rows: list[int | None]
    cols: list[int | None]
    grand: int | None

    @property
    def hidden_count(self) -> int:
        figures = [v for row in self.cells for v in row] + self.rows + self.cols + [self.grand]
        return sum(v is None for v in figures)


class _Table:
    def __init__(self, cells: list[list[int]], k: int):
        self.k = k
        self.n_rows = len(cells)
        self.n_cols = len(cells[0]) if cells else 0
        self.value: dict[Edge, int] = {}
        for i, row in enumerate(cells):
            for j, v in enumerate(row):
                self.value[("cell", i, j)] = v
            self.value[("row", i)] = sum(row)
        for j in range(self.n_cols):
            self.value[("col", j)] = sum(cells[i][j] for i in range(self.n_rows))
        self.value[("grand",)] = sum(self.value[("row", i)] for i in range(self.n_rows))
        self.hidden = {edge for edge, v in self.value.items() if v < k}

    @staticmethod
    def ends(edge: Edge) -> tuple:
        """The two equations the figure appears in."""
        kind = edge[0]
        if kind == "cell":
            return ("R", edge[1]), ("C", edge[2])
        if kind == "row":
            return ("R", edge[1]), ("GR",)
        if kind == "col":
            return ("C", edge[1]), ("GC",)
        return ("GR",), ("GC",)

    def at(self) -> dict[tuple, list[Edge]]:
        nodes: dict[tuple, list[Edge]] = defaultdict(list)
        for edge in self.value:
            for node in self.ends(edge):
                nodes[node].append(edge)
        return nodes

    def hide_one(self, candidates) -> bool:
        """Hide the smallest shown figure among `candidates` (the least information lost)."""
        shown = [e for e in candidates if e not in self.hidden]
        if not shown:
            return False
        self.hidden.add(min(shown, key=lambda e: (self.value[e], e)))
        return True


def _total_of(node: tuple) -> Edge:
    """The total of an equation's line: a row's, a column's, or the grand total (of both lines of totals)."""
    if node[0] == "R":
        return ("row", node[1])
    if node[0] == "C":
        return ("col", node[1])
    return ("grand",)


def _line_sums(table: _Table, nodes) -> bool:
    """Hide one more figure in each line whose shown total gives away a small sum of hidden parts."""
    for node, edges in nodes.items():
        total = _total_of(node)
        if total in table.hidden:
            continue
        parts = [e for e in edges if e != total and e in table.hidden]
        if parts and sum(table.value[e] for e in parts) < table.k:
            if not table.hide_one([e for e in edges if e != total]) and not table.hide_one([total]):
                continue
            return True
    return False


def _bridges(edges: list[Edge]) -> set[Edge]:
    """The bridges of the multigraph `edges` (each edge between its two equations)."""
    graph: dict[tuple, list[tuple[tuple, int]]] = defaultdict(list)
    for index, edge in enumerate(edges):
        a, b = _Table.ends(edge)
        graph[a].append((b, index))
        graph[b].append((a, index))
    order: dict[tuple, int] = {}
    low: dict[tuple, int] = {}
    found: set[Edge] = set()
    for root in graph:
        if root in order:
            continue
        order[root] = low[root] = len(order)
        stack = [(root, -1, iter(graph[root]))]
        while stack:
            node, via, neighbours = stack[-1]
            advanced = False
            for other, index in neighbours:
                if index == via:
                    continue
                if other in order:
                    low[node] = min(low[node], order[other])
                else:
                    order[other] = low[other] = len(order)
                    stack.append((other, index, iter(graph[other])))
                    advanced = True
                    break
            if not advanced:
                stack.pop()
                if stack:
                    parent = stack[-1][0]
                    low[parent] = min(low[parent], low[node])
                    if low[node] > order[parent]:
                        found.add(edges[via])
    return found


def _components(edges: list[Edge]) -> dict[tuple, tuple]:
    parent: dict[tuple, tuple] = {}

    def find(node):
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for edge in edges:
        a, b = _Table.ends(edge)
        parent[find(a)] = find(b)
    return {node: find(node) for node in list(parent)}


def _unprotected(table: _Table) -> list[Edge]:
    """Hidden small figures not on a cycle of hidden non-zero figures: the shown ones could pin them."""
    positive = [e for e in table.hidden if table.value[e] > 0]
    bridges = _bridges(positive)
    component = _components(positive)
    exposed = []
    for edge in sorted(table.hidden):
        if table.value[edge] >= table.k:
            continue
        a, b = table.ends(edge)
        if table.value[edge] > 0:
            if edge in bridges:
                exposed.append(edge)
        elif a not in component or b not in component or component[a] != component[b]:
            exposed.append(edge)
    return exposed


def _protect(table: _Table, nodes) -> bool:
    """Hide one more figure next to the first exposed one; False when nothing is left to hide."""
    for edge in _unprotected(table):
        a, b = table.ends(edge)
        if table.hide_one(nodes[a] + nodes[b]):
            return True
        component = _components([e for e in table.hidden if table.value[e] > 0] + [edge])
        near = [e for e in table.value if component.get(table.ends(e)[0]) == component.get(a)]
        if table.hide_one(near) or table.hide_one(list(table.value)):
            return True
    return False


def suppress(cells: list[list[int]], k: int = K) -> Published:
    """The table `cells` (rows of non-negative counts) with its totals, as it may be published."""
    table = _Table(cells, k)
    nodes = table.at()
    while _line_sums(table, nodes) or _protect(table, nodes):
        pass

    def shown(edge):
        return None if edge in table.hidden else table.value[edge]

    return Published(
        cells=[[shown(("cell", i, j)) for j in range(table.n_cols)] for i in range(table.n_rows)],
        rows=[shown(("row", i)) for i in range(table.n_rows)],
        cols=[shown(("col", j)) for j in range(table.n_cols)],
        grand=shown(("grand",)),
    )


def share(part: int, whole: int, k: int = K, step: int = 5) -> int | None:
    """`part` of `whole` as a whole percentage rounded to `step`, or None when the part or the rest is
    below `k` (a share of 100 % or 0 % would say the rest is zero; 80 % of 5 would say it is one)."""
    if whole <= 0 or part < k or whole - part < k:
        return None
    return int(round(100 * part / whole / step) * step)


def with_shared_totals(*tables: Published) -> list[Published]:
    """Tables of the same cases cut two ways share their column and grand totals: a total hidden in one
    is hidden in all (hiding a figure never makes another easier to work out)."""
    cols = [None if any(t.cols[j] is None for t in tables) else tables[0].cols[j] for j in range(len(tables[0].cols))]
    grand = None if any(t.grand is None for t in tables) else tables[0].grand
    return [Published(t.cells, t.rows, cols, grand) for t in tables]
