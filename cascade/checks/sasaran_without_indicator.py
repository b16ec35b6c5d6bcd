from collections.abc import Iterator

import networkx as nx

from cascade.checks.registry import CheckConfig, Hit, rule
from cascade.graph import describe, elemen, role


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
    for node in G:
        if role(G, node) == "sasaran" and not any(elemen(G, c).is_indicator for c in G.predecessors(node)):
            yield Hit((node,), f"sasaran {describe(G, node)} tidak memiliki indikator")
