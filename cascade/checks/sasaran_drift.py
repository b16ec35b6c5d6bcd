from collections.abc import Iterator

import networkx as nx

from cascade.checks.registry import CheckConfig, Hit, rule
from cascade.graph import describe, describe_jabatan, is_head, owner, role, supervisor


@rule("K203", "sasaran-drift", "warning", "Sasaran bawahan yang bukan turunan sasaran atasannya")
def sasaran_drift(G: nx.DiGraph, config: CheckConfig) -> Iterator[Hit]:
    """## What it does
    Flags a subordinate's sasaran that is linked, but to nothing of its own supervisor: it
    supports an element of a higher level or of another unit instead. Unlinked sasaran are
    reported by `orphan`.

    ## Why is this bad?
    Each sasaran program/kegiatan must derive from the supervisor's sasaran or indicator. A
    sasaran copied from elsewhere (often the head's) bypasses the supervisor's plan.

    ## Example
    ```yaml
    - {id: s_staf, jenis: sasaran, uraian: Meningkatnya peran perempuan, jabatan: staf, induk: [s_kadis]}
    ```

    ## Use instead
    ```yaml
    - {id: s_staf, jenis: sasaran, uraian: Terlaksananya pelatihan perempuan, jabatan: staf, induk: [ind_kabid]}
    ```
    """
    for node in G:
        position = owner(G, node)
        if role(G, node) != "sasaran" or position is None or is_head(G, position):
            continue
        boss = supervisor(G, position)
        parents = list(G.successors(node))
        if boss is None or not parents or any(owner(G, p) in (position, boss) for p in parents):
            continue
        shown = ", ".join(f"{describe(G, p)} milik {describe_jabatan(G, owner(G, p))}" for p in parents)
        yield Hit((node, *parents),
                  f"sasaran {describe(G, node)} tidak termasuk sasaran atasannya "
                  f"{describe_jabatan(G, boss)}; ia mendukung {shown}")
