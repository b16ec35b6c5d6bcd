"""The JSON contract of `cascade score`: exactly these keys, other tools read them."""

from __future__ import annotations

import json
from json.encoder import encode_basestring

import networkx as nx
import numpy as np

from cascade.capaian import ScoreOptions, score_arrays
from cascade.formats import json_layout
from cascade.formats.distinct import each_once, written
from cascade.graph import arrays

def render(G: nx.DiGraph, options: ScoreOptions) -> str:
    """One element per line (see `json_layout`), in input order.

    A province has a million elements, so each column is encoded at once from the score arrays,
    every distinct number and label once, and each line is joined from its cells.

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
    columns = (map(encode_basestring, arrays(G).ids), _numbers(values.capaian), _numbers(values.langsung),
               _numbers(values.turunan), each_once(values.sumber, _encoded),
               each_once(options.skala.categories(values.effective), _encoded))
    elements = json_layout.Encoded([  # each element as `json.dumps` writes its dict
        f'{{"id": {i}, "capaian": {c}, "capaian_langsung": {d}, "capaian_turunan": {t}, '
        f'"sumber": {s}, "kategori": {k}}}' for i, c, d, t, s, k in zip(*columns)])
    return json_layout.dumps({"periode": options.periode, "elements": elements}, 2) + "\n"


def _numbers(values: np.ndarray) -> list[str]:
    """Each value as `json.dumps` writes it, null for NaN."""
    return written(values, json.dumps, "null").tolist()


def _encoded(value: str | None) -> str:
    return json.dumps(value, ensure_ascii=False)
