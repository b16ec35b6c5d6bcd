from collections.abc import Iterator

import networkx as nx

from cascade.checks.registry import CheckConfig, Hit, rule
from cascade.graph import describe, elemen
from cascade.text import normal_forms


@rule("K401", "missing-formula-or-source", "warning", "Indikator tanpa formula atau sumber data")
def missing_formula_or_source(G: nx.DiGraph, config: CheckConfig) -> Iterator[Hit]:
    """## What it does
    Flags an indicator whose `formula` or `sumber_data` is empty, or only dashes and
    underscores (a cell someone left unfilled).

    ## Why is this bad?
    An indicator without a formula cannot be computed the same way twice, and one without a data
    source cannot be verified by the inspector: it is not SMART.

    ## Example
    ```yaml
    - {id: i1, jenis: indikator, uraian: Status Kabupaten Layak Anak, formula: "-"}
    ```

    ## Use instead
    ```yaml
    - {id: i1, jenis: indikator, uraian: Status Kabupaten Layak Anak,
       formula: Peringkat KLA dari penilaian KemenPPPA, sumber_data: Dokumen penilaian KLA}
    ```
    """
    formulas, sources = normal_forms(G, "formula"), normal_forms(G, "sumber_data")
    for node in G:
        if not elemen(G, node).is_indicator:
            continue
        missing = [name for name, form in (("formula", formulas[node]), ("sumber data", sources[node])) if not form]
        if missing:
            yield Hit((node,), f"{describe(G, node)} tanpa {' dan '.join(missing)}")
