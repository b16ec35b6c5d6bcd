"""The JSON contract of `cascade score`: exactly these keys, other tools read them."""

from __future__ import annotations

import json

import networkx as nx

from cascade.capaian import ElementScore


def render(G: nx.DiGraph, scores: dict[str, ElementScore], periode: str) -> str:
    """One element per line: readable, and written by json's C encoder (an indented dump goes
    through the pure-Python one, seconds per million elements).

    >>> from cascade.capaian import ElementScore
    >>> print(render(None, {"a": ElementScore("a", 10.0, 8.0, 80.0, None, "Tinggi")}, "TW1"), end="")
    {"periode": "TW1", "elements": [
      {"id": "a", "capaian": 80.0, "capaian_langsung": 80.0, "capaian_turunan": null, "sumber": "langsung", "kategori": "Tinggi"}
    ]}
    """
    lines = ",\n".join(f"  {json.dumps(_element(s), ensure_ascii=False)}" for s in scores.values())
    return f'{{"periode": {json.dumps(periode)}, "elements": [\n{lines}\n]}}\n' if lines else \
        json.dumps({"periode": periode, "elements": []}) + "\n"


def _element(s: ElementScore) -> dict[str, object]:
    return {"id": s.id, "capaian": s.capaian, "capaian_langsung": s.langsung, "capaian_turunan": s.turunan,
            "sumber": s.sumber, "kategori": s.kategori}
