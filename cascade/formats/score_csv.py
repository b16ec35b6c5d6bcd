"""`cascade score` as CSV rows, for spreadsheets: plain numbers, one row per element."""

from __future__ import annotations

import csv
import io

import networkx as nx

from cascade.capaian import ElementScore
from cascade.graph import elemen, tree_order

COLUMNS = ["id", "jabatan", "uraian", "target", "realisasi", "capaian", "capaian_langsung", "capaian_turunan",
           "sumber", "kategori"]


def render(G: nx.DiGraph, scores: dict[str, ElementScore], periode: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for node, _ in tree_order(G):
        s, item = scores[node], elemen(G, node)
        writer.writerow([node, item.jabatan or "", item.uraian, "" if s.target is None else s.target,
                         "" if s.realisasi is None else s.realisasi, _plain(s.capaian), _plain(s.langsung),
                         _plain(s.turunan), s.sumber or "", s.kategori or ""])
    return out.getvalue()


def _plain(value: float | None) -> str:
    return "" if value is None else f"{value:.6g}"
