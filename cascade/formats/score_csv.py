"""`cascade score` as CSV rows, for spreadsheets: plain numbers, one row per element."""

from __future__ import annotations

import csv
import io

import networkx as nx

from cascade.capaian import ElementScore
from cascade.graph import elemen, tree_order
from models.cells import csv_value

COLUMNS = ["id", "jabatan", "uraian", "target", "realisasi", "capaian", "capaian_langsung", "capaian_turunan",
           "sumber", "kategori"]


def render(G: nx.DiGraph, scores: dict[str, ElementScore], periode: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for node, _ in tree_order(G):
        s, item = scores[node], elemen(G, node)
        writer.writerow([csv_value(v) for v in (node, item.jabatan, item.uraian, s.target, s.realisasi, s.capaian,
                                                  s.langsung, s.turunan, s.sumber, s.kategori)])
    return out.getvalue()
