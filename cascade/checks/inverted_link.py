from collections.abc import Iterator

import networkx as nx

from cascade.checks.registry import CheckConfig, Hit, rule
from cascade.graph import describe, describe_jabatan, links_by_relation, owner


@rule("K107", "inverted-link", "error", "Dukungan terbalik: atasan mendukung elemen bawahannya")
def inverted_link(G: nx.DiGraph, config: CheckConfig) -> Iterator[Hit]:
    """## What it does
    Flags a link whose parent belongs to a subordinate of the child's owner: the supervisor's
    element is declared to support the subordinate's.

    ## Why is this bad?
    Results flow up the org chart. An upside-down link turns the roll-up around: the
    subordinate's element takes its capaian from the supervisor's.

    ## Example
    ```yaml
    - {id: s_kadis, jenis: sasaran, uraian: Meningkatnya X, jabatan: kadis, induk: [s_kabid]}
    ```

    ## Use instead
    ```yaml
    - {id: s_kabid, jenis: sasaran, uraian: Meningkatnya X di bidang, jabatan: kabid, induk: [s_kadis]}
    ```
    """
    for child, parent in links_by_relation(G, "inverted"):
        yield Hit((child, parent),
                  f"{describe(G, child)} milik {describe_jabatan(G, owner(G, child))} mendukung "
                  f"{describe(G, parent)} milik bawahannya, {describe_jabatan(G, owner(G, parent))}")
