"""The JSON contract of `cascade score`: exactly these keys, other tools read them."""

from __future__ import annotations

import networkx as nx

from cascade.capaian import ElementScore
from cascade.formats import json_layout


def render(G: nx.DiGraph, scores: dict[str, ElementScore], periode: str) -> str:
    """One element per line (see `json_layout`).

    >>> from cascade.capaian import ElementScore
    >>> print(render(None, {"a": ElementScore("a", 10.0, 8.0, 80.0, None, "Tinggi")}, "TW1"), end="")
    {
      "periode": "TW1",
      "elements": [
        {"id": "a", "capaian": 80.0, "capaian_langsung": 80.0, "capaian_turunan": null, "sumber": "langsung", "kategori": "Tinggi"}
      ]
    }
    """
    elements = [{"id": s.id, "capaian": s.capaian, "capaian_langsung": s.langsung, "capaian_turunan": s.turunan,
                 "sumber": s.sumber, "kategori": s.kategori} for s in scores.values()]
    return json_layout.dumps({"periode": periode, "elements": elements}, 2) + "\n"
