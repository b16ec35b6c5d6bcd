"""`cascade score` as CSV rows, for spreadsheets: plain numbers, one row per element.

A province writes a million rows, so the table is built a column at a time from the score arrays,
each distinct number formatted once, and the rows handed to the csv module's C writer.
"""

from __future__ import annotations

import csv
import io

import networkx as nx
import numpy as np

from cascade.capaian import ScoreOptions, score_arrays
from cascade.graph import tree_order_indices
from models.cells import csv_value, escape_texts
from models.numbers import format_number

COLUMNS = ["id", "jabatan", "uraian", "target", "realisasi", "capaian", "capaian_langsung", "capaian_turunan",
           "sumber", "kategori"]


def render(G: nx.DiGraph, options: ScoreOptions) -> str:
    values, columns = score_arrays(G, options), G.graph["memo"]["columns"]
    direct, derived = ~np.isnan(values.langsung), ~np.isnan(values.turunan)
    langsung, turunan = numbers(values.langsung), numbers(values.turunan)
    table = [escape_texts(columns.ids), escape_texts([j or "" for j in columns.jabatan]), escape_texts(columns.uraian),
             _targets(values.targets), numbers(values.realisasi), np.where(direct, langsung, turunan), langsung,
             turunan, np.where(direct, "langsung", np.where(derived, "turunan", "")).astype(object),
             _repeated(options.skala.categories(values.effective))]
    rows = list(zip(*table))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(map(rows.__getitem__, tree_order_indices(G)[0]))
    return out.getvalue()


def numbers(values: np.ndarray) -> np.ndarray:
    """Each value as `format_number` writes it, blank for NaN: every distinct value formatted once.

    Values are told apart by their bits, so 0.0 and -0.0 keep their own text.
    """
    text = np.full(values.size, "", dtype=object)
    given = ~np.isnan(values)
    distinct, where = np.unique(values[given].view(np.int64), return_inverse=True)
    text[given] = np.array([format_number(v) for v in distinct.view(np.float64).tolist()], dtype=object)[where]
    return text


def _repeated(values: list[str | None]) -> list[str]:
    """`csv_value` of a column with a few distinct values, such as the categories, each converted once."""
    cells = {value: csv_value(value) for value in set(values)}
    return list(map(cells.__getitem__, values))


def _targets(targets: list) -> np.ndarray:
    """Targets as cells: numbers through `numbers`, a range as ``lo-hi``."""
    plain = np.array([t if isinstance(t, float) else np.nan for t in targets], dtype=np.float64)
    text = numbers(plain)
    for i in np.flatnonzero(np.isnan(plain)).tolist():
        if targets[i] is not None:
            text[i] = csv_value(targets[i])
    return text
