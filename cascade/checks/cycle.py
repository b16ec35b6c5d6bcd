from collections.abc import Iterator

import networkx as nx

from cascade.checks.registry import CheckConfig, Hit, rule
from cascade.graph import cyclic_components, format_cycle, has_cycle


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
    for component in cyclic_components(G) if has_cycle(G) else ():
        path = _one_cycle(G.subgraph(component))
        yield Hit(tuple(path), f"siklus induk: {format_cycle(path)}")
    org = G.graph["org"]
    for component in cyclic_components(org):
        path = _one_cycle(org.subgraph(component))
        yield Hit((), f"siklus atasan: {format_cycle(path)}", tuple(path))



def _one_cycle(component: nx.DiGraph) -> list[str]:
    """A cycle through the component, starting at its smallest id for stable output."""
    start = min(component)
    return [u for u, _ in nx.find_cycle(component, source=start)]
