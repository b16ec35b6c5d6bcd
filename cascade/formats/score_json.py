"""The JSON contract of `cascade score`: exactly these keys, other tools read them."""

from __future__ import annotations

import json

import networkx as nx

from cascade.capaian import ElementScore


def render(G: nx.DiGraph, scores: dict[str, ElementScore], periode: str) -> str:
    elements = [{"id": s.id, "capaian": s.capaian, "capaian_langsung": s.langsung, "capaian_turunan": s.turunan,
                 "sumber": s.sumber, "kategori": s.kategori} for s in scores.values()]
    return json.dumps({"periode": periode, "elements": elements}, ensure_ascii=False, indent=2) + "\n"
