"""`cascade score` as CSV rows, for spreadsheets: plain numbers, one row per element.

A province writes a million rows, so the table is built a column at a time from the score arrays:
each distinct number is formatted once, and only text columns are looked at for quoting.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import chain
from operator import itemgetter

import networkx as nx
import numpy as np

from cascade.capaian import ScoreOptions, score_arrays, target_arrays
from cascade.formats.distinct import each_once, written
from cascade.formats.parts import ROWS_A_PART, joined_in_parts
from cascade.graph import tree_order_indices
from models.cells import ESCAPED_START, csv_value, escape_texts
from models.numbers import format_number

COLUMNS = ["id", "jabatan", "uraian", "target", "realisasi", "capaian", "capaian_langsung", "capaian_turunan",
           "sumber", "kategori"]


def render(G: nx.DiGraph, options: ScoreOptions) -> str:
    return "".join(parts(G, options))


def parts(G: nx.DiGraph, options: ScoreOptions) -> Iterator[str]:
    """The file as `render` writes it, in parts to write one after another (`cascade.formats.parts`).
    The rows are all made before this returns: only the joining is left to the parts."""
    values, columns = score_arrays(G, options), G.graph["memo"]["columns"]
    direct = ~np.isnan(values.langsung)
    langsung, turunan = numbers(values.langsung), numbers(values.turunan)
    table = [text_cells(columns.ids), text_cells([j or "" for j in columns.jabatan]), text_cells(columns.uraian),
             _targets(values.targets), numbers(values.realisasi),
             np.where(direct, langsung, turunan), langsung, turunan,
             each_once(values.sumber, csv_value), each_once(options.skala.categories(values.effective), _cell)]
    rows = list(map(",".join, zip(*(column.tolist() if isinstance(column, np.ndarray) else column
                                     for column in table))))
    ordered = list(map(rows.__getitem__, tree_order_indices(G)[0]))
    return chain([",".join(COLUMNS) + "\n"], joined_in_parts(ordered, ROWS_A_PART, "\n"))


_NEEDS_QUOTES = re.compile('[",\n\r]').search
_QUOTED = ",\"\n\r"
_ESCAPED_STARTS = frozenset(ESCAPED_START)
_FIRST_CHARACTER = itemgetter(slice(0, 1))


def text_cells(texts: list[str]) -> list[str]:
    """`cells` of `escape_texts`. Most columns need neither, which the column joined into one string
    (searched at C speed) and the set of first characters tell without looking at each text."""
    joined, firsts = "".join(texts), "".join(map(_FIRST_CHARACTER, texts))
    if not any(mark in joined for mark in _QUOTED) and _ESCAPED_STARTS.isdisjoint(firsts):
        return texts
    return cells(escape_texts(texts))


def cells(texts: list[str]) -> list[str]:
    """Texts as CSV cells: quoted, with inner quotes doubled, where they hold a comma, a quote or a
    line break. The csv module's writer does the same a cell at a time, at twice the cost; it leaves
    a lone ``\\r`` unquoted, which its reader then takes for a line end, so here that is quoted too.

    >>> cells(['a', 'b,c', 'x"y'])
    ['a', '"b,c"', '"x""y"']
    """
    marked = list(map(_NEEDS_QUOTES, texts))
    if not any(marked):
        return texts
    return ['"' + text.replace('"', '""') + '"' if mark else text for text, mark in zip(texts, marked)]


def numbers(values: np.ndarray) -> np.ndarray:
    """Each value as `format_number` writes it, blank for NaN."""
    return written(values, format_number, "")


def _cell(value: str | None) -> str:
    """One value as a finished cell: made inert, and quoted where it needs it."""
    return cells([csv_value(value)])[0]


def _targets(targets: list) -> np.ndarray:
    """Targets as cells: numbers through `numbers`, a range as ``lo-hi``."""
    plain, lo, _ = target_arrays(targets)
    text = numbers(plain)
    for i in np.flatnonzero(~np.isnan(lo)).tolist():
        text[i] = csv_value(targets[i])
    return text
