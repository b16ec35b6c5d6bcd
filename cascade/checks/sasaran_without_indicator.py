from collections.abc import Iterator

import networkx as nx
import numpy as np

from cascade.checks.registry import CheckConfig, Hit, rule
from cascade.graph import arrays, describe, is_role


@rule("K405", "sasaran-without-indicator", "warning", "Sasaran tanpa indikator")
def sasaran_without_indicator(G: nx.DiGraph, config: CheckConfig) -> Iterator[Hit]:
    """## What it does
    Flags a sasaran that no indicator stands under.

    ## Why is this bad?
    A sasaran without an indicator cannot be measured, so its capaian is unknown and nothing
    below it can show progress.

    ## Example
    ```yaml
    - {id: s2, jenis: sasaran, uraian: Meningkatnya Kualitas Hidup Perempuan, jabatan: kasubbag}
    ```

    ## Use instead
    ```yaml
    - {id: s2, jenis: sasaran, uraian: Meningkatnya Kualitas Hidup Perempuan, jabatan: kasubbag}
    - {id: s2i, jenis: indikator, uraian: Persentase perempuan terlatih, jabatan: kasubbag, induk: [s2]}
    ```
    """
    a = arrays(G)
    measured = np.zeros(a.n, dtype=bool)
    measured[a.parent_of_edge[is_role(G, "iku", "iki", "indikator_tujuan")[a.child_of_edge]]] = True
    for node in (a.ids[i] for i in np.flatnonzero(is_role(G, "sasaran") & ~measured).tolist()):
        yield Hit((node,), f"sasaran {describe(G, node)} tidak memiliki indikator")
