from collections.abc import Iterator

import networkx as nx
import numpy as np

from cascade.checks.registry import CheckConfig, Hit, rule
from cascade.graph import (arrays, cyclic_components, format_cycle, induced_subgraph, stuck_positions,
                           topological_levels)


@rule("K103", "cycle", "error", "Siklus: elemen atau jabatan saling mendukung melingkar")
def cycle(G: nx.DiGraph, config: CheckConfig) -> Iterator[Hit]:
    """## What it does
    Finds every cycle of `induk` links between elements and of `atasan` links between positions,
    and prints it as `a --> b --> a`.

    ## Why is this bad?
    A cascade runs from staff up to the head. In a cycle no element is above the others, so
    capaian cannot be rolled up and the chain never reaches an IKU.

    ## Example
    ```yaml
    - {id: a, jenis: sasaran, uraian: A, jabatan: kabid, induk: [b]}
    - {id: b, jenis: sasaran, uraian: B, jabatan: kabid, induk: [a]}
    ```

    ## Use instead
    ```yaml
    - {id: a, jenis: sasaran, uraian: A, jabatan: kabid, induk: [s_kadis]}
    - {id: b, jenis: sasaran, uraian: B, jabatan: kabid, induk: [a]}
    ```
    """
    _, cyclic = topological_levels(G)
    a = arrays(G)
    components = cyclic_components(induced_subgraph(G, (a.ids[i] for i in np.flatnonzero(cyclic))))
    for component in sorted(components, key=lambda c: min(a.index[n] for n in c)):
        path = _one_cycle(induced_subgraph(G, component))
        yield Hit(tuple(path), f"siklus induk: {format_cycle(path)}")
    org = stuck_positions(G)
    for component in cyclic_components(org):
        path = _one_cycle(org.subgraph(component))
        yield Hit((), f"siklus atasan: {format_cycle(path)}", tuple(path))



def _one_cycle(component: nx.DiGraph) -> list[str]:
    """A cycle through the component, starting at its smallest id for stable output."""
    start = min(component)
    return [u for u, _ in nx.find_cycle(component, source=start)]
