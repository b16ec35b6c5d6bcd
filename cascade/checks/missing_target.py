from collections.abc import Iterator

import networkx as nx

from cascade.checks.registry import CheckConfig, Hit, rule
from cascade.graph import describe, elemen, with_target


@rule("K402", "missing-target", "info", "Indikator tanpa target")
def missing_target(G: nx.DiGraph, config: CheckConfig) -> Iterator[Hit]:
    """## What it does
    Flags an indicator with no `target`, neither in its own row nor in the `capaian` table.

    ## Why is this bad?
    Without a target there is no capaian: the indicator cannot be measured at year end.

    ## Example
    ```yaml
    - {id: i1, jenis: indikator, uraian: Jumlah KPM terlayani, satuan: orang}
    ```

    ## Use instead
    ```yaml
    - {id: i1, jenis: indikator, uraian: Jumlah KPM terlayani, satuan: orang, target: 1200}
    ```
    """
    targeted = with_target(G)
    for node in G:
        if elemen(G, node).is_indicator and node not in targeted:
            yield Hit((node,), f"{describe(G, node)} tanpa target")
