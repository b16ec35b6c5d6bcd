from collections.abc import Iterator

import networkx as nx
import numpy as np

from cascade.checks.registry import CheckConfig, Hit, rule
from cascade.core import orphans
from cascade.graph import arrays, describe, head_owned, roles_array


@rule("K101", "orphan", "error", "Elemen tidak mendukung elemen mana pun (tanpa induk)")
def orphan(G: nx.DiGraph, config: CheckConfig) -> Iterator[Hit]:
    """## What it does
    Flags every element with no `induk` at all, except a `tujuan` and the head's own elements.

    ## Why is this bad?
    An element that supports nothing cannot contribute to any IKU; it is work the cascade
    cannot account for (SAKIP LKE 1.2.8, logical cascading).

    ## Example
    ```yaml
    - {id: i1, jenis: indikator, uraian: Jumlah laporan, jabatan: staf}
    ```

    ## Use instead
    ```yaml
    - {id: i1, jenis: indikator, uraian: Jumlah laporan, jabatan: staf, induk: [s_staf]}
    ```
    """
    a = arrays(G)
    for i in np.flatnonzero(orphans(a, roles_array(G), head_owned(G))).tolist():
        node = a.ids[i]
        yield Hit((node,), f"{describe(G, node)} tidak mencantumkan induk: tidak mendukung elemen mana pun")
