from collections.abc import Iterator

import networkx as nx

from cascade.checks.registry import CheckConfig, Hit, rule
from cascade.graph import describe, elemen


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
    with_period_target = {c.id for c in G.graph["cascade"].capaian if c.target is not None}
    for node in G:
        item = elemen(G, node)
        if item.is_indicator and item.target is None and node not in with_period_target:
            yield Hit((node,), f"{describe(G, node)} tanpa target")
