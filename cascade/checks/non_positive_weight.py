from collections.abc import Iterator

import networkx as nx
import numpy as np

from cascade.checks.registry import CheckConfig, Hit, rule
from cascade.formats.indonesian import figure
from cascade.graph import arrays, describe, elemen


@rule("K501", "non-positive-weight", "error", "Bobot nol atau negatif")
def non_positive_weight(G: nx.DiGraph, config: CheckConfig) -> Iterator[Hit]:
    """## What it does
    Flags an element whose `bobot` is zero or negative.

    ## Why is this bad?
    Weights say how much each supporter contributes to its parent's capaian. The roll-up leaves
    out an element whose weight is zero or negative, so its work silently counts for nothing.

    ## Example
    ```yaml
    - {id: i1, jenis: indikator, uraian: Jumlah KPM, induk: [s1], bobot: 0}
    ```

    ## Use instead
    ```yaml
    - {id: i1, jenis: indikator, uraian: Jumlah KPM, induk: [s1], bobot: 1}
    ```
    """
    a = arrays(G)
    for node in (a.ids[i] for i in np.flatnonzero(a.bobot <= 0).tolist()):
        weight = elemen(G, node).bobot
        yield Hit((node,), f"{describe(G, node)} berbobot {figure(weight)}; bobot harus lebih dari 0")
