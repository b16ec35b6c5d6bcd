from collections.abc import Iterator

import networkx as nx
import numpy as np

from cascade.checks.registry import CheckConfig, Hit, rule
from cascade.graph import arrays, budget_ancestors, describe, elemen, is_role, role
from models.cascade import BUDGET_KINDS
from models.identifiers import budget_code_problem, code_prefix


@rule("K602", "invalid-budget-code", "error", "Kode program/kegiatan/sub-kegiatan salah bentuk atau salah induk")
def invalid_budget_code(G: nx.DiGraph, config: CheckConfig) -> Iterator[Hit]:
    """## What it does
    Checks Permendagri 90/2019 codes: the shape of each program (`1.06.01`), kegiatan
    (`1.06.01.2.01`) and sub-kegiatan (`1.06.01.2.01.0001`) code, and that a kegiatan or
    sub-kegiatan code starts with the code of the program/kegiatan it supports.

    ## Why is this bad?
    The code ties an element to its budget line (DPA). A malformed code, or a sub-kegiatan filed
    under another programme's code, makes budget and performance disagree.

    ## Example
    ```yaml
    - {id: p1, jenis: program, uraian: Program Rehabilitasi Sosial, kode: 1.06.04}
    - {id: sk1, jenis: subkegiatan, uraian: Penyediaan permakanan, kode: 1.06.05.2.01.0001, induk: [p1]}
    ```

    ## Use instead
    ```yaml
    - {id: sk1, jenis: subkegiatan, uraian: Penyediaan permakanan, kode: 1.06.04.2.01.0001, induk: [p1]}
    ```
    """
    a = arrays(G)
    for node in (a.ids[i] for i in np.flatnonzero(is_role(G, *BUDGET_KINDS)).tolist()):
        item = elemen(G, node)
        if not item.kode:
            continue
        problem = budget_code_problem(item.jenis, item.kode)
        if problem:
            yield Hit((node,), f"{describe(G, node)}: {problem}")
            continue
        for ancestor in budget_ancestors(G, node):
            above = elemen(G, ancestor)
            if above.kode and role(G, ancestor) != item.jenis and not budget_code_problem(above.jenis, above.kode):
                if code_prefix(item.kode, above.jenis) != above.kode:
                    yield Hit((node, ancestor), f"{describe(G, node)} berkode {item.kode}, tidak berada di bawah "
                                                f"{above.jenis} {describe(G, ancestor)} berkode {above.kode}")
                break
