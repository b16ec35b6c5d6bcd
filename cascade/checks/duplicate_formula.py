from collections import defaultdict
from collections.abc import Iterator

import networkx as nx

from cascade.checks.registry import CheckConfig, Hit, rule
from cascade.graph import describe, elemen
from cascade.text import normal_forms, similar_groups

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
    by_formula: dict[str, list[str]] = defaultdict(list)
    formulas = normal_forms(G, "formula")
    for node in G:
        form = formulas[node]
        if elemen(G, node).is_indicator and len(form) >= MIN_FORMULA_LENGTH:
            by_formula[form].append(node)
    for nodes in by_formula.values():
        if len(nodes) < 2:
            continue
        names = normal_forms(G, "uraian")
        copies = similar_groups({n: names[n] for n in nodes}, config.kemiripan)
        distinct = len(nodes) - sum(len(g) - 1 for g in copies)
        if distinct > 1:
            formula = " ".join((elemen(G, nodes[0]).formula or "").split())
            shown = ", ".join(describe(G, n, width=50) for n in nodes)
            yield Hit(tuple(nodes), f"{distinct} indikator berbeda memakai formula yang sama "
                                    f"'{formula[:80]}': {shown}")
