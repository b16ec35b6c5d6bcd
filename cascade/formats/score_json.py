"""The JSON contract of `cascade score`: exactly these keys, other tools read them."""

from __future__ import annotations

import networkx as nx

from cascade.capaian import ScoreOptions, optional, score_arrays
from cascade.formats import json_layout
from cascade.graph import arrays

KEYS = ("id", "capaian", "capaian_langsung", "capaian_turunan", "sumber", "kategori")


def render(G: nx.DiGraph, options: ScoreOptions) -> str:
    """One element per line (see `json_layout`), in input order, built from the score arrays.

    >>> from models import Cascade, Organisasi, Elemen
    >>> from cascade.graph import build_graph
    >>> c = Cascade(organisasi=Organisasi(kode="x", nama="X"),
    ...             elemen=(Elemen(id="a", jenis="iki", uraian="A", target=10, realisasi=8),))
    >>> print(render(build_graph(c), ScoreOptions()), end="")
    {
      "periode": "tahunan",
      "elements": [
        {"id": "a", "capaian": 80.0, "capaian_langsung": 80.0, "capaian_turunan": null, "sumber": "langsung", "kategori": "Tinggi"}
      ]
    }
    """
    values = score_arrays(G, options)
    columns = (arrays(G).ids, optional(values.capaian), optional(values.langsung), optional(values.turunan),
               values.sumber, options.skala.categories(values.effective))
    elements = [dict(zip(KEYS, row)) for row in zip(*columns)]
    return json_layout.dumps({"periode": options.periode, "elements": elements}, 2) + "\n"
