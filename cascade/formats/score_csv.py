"""`cascade score` as CSV rows, for spreadsheets: plain numbers, one row per element."""

from __future__ import annotations

import csv
import io

import networkx as nx

from cascade.capaian import ElementScore
from cascade.graph import tree_order
from models.cascade import Elemen
from models.cells import csv_value, escape_text
from models.numbers import format_number

COLUMNS = ["id", "jabatan", "uraian", "target", "realisasi", "capaian", "capaian_langsung", "capaian_turunan",
           "sumber", "kategori"]


def render(G: nx.DiGraph, scores: dict[str, ElementScore], periode: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    records = G.graph["records"]
    writer.writerows(_row(node, records[node], scores[node]) for node, _ in tree_order(G))
    return out.getvalue()


def _row(node: str, item: Elemen, s: ElementScore) -> tuple[str, ...]:
    """The cells of one element; each column's kind is known, so each gets its own conversion."""
    return (escape_text(node), csv_value(item.jabatan), escape_text(item.uraian), csv_value(s.target),
            _number(s.realisasi), _number(s.capaian), _number(s.langsung), _number(s.turunan), s.sumber or "",
            csv_value(s.kategori))


def _number(value: float | None) -> str:
    return "" if value is None else format_number(value)
