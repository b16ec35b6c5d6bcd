from collections.abc import Iterator

import networkx as nx
import numpy as np

from cascade.checks.registry import CheckConfig, Hit, rule
from cascade.graph import arrays, describe, is_role, with_target_mask


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
    a = arrays(G)
    untargeted = is_role(G, "iku", "iki", "indikator_tujuan") & ~with_target_mask(G)
    for node in (a.ids[i] for i in np.flatnonzero(untargeted).tolist()):
        yield Hit((node,), f"{describe(G, node)} tanpa target")
