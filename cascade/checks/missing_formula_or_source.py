from collections.abc import Iterator

import networkx as nx
import numpy as np

from cascade.checks.registry import CheckConfig, Hit, rule
from cascade.graph import arrays, describe, is_role
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
    a = arrays(G)
    has_formula = np.fromiter(map(bool, normal_forms(G, "formula")), dtype=bool, count=a.n)
    has_source = np.fromiter(map(bool, normal_forms(G, "sumber_data")), dtype=bool, count=a.n)
    for i in np.flatnonzero(is_role(G, "iku", "iki", "indikator_tujuan") & ~(has_formula & has_source)).tolist():
        node = a.ids[i]
        missing = [name for name, given in (("formula", has_formula[i]), ("sumber data", has_source[i])) if not given]
        yield Hit((node,), f"{describe(G, node)} tanpa {' dan '.join(missing)}")
