from collections.abc import Iterator

import networkx as nx
import numpy as np

from cascade.checks.registry import CheckConfig, Hit, rule
from cascade.graph import (arrays, cyclic_components, format_cycle, induced_subgraph, stuck_positions,
                           topological_levels)


@rule("K103", "cycle", "error", "Siklus: elemen atau jabatan saling mendukung melingkar")
def cycle(G: nx.DiGraph, config: CheckConfig) -> Iterator[Hit]:
    """## What it does
    Finds the groups of elements linked in a circle through `induk`, and of positions linked in a
    circle through `atasan`. Each group is reported once, with one cycle through it printed from
    its smallest id as `a --> b --> a`; when cycles share elements, fixing the one shown may
    reveal the next.

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
    """One cycle in a strongly connected component, rotated to start at its smallest id, so that
    the same data prints the same cycle. It need not pass through the component's smallest id:

    >>> _one_cycle(nx.DiGraph([("a", "c"), ("c", "d"), ("d", "b"), ("b", "c"), ("b", "a")]))
    ['b', 'c', 'd']
    """
    path = [u for u, _ in nx.find_cycle(component, source=min(component))]
    first = path.index(min(path))
    return path[first:] + path[:first]
