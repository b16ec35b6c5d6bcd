"""The readable capaian table of `cascade score`: the cascade top-down, one row per element.

A province lists a million rows, so the table is built a column at a time from the score arrays,
as in `score_csv`, and joined once: a column of numbers or categories is its distinct cells, each
written and padded once, and each row's index into them; a statement or owner is followed by a
run of spaces picked by its length rather than copied into a padded string.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import chain
from typing import NamedTuple

import networkx as nx
import numpy as np

from cascade.capaian import SOURCES, ScoreOptions, score_arrays, target_arrays
from cascade.formats.distinct import distinct_values
from cascade.formats.indonesian import figure, percent
from cascade.formats.parts import ROWS_A_PART, joined_in_parts
from cascade.graph import tree_order_indices

HEADER = ("Elemen", "Pemilik", "Target", "Realisasi", "Capaian", "Sumber", "Kategori")
LEFT = (True, True, False, False, False, True, True)
"""The texts are aligned left, the numbers right."""


class Column(NamedTuple):
    """A column's cells, or its distinct cells and each row's index into them."""

    cells: list[str]
    rows: np.ndarray | None = None  # each row's index into `cells`; None: a cell per row

    def each(self, write: Callable[[str], str]) -> list[str]:
        """Every row's cell as `write` makes it, each distinct cell made once."""
        written = list(map(write, self.cells))
        return written if self.rows is None else np.array(written, dtype=object)[self.rows].tolist()

    def lengths(self) -> np.ndarray:
        """Every row's cell length."""
        lengths = np.fromiter(map(len, self.cells), np.intp, len(self.cells))
        return lengths if self.rows is None else lengths[self.rows]


def columns(G: nx.DiGraph, options: ScoreOptions, width: int = 60) -> list[Column]:
    """The columns of `HEADER`, rows in tree order; the statement is indented by depth and shortened
    to `width`."""
    values, given = score_arrays(G, options), G.graph["memo"]["columns"]
    order, depths = tree_order_indices(G)
    ids, uraian, jabatan, join = given.ids, given.uraian, given.jabatan, " ".join
    indents = ["  " * depth for depth in range(max(depths, default=0) + 1)]
    labels = [label if len(label := f"{indent}{ids[i]}: {join(uraian[i].split())}") <= width
              else label[: width - 1] + "…" for i, indent in zip(order, map(indents.__getitem__, depths))]
    capaian = _numbers(values.capaian, percent)
    coded = [_targets(values.targets), _numbers(values.realisasi, figure),
             Column([*capaian.cells, "siklus"], np.where(values.cyclic, len(capaian.cells), capaian.rows)),
             Column([source or "-" for source in SOURCES], values.source),
             _texts(options.skala.categories(values.effective))]
    index = np.array(order, dtype=np.intp)
    return [Column(labels), Column([jabatan[i] or "-" for i in order]),
            *(Column(cells, rows[index]) for cells, rows in coded)]


def render(G: nx.DiGraph, options: ScoreOptions) -> str:
    return "".join(parts(G, options))


def parts(G: nx.DiGraph, options: ScoreOptions) -> Iterator[str]:
    """The table as `render` writes it, in parts to write one after another (`cascade.formats.parts`).
    The cells are all made before this returns: only the joining is left to the parts."""
    table = columns(G, options)
    lengths = [column.lengths() for column in table]
    widths = [max(len(name), int(length.max(initial=0))) for name, length in zip(HEADER, lengths)]
    aligns = [f"{{:{'<' if left else '>'}{w}}}  ".format for left, w in zip(LEFT, widths)]  # with the gap after
    head = [f"Capaian {G.graph['cascade'].organisasi.nama}, periode {options.periode}", "",
            "".join(align(name) for align, name in zip(aligns, HEADER)).rstrip(),
            "  ".join("-" * w for w in widths), ""]
    statement, owner, *figures, sumber, kategori = table
    # A row is stripped on the right, which never reaches past its Sumber cell (never blank):
    # so the last two cells are written and stripped together, once per distinct pair.
    ends = Column([(aligns[5](s) + k).rstrip() + "\n" for s in sumber.cells for k in kategori.cells],
                  sumber.rows * len(kategori.cells) + kategori.rows)
    pieces = [statement.cells, _fill(lengths[0], widths[0]), owner.cells, _fill(lengths[1], widths[1]),
              *(column.each(align) for column, align in zip(figures, aligns[2:])), ends.each(str)]
    cells: list[str | None] = [None] * (len(pieces) * len(statement.cells))  # row by row
    for k, piece in enumerate(pieces):
        cells[k::len(pieces)] = piece
    ids, values = G.graph["memo"]["columns"].ids, score_arrays(G, options)
    cyclic = list(map(ids.__getitem__, np.flatnonzero(values.cyclic).tolist()))
    foot = f"\nTidak dapat dihitung karena berada dalam siklus induk: {', '.join(cyclic)}\n" if cyclic else ""
    if ids and not cyclic and np.isnan(values.realisasi).all():  # a wall of '-' needs saying why
        foot += f"\n{no_realisasi_note(options.periode, G.graph['cascade'].organisasi.tahun)}\n"
    return chain(["\n".join(head)], joined_in_parts(cells, len(pieces) * ROWS_A_PART), [foot])


def no_realisasi_note(periode: str, tahun: int | None) -> str:
    """Where to enter realisasi when no element has one, for the period asked: a quarter is read
    from the capaian table only, the year from the element's columns first."""
    if periode == "tahunan":
        year = (f"baris {tahun} di tabel capaian (baris tahun lain dianggap riwayat)" if tahun
                else "baris tahunan di tabel capaian")
        return (f"Belum ada realisasi tahunan: isi kolom realisasi (dan target) di tabel elemen, {year}, atau "
                "baris TW1 s.d. TW4 di tabel capaian.")
    quarters = "TW1" if periode == "TW1" else f"TW1 s.d. {periode}"
    return (f"Belum ada realisasi sampai {periode}: isi baris {quarters} di tabel capaian (kolom realisasi di tabel "
            "elemen hanya dipakai untuk periode tahunan).")


def _fill(lengths: np.ndarray, width: int) -> list[str]:
    """The spaces after each cell of a text column that fill it out to `width`, and the gap after."""
    return np.array([" " * (k + 2) for k in range(width + 1)], dtype=object)[width - lengths].tolist()


def _numbers(values: np.ndarray, write: Callable[[float], str]) -> Column:
    """Each value as `write` gives it, `-` for NaN: each distinct value written once."""
    distinct, rows = distinct_values(values)
    return Column([*map(write, distinct), "-"], rows)


def _targets(targets: list) -> Column:
    """Targets as `figure` writes them: plain numbers through `_numbers`, ranges one by one."""
    plain, lo, _ = target_arrays(targets)
    cells, rows = _numbers(plain, figure)
    for i in np.flatnonzero(~np.isnan(lo)).tolist():
        rows[i] = len(cells)
        cells.append(figure(targets[i]))
    return Column(cells, rows)


def _texts(texts: list[str | None]) -> Column:
    """A column of a few distinct texts, `-` where there is none or it is empty."""
    index = {text: code for code, text in enumerate(dict.fromkeys(texts))}
    return Column([text or "-" for text in index], np.fromiter(map(index.__getitem__, texts), np.intp, len(texts)))
