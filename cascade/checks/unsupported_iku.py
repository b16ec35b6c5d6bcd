from collections.abc import Iterator

import networkx as nx
import numpy as np

from cascade.checks.registry import CheckConfig, Hit, rule
from cascade.graph import arrays, describe, is_head, is_role, owner, role


@rule("K202", "unsupported-iku", "warning", "IKU yang tidak didukung siapa pun di bawahnya")
def unsupported_iku(G: nx.DiGraph, config: CheckConfig) -> Iterator[Hit]:
    """## What it does
    Flags an IKU that no element of a subordinate supports: none links to the IKU itself, nor to
    its sasaran when that sasaran has this IKU as its only IKU (a link to a sasaran with several
    IKU does not say which one it supports).

    ## Why is this bad?
    An IKU nobody below works on is achieved by chance or not at all; evaluators ask who in the
    organisation carries each IKU.

    ## Example
    ```yaml
    - {id: s1, jenis: sasaran, uraian: Meningkatnya X, jabatan: kadis}
    - {id: iku1, jenis: indikator, uraian: Persentase X, jabatan: kadis, induk: [s1]}
    ```

    ## Use instead
    ```yaml
    - {id: s_kabid, jenis: sasaran, uraian: Meningkatnya X di bidang, jabatan: kabid, induk: [iku1]}
    ```
    """
    a = arrays(G)
    for node in (a.ids[i] for i in np.flatnonzero(is_role(G, "iku")).tolist()):
        supporters = [c for c in G.predecessors(node) if not is_head(G, owner(G, c))]
        for sasaran in G.successors(node):
            if role(G, sasaran) == "sasaran" and _only_iku(G, sasaran) == node:
                supporters += [c for c in G.predecessors(sasaran) if not is_head(G, owner(G, c))]
        if not supporters:
            yield Hit((node,), f"IKU {describe(G, node)} tidak didukung elemen bawahan mana pun")


def _only_iku(G: nx.DiGraph, sasaran: str) -> str | None:
    ikus = [c for c in G.predecessors(sasaran) if role(G, c) == "iku"]
    return ikus[0] if len(ikus) == 1 else None
