from collections.abc import Iterator

import networkx as nx

from cascade.checks.registry import CheckConfig, Hit, rule
from cascade.graph import describe, describe_jabatan, elemen, links_by_relation, owner, role


@rule("K106", "cross-unit-link", "warning", "Dukungan lintas unit yang tidak dinyatakan sebagai crosscutting")
def cross_unit_link(G: nx.DiGraph, config: CheckConfig) -> Iterator[Hit]:
    """## What it does
    Flags an indicator or budget item that supports an element of another branch of the org
    chart (e.g. staff of one bidang supporting another bidang's indicator) without listing that
    parent in its `crosscutting` column. Sasaran are judged by `sasaran-drift` instead.

    ## Why is this bad?
    Crosscutting is legitimate only when declared (SAKIP LKE 1.2.9). An undeclared cross-unit
    link is usually a copy-paste from another unit's table.

    ## Example
    ```yaml
    - {id: i1, jenis: indikator, uraian: Jumlah KPM, jabatan: staf_dayasos, induk: [ind_rehsos]}
    ```

    ## Use instead
    ```yaml
    - {id: i1, jenis: indikator, uraian: Jumlah KPM, jabatan: staf_dayasos, induk: [ind_rehsos],
       crosscutting: [ind_rehsos]}
    ```
    """
    for child, parent in links_by_relation(G, "cross"):
        if role(G, child) == "sasaran" or parent in elemen(G, child).crosscutting:
            continue
        yield Hit((child, parent),
                  f"{describe(G, child)} milik {describe_jabatan(G, owner(G, child))} mendukung "
                  f"{describe(G, parent)} milik unit lain, {describe_jabatan(G, owner(G, parent))}, "
                  f"tanpa dinyatakan crosscutting")
