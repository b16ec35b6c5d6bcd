"""The matriks cascading: one row per end of the cascade, the hierarchy above it in columns.

Rows follow the pohon kinerja top-down (`cascade.graph.tree_order`: an element with two parents
is listed under the first). Each element goes to the column of its band (the same bands as the
pohon kinerja) and kind: a sasaran or an indicator. A row ends at an element with nothing placed
below it; target, realisasi and capaian are that last element's. Individual sasaran have no
column of their own: their position fills *Jabatan*. Budget items (program, kegiatan,
sub-kegiatan) are not columns of the matrix and are passed through.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from cascade.capaian import ElementScore, ScoreOptions, score
from cascade.graph import elemen, jabatan, tree_order
from models.cascade import BUDGET_KINDS, Rentang
from visualize.escape import visible
from visualize.levels import INDIVIDU
from visualize.pohon import Pohon, build_pohon

COLUMNS = ("Tujuan", "Indikator tujuan", "Sasaran strategis", "IKU", "Sasaran program", "Indikator program",
           "Sasaran kegiatan", "Indikator kegiatan", "Jabatan", "IKI", "Target", "Realisasi", "Capaian")
HIERARCHY = 10  # the columns that describe the hierarchy; the last three are numbers
JABATAN, IKI = 8, 9


@dataclass(frozen=True)
class MatrixRow:
    ids: tuple[tuple[str, ...], ...]  # per hierarchy column: the element ids in it (the jabatan id in Jabatan)
    texts: tuple[str, ...]  # per hierarchy column
    target: float | Rentang | None
    realisasi: float | None
    capaian: float | None
    kategori: str | None

    def key(self, column: int) -> tuple:
        """Rows with equal keys in a column show the same cell there and may be merged."""
        return self.ids[: column + 1]


class Matrix(list):
    """The rows, and the period their target, realisasi and capaian are for: every writer states it,
    so that a TW2 matrix pasted into the LKjIP cannot pass for the annual one."""

    def __init__(self, rows: list[MatrixRow], periode: str):
        super().__init__(rows)
        self.periode = periode

    def heading(self, title: str) -> str:
        """The title with the period.

        >>> Matrix([], "TW2").heading("Matriks cascading X")
        'Matriks cascading X, capaian periode TW2'
        """
        return f"{title}, capaian periode {self.periode}"


def cascade_matrix(G: nx.DiGraph, options: ScoreOptions) -> Matrix:
    """The matrix rows of a cascade graph, with capaian for the period of `options` (no audit needed)."""
    return Matrix(matrix_rows(G, build_pohon(G), score(G, options)), options.periode)


def column_of(G: nx.DiGraph, pohon: Pohon, node: str) -> int | None:
    """The hierarchy column an element fills, or None for a budget item."""
    item = elemen(G, node)
    if item.jenis in BUDGET_KINDS:
        return None
    band = pohon.boxes[pohon.box_of[node]].band
    if band == INDIVIDU:
        return IKI if item.is_indicator else JABATAN
    return 2 * band + 1 if item.is_indicator else 2 * band  # a tujuan or sasaran, then its indicator


def matrix_rows(G: nx.DiGraph, pohon: Pohon, scores: dict[str, ElementScore]) -> list[MatrixRow]:
    """Every row of the matrix, in pohon kinerja order.

    Examples
    --------
    >>> from models import Cascade, Organisasi, Elemen, Jabatan
    >>> from cascade.graph import build_graph
    >>> from cascade.capaian import score
    >>> from visualize.pohon import build_pohon
    >>> G = build_graph(Cascade(organisasi=Organisasi(kode="x", nama="X"),
    ...     jabatan=(Jabatan(id="k", nama="Kadis", eselon="II"),),
    ...     elemen=(Elemen(id="s", jenis="sasaran", uraian="S", jabatan="k"),
    ...             Elemen(id="i", jenis="indikator", uraian="I", jabatan="k", induk=("s",), target=4, realisasi=3))))
    >>> [(r.texts[2:4], r.capaian) for r in matrix_rows(G, build_pohon(G), score(G))]
    [(('S', 'I'), 75.0)]
    """
    order = list(tree_order(G))
    placed = {n: column_of(G, pohon, n) for n, _ in order}
    parent: dict[str, str | None] = {}
    path: list[str] = []
    for node, depth in order:
        del path[depth:]
        parent[node] = path[-1] if path else None
        path.append(node)
    below = dict.fromkeys(parent, False)  # something placed further down the tree
    for node, _ in reversed(order):
        up = parent[node]
        if up is not None and (below[node] or placed[node] is not None):
            below[up] = True
    rows = []
    for node, _ in order:
        if placed[node] is None or below[node]:
            continue
        chain = []
        current: str | None = node
        while current is not None:
            chain.append(current)
            current = parent[current]
        rows.append(_row(G, [n for n in reversed(chain) if placed[n] is not None], placed, scores[node]))
    return rows


def _row(G: nx.DiGraph, chain: list[str], placed: dict[str, int | None], last: ElementScore) -> MatrixRow:
    ids: list[list[str]] = [[] for _ in range(HIERARCHY)]
    texts: list[list[str]] = [[] for _ in range(HIERARCHY)]
    for node in chain:
        column = placed[node]
        if column == JABATAN or column == IKI:
            holder = elemen(G, node).jabatan
            if holder and holder not in ids[JABATAN]:
                ids[JABATAN].append(holder)
                found = jabatan(G, holder)
                texts[JABATAN].append(" ".join(visible(found.nama if found else holder).split()))
            if column == JABATAN:
                continue
        ids[column].append(node)
        texts[column].append(" ".join(visible(elemen(G, node).uraian).split()))
    return MatrixRow(tuple(tuple(i) for i in ids), tuple("\n".join(t) for t in texts),
                     last.target, last.realisasi, last.capaian, last.kategori)


def longest_lines(rows: list[MatrixRow]) -> list[int]:
    """Per hierarchy column, the length of its longest line of text: what a column needs to be wide.

    >>> texts = ("Tujuan A", "", "S1\\nSasaran", *[""] * 7)
    >>> longest_lines([MatrixRow(((),) * HIERARCHY, texts, None, None, None, None)])
    [8, 0, 7, 0, 0, 0, 0, 0, 0, 0]
    """
    return [max((len(line) for row in rows for line in row.texts[c].split("\n")), default=0) for c in range(HIERARCHY)]


def spans(rows: list[MatrixRow], column: int) -> list[int]:
    """Per row, how many rows its cell in `column` covers; 0 where the cell above covers it.

    Only equal, non-empty cells under the same cells to their left are joined, so the joined
    ranges of one column always nest inside those of the column before it.
    """
    result = [1] * len(rows)
    start = 0
    for i in range(1, len(rows)):
        if rows[i].ids[column] and rows[i].key(column) == rows[start].key(column):
            result[i] = 0
            result[start] += 1
        else:
            start = i
    return result
