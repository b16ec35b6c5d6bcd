from collections.abc import Iterator

import networkx as nx
import numpy as np

from cascade.checks.registry import CheckConfig, Hit, rule
from cascade.graph import arrays, describe, elemen, is_role
from cascade.text import normal_forms, similar_groups, similar_places

MIN_FORMULA_LENGTH = 8
"""Shorter normalised formulas ('-', 'x', 'jumlah') say nothing and are never 'the same'."""


@rule("K304", "duplicate-formula", "warning", "Formula yang sama dipakai indikator yang berbeda")
def duplicate_formula(G: nx.DiGraph, config: CheckConfig) -> Iterator[Hit]:
    """## What it does
    Groups indicators whose formula text is the same after normalisation while the indicators
    themselves differ (copies of one indicator sharing its formula are left to the duplication
    rules). Empty and trivial formulas ('-') are never "the same".

    ## Why is this bad?
    Two different results cannot be computed by the same formula: one of them was copy-pasted
    and measures something else than its name says.

    ## Example
    ```yaml
    - {id: i1, jenis: indikator, uraian: Persentase laporan kinerja tepat waktu, formula: Laporan selesai / laporan wajib x 100%}
    - {id: i2, jenis: indikator, uraian: Persentase laporan keuangan tepat waktu, formula: Laporan selesai / laporan wajib x 100%}
    ```

    ## Use instead
    ```yaml
    - {id: i2, jenis: indikator, uraian: Persentase laporan keuangan tepat waktu,
       formula: Laporan keuangan selesai tepat waktu / laporan keuangan wajib x 100%}
    ```
    """
    a, formulas = arrays(G), normal_forms(G, "formula")  # both in input order
    length = np.fromiter(map(len, formulas), dtype=np.int64, count=len(formulas))
    indicators = np.flatnonzero(is_role(G, "iku", "iki", "indikator_tujuan") & (length >= MIN_FORMULA_LENGTH)).tolist()
    for group in similar_places([formulas[i] for i in indicators], 100):  # groups of equal formulas
        places = [indicators[p] for p in group]
        nodes, names = [a.ids[i] for i in places], normal_forms(G, "uraian")
        copies = similar_groups({a.ids[i]: names[i] for i in places}, config.kemiripan)
        distinct = len(nodes) - sum(len(g) - 1 for g in copies)
        if distinct > 1:
            formula = " ".join((elemen(G, nodes[0]).formula or "").split())
            shown = ", ".join(describe(G, n, width=50) for n in nodes)
            count = f"{len(nodes)} indikator" + (f" ({distinct} uraian berbeda)" if distinct < len(nodes) else " berbeda")
            formula = formula if len(formula) <= 80 else formula[:79].rstrip() + "…"
            yield Hit(tuple(nodes), f"{count} memakai formula yang sama '{formula}': {shown}")
