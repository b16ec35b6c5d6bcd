from collections.abc import Iterator

import networkx as nx
import numpy as np

from cascade.checks.registry import CheckConfig, Hit, rule
from cascade.graph import (arrays, describe, describe_jabatan, head_owned, is_role, org_arrays, owner, owners_array,
                           supervisor)


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
    a, owners, org = arrays(G), owners_array(G), org_arrays(G)
    boss_of = np.append(org.supervisor, -1)[owners]  # owners of -1 read the appended "no supervisor"
    child, parent = a.child_of_edge, a.parent_of_edge
    expected = (owners[parent] == owners[child]) | (owners[parent] == boss_of[child])
    has_expected_parent = np.bincount(child[expected], minlength=a.n) > 0
    drifted = is_role(G, "sasaran") & ~head_owned(G) & (boss_of >= 0) & (a.out_degree() > 0) & ~has_expected_parent
    for i in np.flatnonzero(drifted).tolist():
        node = a.ids[i]
        boss = supervisor(G, owner(G, node))
        parents = list(G.successors(node))
        shown = ", ".join(f"{describe(G, p)} milik {describe_jabatan(G, owner(G, p))}" for p in parents)
        yield Hit((node, *parents),
                  f"sasaran {describe(G, node)} tidak termasuk sasaran atasannya "
                  f"{describe_jabatan(G, boss)}; ia mendukung {shown}")
