from collections.abc import Iterator

import networkx as nx

from cascade.checks.registry import CheckConfig, Hit, rule
from cascade.graph import chain_top, describe, is_head, owner, role, traceable_nodes


@rule("K201", "not-traceable-to-iku", "error", "IKI atau sasaran yang tidak bermuara ke IKU mana pun")
def not_traceable_to_iku(G: nx.DiGraph, config: CheckConfig) -> Iterator[Hit]:
    """## What it does
    Flags every IKI and every sasaran below the head that has parents, yet no upward path to an
    IKU or to a sasaran an IKU stands under. The message names where the chain stops. Elements
    with no parent at all are reported by `orphan` instead.

    ## Why is this bad?
    An IKI that never reaches an IKU measures work that does not count toward the organisation's
    key results: the heart of a SAKIP cascading review.

    ## Example
    ```yaml
    - {id: s_kabid, jenis: sasaran, uraian: Terlaksananya rapat, jabatan: kabid}
    - {id: iki1, jenis: indikator, uraian: Jumlah rapat, jabatan: staf, induk: [s_kabid]}
    ```

    ## Use instead
    ```yaml
    - {id: s_kabid, jenis: sasaran, uraian: Meningkatnya layanan, jabatan: kabid, induk: [s_kadis]}
    - {id: iki1, jenis: indikator, uraian: Jumlah layanan, jabatan: staf, induk: [s_kabid]}
    ```
    """
    reached = traceable_nodes(G)
    for node in G:
        if node in reached or role(G, node) not in ("iki", "sasaran") or is_head(G, owner(G, node)):
            continue
        if G.out_degree(node) == 0:
            continue
        top = chain_top(G, node)
        yield Hit((node,), f"{describe(G, node)} tidak bermuara ke IKU: rantai induknya berhenti di {describe(G, top)}")
